import Foundation
import Synchronization
import Testing
import SanaTestSupport
import SanaCore
@testable import SanaStore

/// Every `ArticleStore`, for the tests each of them must pass.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqliteFile, inMemory

    var testDescription: String { rawValue }

    /// A new, empty store of this kind; `remove()` deletes whatever it keeps on disk.
    func make(now: @escaping @Sendable () -> Date = { Date() }) throws -> TestStore {
        switch self {
        case .sqliteFile:
            let folder = try TemporaryFolder("sana-store")
            return TestStore(store: try SQLiteStore(path: folder.path("test.sqlite"), now: now), folder: folder)
        case .inMemory:
            return TestStore(store: InMemoryArticleStore(now: now), folder: nil)
        }
    }
}

struct TestStore {
    let store: any ArticleStore
    let folder: TemporaryFolder?
    func remove() { folder?.remove() }
}

/// A store over a fresh SQLite file, and the file's path.
func temporarySQLiteStore(busyTimeout: TimeInterval = 10) throws -> (SQLiteStore, path: String, TemporaryFolder) {
    let folder = try TemporaryFolder("sana-store")
    let path = folder.path("test.sqlite")
    return (try SQLiteStore(path: path, busyTimeout: busyTimeout), path, folder)
}

func article(_ n: Int, category: String = "Bones", status: ArticleStatus = .published, body: String? = nil) -> Article {
    Article(id: "a\(n)", title: "Question number \(n)?", body: body ?? "Answer \(n). More text.",
            category: Category(name: category), status: status, createdAt: Date(timeIntervalSince1970: 1_700_000_000), position: n)
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let seconds: Mutex<TimeInterval>
    init(_ start: TimeInterval = 1_800_000_000) { seconds = Mutex(start) }
    var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
    func advance(_ by: TimeInterval) { seconds.withLock { $0 += by } }
}

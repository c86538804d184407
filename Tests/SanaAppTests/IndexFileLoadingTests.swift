import Foundation
import SanaTestSupport
import Logging
import Synchronization
import Testing
import SanaCore
import SanaSearch
import SanaStore
import SanaApp

/// Log lines kept for a test to read.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(box: self) }
    }

    struct Handler: LogHandler {
        let box: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { box.lines.withLock { $0.append("\(event.level): \(event.message)") } }
    }
}

private func joints(_ id: String, _ title: String, _ body: String, status: ArticleStatus = .published) -> Article {
    Article(id: id, title: title, body: body, category: Category(name: "Joints"), focus: String(title.dropFirst(8).dropLast()), status: status)
}

private func answers(_ index: SearchIndex, scores: Bool = true) -> [[String]] {
    ["gout", "bursitis", "monosodium urate", "tendon swelling", "joints"].map { q in
        index.search(q).results.map { scores ? "\($0.id) \($0.score)" : $0.id }
    }
}

@Suite struct IndexFileLoadingTests {
    /// A restarted server opens the saved file and applies what was written since (new, edited
    /// and unpublished articles), answering as an index built from scratch would.
    @Test func startsFromTheFileAndAppliesWhatCameSince() async throws {
        let folder = try TemporaryFolder("sana-index-load"); defer { folder.remove() }
        let store = try SQLiteStore(path: folder.path("site.sqlite"))
        let file = try #require(indexFilePath(database: "sqlite:" + folder.path("site.sqlite")))
        #expect(file == folder.path("site.sqlite.index"))
        let log = LogLines()
        _ = try await store.write([joints("gout", "What is gout?", "Gout is arthritis from urate crystals."),
                                   joints("bursitis", "What is bursitis?", "Bursitis is swelling of a bursa.")])
        let first = try await loadSearchIndex(from: store, file: file, englishWords: .none, logger: log.logger)
        #expect(first.savedPosition == nil)
        #expect(log.all.contains { $0.contains("no index file") })
        #expect(saveIndexFile(first.index, to: file, position: first.position, logger: log.logger))

        _ = try await store.upsert(joints("gout", "What is gout?", "Gout is arthritis from monosodium urate crystals in a joint."))
        _ = try await store.upsert(joints("bursitis", "What is bursitis?", "Bursitis is swelling of a bursa.", status: .draft))
        _ = try await store.upsert(joints("tendinitis", "What is tendinitis?", "Tendinitis is swelling of a tendon near the joints."))
        let restarted = try await loadSearchIndex(from: store, file: file, englishWords: .none, logger: log.logger)
        #expect(restarted.savedPosition == first.position)
        #expect(restarted.position == (try await store.latestChange()))
        #expect(restarted.index.mappedBytes > 0)
        #expect(restarted.index.search("monosodium").results.first?.id == "gout")
        #expect(restarted.index.search("bursitis").results.isEmpty)
        // Scores differ slightly: removed postings count towards term rarity until compaction.
        let fresh = try await loadSearchIndex(from: store, englishWords: .none)
        #expect(answers(restarted.index, scores: false) == answers(fresh, scores: false))
    }

    /// The follower saves the index once enough changes came, and a server started afterwards
    /// opens that file with nothing left to apply.
    @Test func theFollowerSavesWhatARestartedServerSees() async throws {
        let folder = try TemporaryFolder("sana-index-follow"); defer { folder.remove() }
        let path = folder.path("site.sqlite")
        let served = try SQLiteStore(path: path)
        let file = folder.path("site.sqlite.index")
        let log = LogLines()
        _ = try await served.write([joints("gout", "What is gout?", "Gout is arthritis from urate crystals.")])
        let loaded = try await loadSearchIndex(from: served, file: file, englishWords: .none, logger: log.logger)
        let follower = IndexFollower(store: served, index: loaded.index, position: loaded.position, indexFile: file,
                                     savedPosition: loaded.savedPosition, saveAfter: 2, logger: log.logger)
        #expect(await follower.saveIfDue())  // no file yet: saved
        #expect(await follower.saveIfDue() == false)

        let importer = try SQLiteStore(path: path)
        _ = try await importer.write([joints("bursitis", "What is bursitis?", "Bursitis is swelling of a bursa.")])
        #expect(try await follower.catchUp() == 1)
        #expect(await follower.saveIfDue() == false)  // one change: not yet worth a save
        _ = try await importer.write([joints("tendinitis", "What is tendinitis?", "Tendinitis is swelling of a tendon.")])
        #expect(try await follower.catchUp() == 1)
        #expect(await follower.saveIfDue())

        let (opened, position) = try SearchIndex.open(file: file)
        #expect(position == (try await importer.latestChange()))
        #expect(opened.search("tendinitis").results.first?.id == "tendinitis")
        #expect(opened.search("bursitis").results.first?.id == "bursitis")
        let restarted = try await loadSearchIndex(from: served, file: file, englishWords: .none, logger: log.logger)
        #expect(restarted.savedPosition == restarted.position)
        #expect(answers(restarted.index) == answers(loaded.index))
    }

    /// A damaged file, one from another version, or one ahead of the database (the database was
    /// replaced by an older copy) is never used: the index is built from the database, the
    /// reason is logged, and the answers are those of a fresh build.
    @Test(arguments: ["garbage", "truncated", "flipped", "ahead"])
    func unusableFilesAreRebuiltAndTheReasonLogged(damage: String) async throws {
        let folder = try TemporaryFolder("sana-index-damage"); defer { folder.remove() }
        let store = try SQLiteStore(path: folder.path("site.sqlite"))
        let file = folder.path("site.sqlite.index")
        let log = LogLines()
        _ = try await store.write([joints("gout", "What is gout?", "Gout is arthritis from urate crystals."),
                                   joints("bursitis", "What is bursitis?", "Bursitis is swelling of a bursa.")])
        let built = try await loadSearchIndex(from: store, file: file, englishWords: .none, logger: log.logger)
        let latest = try await store.latestChange()
        try built.index.save(file: file, position: damage == "ahead" ? latest + 100 : latest)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        switch damage {
        case "garbage": bytes = Data("this is not an index".utf8)
        case "truncated": bytes = bytes.prefix(bytes.count * 2 / 3)
        case "flipped": bytes[bytes.count / 2] ^= 1
        default: break
        }
        try bytes.write(to: URL(fileURLWithPath: file))
        let loaded = try await loadSearchIndex(from: store, file: file, englishWords: .none, logger: log.logger)
        #expect(loaded.savedPosition == nil)
        #expect(loaded.index.mappedBytes == 0)
        #expect(log.all.contains { $0.hasPrefix("warning") && $0.contains("rebuilding from the database") }, "\(log.all)")
        #expect(answers(loaded.index) == answers(built.index))
    }
}

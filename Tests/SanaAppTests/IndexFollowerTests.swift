import Foundation
import SanaTestSupport
import GRDB
import Logging
import Testing
import SanaCore
import SanaStore
import SanaApp

@Suite struct IndexFollowerTests {
    /// What another process (`sana import`) writes to the database reaches a serving process's
    /// index: new articles are found, edits replace the old text, unpublished ones go.
    @Test func appliesWhatAnotherConnectionWrote() async throws {
        let folder = try TemporaryFolder("sana-follow"); defer { folder.remove() }
        let dir = folder.url
        let path = dir.appendingPathComponent("site.sqlite").path
        let served = try SQLiteStore(path: path)
        let gout = Article(id: "gout", title: "What is gout?", body: "Gout is arthritis from urate crystals.", category: Category(name: "Joints"), focus: "Gout")
        _ = try await served.upsert(gout)
        let position = try await served.latestChange()
        let index = try await loadSearchIndex(from: served)
        let follower = IndexFollower(store: served, index: index, position: position, logger: Logger(label: "test"))
        #expect(try await follower.catchUp() == 0)

        let importer = try SQLiteStore(path: path)
        let bursitis = Article(id: "bursitis", title: "What is bursitis?", body: "Bursitis is swelling of a bursa.", category: Category(name: "Joints"), focus: "Bursitis")
        _ = try await importer.write([bursitis])
        #expect(index.search("bursitis").results.isEmpty)
        #expect(try await follower.catchUp() == 1)
        #expect(index.search("bursitis").results.first?.id == "bursitis")

        var edited = gout
        edited.body = "Gout is arthritis from monosodium urate crystals in a joint."
        _ = try await importer.upsert(edited)
        var hidden = bursitis
        hidden.status = .draft
        _ = try await importer.upsert(hidden)
        #expect(try await follower.catchUp() == 2)
        #expect(index.search("monosodium").results.first?.id == "gout")
        #expect(index.search("bursitis").results.isEmpty)
        #expect(await follower.position == (try await importer.latestChange()))
    }
}

extension IndexFollowerTests {
    /// A database restored from a backup goes back to older change numbers; the follower notices
    /// and reloads, so articles written after the backup stop being answers and restored text
    /// comes back, instead of the index going stale for good.
    @Test func reloadsWhenTheDatabaseIsRestoredFromABackup() async throws {
        let folder = try TemporaryFolder("sana-restore"); defer { folder.remove() }
        let dir = folder.url
        let path = dir.appendingPathComponent("site.sqlite").path
        let served = try SQLiteStore(path: path)
        let gout = Article(id: "gout", title: "What is gout?", body: "Gout is arthritis from urate crystals.", category: Category(name: "Joints"), focus: "Gout")
        let bursitis = Article(id: "bursitis", title: "What is bursitis?", body: "Bursitis is swelling of a bursa.", category: Category(name: "Joints"), focus: "Bursitis")
        _ = try await served.write([gout, bursitis])
        let backupPath = dir.appendingPathComponent("backup.sqlite").path
        try DatabasePool(path: path).backup(to: DatabaseQueue(path: backupPath))

        let index = try await loadSearchIndex(from: served)
        let follower = IndexFollower(store: served, index: index, position: try await served.latestChange(), logger: Logger(label: "test"))
        let importer = try SQLiteStore(path: path)
        var edited = gout
        edited.body = "Gout is arthritis from monosodium urate crystals in a joint."
        let asthma = Article(id: "asthma", title: "What is asthma?", body: "Asthma narrows the airways.", category: Category(name: "Lungs"), focus: "Asthma")
        _ = try await importer.write([edited, asthma])
        #expect(try await follower.catchUp() == 2)
        #expect(index.search("asthma").results.first?.id == "asthma")
        let before = await follower.position

        // An operator restores yesterday's backup into the live database.
        try DatabaseQueue(path: backupPath).backup(to: DatabasePool(path: path))
        #expect(try await served.latestChange() < before)
        #expect(try await follower.catchUp() == 2)
        #expect(index.search("asthma").results.isEmpty, "an article the backup does not hold stops being an answer")
        #expect(index.search("monosodium").results.isEmpty, "the restored text replaces the later edit")
        let stored = try await served.allArticles().reduce(into: [String]()) { $0.append($1.id + ":" + $1.body) }
        #expect(index.search("urate crystals").results.first?.id == "gout", "\(index.search("urate crystals").results.map(\.id)) \(index.search("gout").results.map(\.id)) \(stored)")
        #expect(index.count == 2)
        #expect(await follower.position == (try await served.latestChange()))
        // And it follows the restored database from there on.
        _ = try await importer.write([asthma])
        #expect(try await follower.catchUp() == 1)
        #expect(index.search("asthma").results.first?.id == "asthma")
    }
}

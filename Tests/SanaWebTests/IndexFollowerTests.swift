import Foundation
import Logging
import Testing
import SanaCore
import SanaStore
@testable import SanaWeb

@Suite struct IndexFollowerTests {
    /// What another process (`sana import`) writes to the database reaches a serving process's
    /// index: new articles are found, edits replace the old text, unpublished ones go.
    @Test func appliesWhatAnotherConnectionWrote() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sana-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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

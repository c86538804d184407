import Foundation
import GRDB
import Testing
import SanaCore
@testable import SanaStore

@Suite struct ChangeSequenceTests {
    @Test func everyWriteTakesTheNextNumberAndUnchangedOnesNone() async throws {
        let (store, _) = try temporaryStore()
        #expect(try await store.latestChange() == 0)
        _ = try await store.write([article(1), article(2), article(3)])
        #expect(try await store.latestChange() == 3)
        #expect(try await store.changes(after: 0, limit: 10).articles.map(\.id) == ["a1", "a2", "a3"])
        let page = try await store.changes(after: 0, limit: 2)
        #expect(page.articles.map(\.id) == ["a1", "a2"] && page.last == 2)
        #expect(try await store.changes(after: page.last, limit: 2).articles.map(\.id) == ["a3"])

        #expect(try await store.upsert(article(1)) == .unchanged)
        #expect(try await store.latestChange() == 3)
        #expect(try await store.upsert(article(1, body: "A better answer.")) == .updated)
        #expect(try await store.upsert(article(2, status: .draft)) == .updated)
        #expect(try await store.archive(id: "a3"))
        let later = try await store.changes(after: 3, limit: 10)
        #expect(later.articles.map(\.id) == ["a1", "a2", "a3"])
        #expect(later.articles.map(\.status) == [.published, .draft, .archived])
        #expect(later.last == 6)
        #expect(try await store.changes(after: 6, limit: 10).articles.isEmpty)
    }

    @Test func aDatabaseFromBeforeTheSequenceIsMigratedWithItsArticles() async throws {
        let (store, path) = try temporaryStore()
        _ = try await store.write([article(1), article(2)])
        // Roll the file back to the first schema, as an older Sana left it.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP INDEX article_on_change_seq")
            try db.execute(sql: "ALTER TABLE article DROP COLUMN change_seq")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-change-sequence'")
        }
        try queue.close()
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.article(id: "a2")?.title == "Question number 2?")
        #expect(try await reopened.latestChange() == 0)
        _ = try await reopened.upsert(article(2, body: "Changed."))
        #expect(try await reopened.changes(after: 0, limit: 10).articles.map(\.id) == ["a2"])
    }
}

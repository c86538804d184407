import Foundation
import SanaTestSupport
import GRDB
import Testing
import SanaCore
@testable import SanaStore

/// What only the SQLite store has: files, schema and the databases it is handed.
@Suite struct SQLiteStoreTests {
    @Test func reopeningAnExistingFileKeepsData() async throws {
        let (store, path, folder) = try temporarySQLiteStore(); defer { folder.remove() }
        _ = try await store.upsert(article(1))
        let again = try SQLiteStore(path: path)
        #expect(try await again.article(id: "a1")?.title == "Question number 1?")
        try await again.checkHealth()
    }

    /// A store works on any GRDB writer: here a queue in memory, then a queue on a file that a
    /// pool opens afterwards.
    @Test func worksOnADatabaseTheCallerOpened() async throws {
        let inMemory = try SQLiteStore(writer: try DatabaseQueue())
        #expect(try await inMemory.upsert(article(1)) == .added)
        #expect(try await inMemory.changes(after: 0, limit: 5).articles.map(\.id) == ["a1"])

        let folder = try TemporaryFolder(); defer { folder.remove() }
        let queueStore = try SQLiteStore(writer: try DatabaseQueue(path: folder.path("queue.sqlite")))
        _ = try await queueStore.write([article(1), article(2)], skipInvalid: false, dryRun: false)
        let pooled = try SQLiteStore(path: folder.path("queue.sqlite"))
        #expect(try await pooled.counts().total == 2)
    }

    /// The columns come from the record's coding keys; they must be the table's, all of them.
    @Test func theRecordCoversEveryColumnOfTheTable() throws {
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        let columns = try queue.read { db in try db.columns(in: ArticleRecord.databaseTableName).map(\.name) }
        #expect(Set(columns) == Set(ArticleRecord.CodingKeys.allCases.map(\.stringValue)))
        #expect(columns.count == 24)
    }

    /// Rows are stored as before the record was Codable: lists as compact JSON with unescaped
    /// slashes, dates as text to the millisecond.
    @Test func storesListsAndDatesAsItAlwaysHas() async throws {
        let (store, path, folder) = try temporarySQLiteStore(); defer { folder.remove() }
        var a = article(1)
        a.sources = [Source(title: "NIH", url: "https://example.org/a/b", licence: "public")]
        a.alsoCalled = ["one", "two"]
        a.reviewedAt = Date(timeIntervalSince1970: 1_700_000_000.5)
        _ = try await store.upsert(a)
        let row = try #require(try DatabaseQueue(path: path).read { db in try Row.fetchOne(db, sql: "SELECT * FROM article") })
        #expect(row["sources"] as String == #"[{"licence":"public","title":"NIH","url":"https://example.org/a/b"}]"#)
        #expect(row["also_called"] as String == #"["one","two"]"#)
        #expect(row["tags"] as String == "[]")
        #expect(row["status"] as String == "published")
        #expect(row["reviewed_at"] as String == "2023-11-14 22:13:20.500")
        #expect(row["focus"] as DatabaseValue == .null)
        #expect(row["change_seq"] as Int == 1)
    }
}

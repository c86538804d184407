import Foundation
import GRDB
import Synchronization
import Testing
import SanaCore
@testable import SanaStore

/// Change numbers in SQLite: taken from a counter inside each write's transaction, carried over
/// from older databases, never taken twice, whichever process writes.
@Suite struct ChangeCounterTests {
    @Test func aDatabaseFromBeforeTheSequenceIsMigratedWithItsArticles() async throws {
        let (store, path, folder) = try temporarySQLiteStore(); defer { folder.remove() }
        _ = try await store.write([article(1), article(2)], skipInvalid: false, dryRun: false)
        // Roll the file back to the first schema, as an older Sana left it.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP TABLE change_counter")
            try db.execute(sql: "DROP INDEX article_on_change_seq")
            try db.execute(sql: "ALTER TABLE article DROP COLUMN change_seq")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('v2-change-sequence', 'v3-change-counter')")
        }
        try queue.close()
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.article(id: "a2")?.title == "Question number 2?")
        #expect(try await reopened.latestChange() == 0)
        _ = try await reopened.upsert(article(2, body: "Changed."))
        #expect(try await reopened.changes(after: 0, limit: 10).articles.map(\.id) == ["a2"])
    }

    /// A database the previous Sana wrote (numbers taken as one past the highest) goes on from
    /// its highest number, so a serving process that followed it misses nothing.
    @Test func aDatabaseFromBeforeTheCounterGoesOnFromItsHighestNumber() async throws {
        let (store, path, folder) = try temporarySQLiteStore(); defer { folder.remove() }
        _ = try await store.write([article(1), article(2), article(3)], skipInvalid: false, dryRun: false)
        _ = try await store.upsert(article(1, body: "Changed."))
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP TABLE change_counter")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-change-counter'")
        }
        try queue.close()
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.latestChange() == 4)
        _ = try await reopened.upsert(article(2, body: "Changed."))
        let next = try await reopened.changes(after: 4, limit: 10)
        #expect(next.articles.map(\.id) == ["a2"] && next.last == 5)
    }

    /// With numbers read off the articles, deleting the newest row would hand its number out
    /// again, and a reader already past it would never see that write.
    @Test func aNumberIsNeverTakenTwiceEvenWhenItsArticleIsGone() async throws {
        let (store, path, folder) = try temporarySQLiteStore(); defer { folder.remove() }
        _ = try await store.write([article(1), article(2)], skipInvalid: false, dryRun: false)
        let seen = try await store.latestChange()
        try await DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM article WHERE id = 'a2'") }
        // Going back would look like a restored database to a serving process's follower.
        #expect(try await store.latestChange() == seen)
        _ = try await store.upsert(article(3))
        #expect(try await store.changes(after: seen, limit: 10).articles.map(\.id) == ["a3"])
    }

    /// Two stores on one file, as two processes (an import and an editor) would hold it, write
    /// at once while a third follows the changes: no number is taken twice or skipped, a
    /// follower's position only grows, and it ends up with the last version of every article.
    @Test func twoWritersOnOneFileNeverShareOrSkipANumber() async throws {
        let (first, path, folder) = try temporarySQLiteStore(); defer { folder.remove() }
        let second = try SQLiteStore(path: path)
        let follower = try SQLiteStore(path: path)
        let finished = Mutex(false)
        let writers = Task {
            async let a = Self.writeRounds(first, "first")
            async let b = Self.writeRounds(second, "second")
            let written = try await a + b
            finished.withLock { $0 = true }
            return written
        }
        var position = 0
        var latest: [String: Article] = [:]
        func follow() async throws {
            while true {
                let page = try await follower.changes(after: position, limit: 7)
                guard page.last > position else { return }
                position = page.last
                for article in page.articles { latest[article.id] = article }
            }
        }
        while !finished.withLock({ $0 }) {
            try await follow()
            await Task.yield()
        }
        let written = try await writers.value
        try await follow()

        #expect(try await follower.latestChange() == written, "every write took one number")
        #expect(position == written)
        let numbers = try await DatabaseQueue(path: path).read { db in try Int.fetchAll(db, sql: "SELECT change_seq FROM article") }
        #expect(Set(numbers).count == numbers.count, "no number taken twice")
        var stored: [String: Article] = [:]
        for try await article in follower.allArticles() { stored[article.id] = article }
        #expect(latest == stored, "the follower saw the last version of every article")
        #expect(stored.count == 2 * Self.rounds + 5)
    }

    static let rounds = 40

    /// Each round writes an article of its own and one of five shared ones in a batch, then
    /// edits its own; returns how many writes changed something.
    static func writeRounds(_ store: SQLiteStore, _ name: String) async throws -> Int {
        var changed = 0
        for i in 1...rounds {
            let own = Article(id: "\(name)-\(i)", title: "\(name) question \(i)?", body: "Body.", category: Category(name: "C"))
            let shared = Article(id: "shared-\(i % 5)", title: "Shared question \(i % 5)?", body: "\(name) wrote round \(i).", category: Category(name: "C"))
            let report = try await store.write([own, shared], skipInvalid: false, dryRun: false)
            changed += report.tally.added + report.tally.updated
            var edited = own
            edited.body = "Edited."
            if try await store.upsert(edited) != .unchanged { changed += 1 }
        }
        return changed
    }
}

import Foundation
import GRDB
import SanaCore
import Synchronization

/// Articles kept in memory with the semantics of `SQLiteStore`: the same validation errors,
/// revisions, change numbers, orders and precision of dates (both pass the same conformance
/// tests). For tests that want a store without a file; nothing outlives the process.
public final class InMemoryArticleStore: ArticleStore {
    struct Entry {
        var article: Article
        /// See `ArticleStore.changes(after:limit:)`.
        var change: Int
    }

    struct Contents {
        var articles: [BinaryText: Entry] = [:]
        var idsBySlug: [BinaryText: String] = [:]
        /// Earlier versions by article id, then revision number, as `RevisionDocument`s.
        var revisions: [BinaryText: [Int: String]] = [:]
        var lastChange = 0
    }

    let contents = Mutex(Contents())
    private let now: @Sendable () -> Date

    /// An empty store; `now` dates revisions and changed articles that carry no later date.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func upsert(_ article: Article) async throws -> UpsertOutcome {
        // `save` throws before it changes anything, so a rejected article leaves no trace.
        try contents.withLock { try save(article, into: &$0) }
    }

    public func write(_ articles: [Article], skipInvalid: Bool = false, dryRun: Bool = false) async throws -> WriteReport {
        try contents.withLock { contents in
            // Written to a copy, kept only when the whole batch went through.
            var working = contents
            var report = WriteReport()
            for (index, article) in articles.enumerated() {
                do {
                    report.tally.count(try save(article, into: &working))
                } catch let error as StoreError where skipInvalid {
                    report.rejected.append((index, error))
                }
            }
            if !dryRun { contents = working }
            return report
        }
    }

    private func save(_ incoming: Article, into contents: inout Contents) throws -> UpsertOutcome {
        let key = BinaryText(incoming.id)
        let existing = contents.articles[key]
        let write = try ArticleWrite(incoming, existing: existing?.article,
                                     slugOwner: contents.idsBySlug[BinaryText(incoming.slug)], now: now)
        switch write {
        case .unchanged:
            break
        case let .add(article):
            contents.store(article)
        case let .reposition(position):
            contents.articles[key]?.article.position = position
            contents.lastChange += 1
            contents.articles[key]?.change = contents.lastChange
        case let .revise(article, previous, _):
            let document = try RevisionDocument.encode(previous)
            contents.revisions[key, default: [:]][previous.revision] = document
            contents.store(article)
        }
        return write.outcome
    }

    public func archive(id: String) async throws -> Bool {
        guard var a = try await article(id: id) else { return false }
        a.status = .archived
        a.updatedAt = now()
        _ = try await upsert(a)
        return true
    }

    public func checkHealth() async throws {}
}

extension InMemoryArticleStore.Contents {
    /// Stores `article` under the next change number, as SQLite would give it back.
    mutating func store(_ article: Article) {
        let stored = Self.storedForm(of: article)
        let key = BinaryText(stored.id)
        if let old = articles[key]?.article.slug { idsBySlug[BinaryText(old)] = nil }
        idsBySlug[BinaryText(stored.slug)] = stored.id
        lastChange += 1
        articles[key] = InMemoryArticleStore.Entry(article: stored, change: lastChange)
    }

    /// The article after the trip through an `article` row: the same mapping of fields, and
    /// dates to the millisecond, the precision they are kept at as SQLite text.
    static func storedForm(of article: Article) -> Article {
        var a = ArticleRecord(article, change: 0).article
        func kept(_ date: Date) -> Date { Date.fromDatabaseValue(date.databaseValue) ?? date }
        a.createdAt = kept(a.createdAt)
        a.updatedAt = kept(a.updatedAt)
        a.reviewedAt = a.reviewedAt.map(kept)
        a.nextReviewDue = a.nextReviewDue.map(kept)
        return a
    }
}

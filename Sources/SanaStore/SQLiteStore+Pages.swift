import Foundation
import GRDB
import SanaCore

private typealias Columns = ArticleRecord.Columns

/// The reads pages make on every request. Each is one range of an index made for it (migration
/// "v4-indexed-pages") or the maintained counts, so its cost does not grow with the store.
/// `+status` keeps SQLite from reading a status-led index (every published article) instead.
extension SQLiteStore {
    /// The columns of an `ArticleLink`, read without the body.
    private static let linkColumns = "id, slug, title, summary, position"
    private static let published = ArticleStatus.published.rawValue

    private static func link(_ row: Row) -> ArticleLink {
        ArticleLink(id: row["id"], slug: row["slug"], title: row["title"], summary: row["summary"], position: row["position"])
    }

    public func articles(inCategory slug: String, offset: Int, limit: Int) async throws -> ArticlePage {
        try await writer.read { db in
            let total = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(n), 0) FROM article_count WHERE status = ? AND category_slug = ?
                """, arguments: [Self.published, slug]) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.linkColumns) FROM article INDEXED BY article_in_reading_order
                WHERE category_slug = ? AND status = ? ORDER BY position, title, id LIMIT ? OFFSET ?
                """, arguments: [slug, Self.published, max(0, limit), max(0, offset)])
            return ArticlePage(items: rows.map(Self.link), total: total, offset: offset, limit: limit)
        }
    }

    public func neighbours(of a: Article) async throws -> (previous: ArticleLink?, next: ArticleLink?) {
        try await writer.read { db in
            func titled(_ title: String?) throws -> ArticleLink? {
                guard let title else { return nil }
                return try Row.fetchOne(db, sql: """
                    SELECT \(Self.linkColumns) FROM article WHERE title = ? AND +status = ? AND id <> ? ORDER BY id LIMIT 1
                    """, arguments: [title, Self.published, a.id]).map(Self.link)
            }
            // Row values compare (position, title, id) as the reading order does, so each side is
            // the first entry of a range of `article_in_reading_order`.
            func beside(_ comparison: String, _ direction: String) throws -> ArticleLink? {
                try Row.fetchOne(db, sql: """
                    SELECT \(Self.linkColumns) FROM article INDEXED BY article_in_reading_order
                    WHERE category_slug = ? AND status = ? AND (position, title, id) \(comparison) (?, ?, ?) AND id <> ?
                    ORDER BY position \(direction), title \(direction), id \(direction) LIMIT 1
                    """, arguments: [a.category.slug, Self.published, a.position, a.title, a.id, a.id]).map(Self.link)
            }
            let previous = try titled(a.previousTitle) ?? beside("<", "DESC")
            let next = try titled(a.nextTitle) ?? beside(">", "ASC")
            return (previous, next)
        }
    }

    public func resolveExcerpts(_ excerpts: [String]) async throws -> [ArticleLink] {
        try await writer.read { db in
            var seen = Set<String>()
            var links: [ArticleLink] = []
            for raw in excerpts {
                let prefix = Excerpt.stem(raw)
                guard prefix.count >= 8 else { continue }
                // A title match first; else the smallest id among summaries and bodies.
                let found = try Self.firstStarting(with: prefix, in: ["title"], db)
                    ?? Self.firstStarting(with: prefix, in: ["summary", "body"], db)
                if let found, seen.insert(found.id).inserted { links.append(found) }
            }
            return links
        }
    }

    /// The published article with the smallest id whose `columns` (any) start with `prefix`, as
    /// `LIKE 'prefix%'` matches. The indexed openings (`excerptKey`) narrow it to a range; `LIKE`
    /// decides, so an opening longer than the key is still checked in full.
    private static func firstStarting(with prefix: String, in columns: [String], _ db: Database) throws -> ArticleLink? {
        let key = String(String.UnicodeScalarView(asciiLowercased(prefix).unicodeScalars.prefix(SQLiteMigrations.excerptKeyLength)))
        // U+10FFFF sorts after any character an opening can continue with.
        let arguments: StatementArguments = [key, key + "\u{10FFFF}", likeEscaped(prefix) + "%", published]
        let matches = columns.map { column in
            let opening = SQLiteMigrations.excerptKey(column)
            return """
                SELECT \(linkColumns) FROM article WHERE \(opening) >= ?1 AND \(opening) < ?2
                AND \(column) LIKE ?3 ESCAPE '\\' AND +status = ?4
                """
        }
        return try Row.fetchOne(db, sql: matches.joined(separator: " UNION ") + " ORDER BY id LIMIT 1", arguments: arguments).map(link)
    }

    /// ASCII letters in lower case, the rest as it is: how SQLite's `lower()` and `LIKE` fold case.
    static func asciiLowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    public func recentlyChanged(limit: Int, byReview: Bool) async throws -> [Article] {
        try await writer.read { db in
            // Each ORDER BY is exactly an index's (`article_by_review`, `article_by_update`).
            let order = byReview ? "reviewed_at IS NULL, reviewed_at DESC, updated_at DESC, id" : "updated_at DESC, id"
            return try ArticleRecord.fetchAll(db, sql: "SELECT * FROM article WHERE status = ? ORDER BY \(order) LIMIT ?",
                                              arguments: [Self.published, max(0, limit)]).map(\.article)
        }
    }

    public func articles(withStatus status: ArticleStatus, limit: Int) async throws -> [Article] {
        try await writer.read { db in
            // `article_by_update`'s order.
            try ArticleRecord.fetchAll(db, sql: "SELECT * FROM article WHERE status = ? ORDER BY updated_at DESC, id LIMIT ?",
                                       arguments: [status.rawValue, max(0, limit)]).map(\.article)
        }
    }

    public func reviewsDue(before date: Date, limit: Int) async throws -> [Article] {
        try await writer.read { db in
            // `article_by_review_due`'s order.
            try ArticleRecord.fetchAll(db, sql: """
                SELECT * FROM article WHERE status = ? AND next_review_due IS NOT NULL AND next_review_due < ?
                ORDER BY next_review_due, id LIMIT ?
                """, arguments: [Self.published, date, max(0, limit)]).map(\.article)
        }
    }

    public func counts() async throws -> StoreCounts {
        try await writer.read { db in
            var byStatus: [ArticleStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, SUM(n) AS n FROM article_count GROUP BY status HAVING SUM(n) > 0") {
                if let s = ArticleStatus(rawValue: row["status"]) { byStatus[s] = row["n"] }
            }
            let byCategory = try Row.fetchAll(db, sql: """
                SELECT category_slug, MIN(category_name) AS name, SUM(n) AS n FROM article_count
                WHERE status = ? AND n > 0 GROUP BY category_slug ORDER BY name
                """, arguments: [Self.published])
                .map { CategoryCount(category: Category(name: $0["name"], slug: $0["category_slug"]), count: $0["n"]) }
            return StoreCounts(byStatus: byStatus, byCategory: byCategory)
        }
    }
}

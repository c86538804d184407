import Foundation
import GRDB
import SanaCore

/// The embedded store: one SQLite file in WAL mode, so readers keep working while an import writes.
public struct SQLiteStore: ArticleStore {
    private let pool: DatabasePool
    private let now: @Sendable () -> Date

    /// Opens (creating when missing) the database at `path` and migrates it to the current schema.
    /// A write waits up to `busyTimeout` seconds for another process's write to finish.
    public init(path: String, busyTimeout: TimeInterval = 10, now: @escaping @Sendable () -> Date = { Date() }) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try SQLiteMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            // In WAL mode SQLite reports a read-only file (or folder) as "unable to open".
            let folder = (path as NSString).deletingLastPathComponent
            let fm = FileManager.default
            if fm.fileExists(atPath: path), !fm.isWritableFile(atPath: path) || !fm.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
                throw StorageFailure(kind: .readOnly, detail: error.message ?? "\(error.resultCode)")
            }
            throw error
        }
        self.now = now
    }

    public func upsert(_ article: Article) async throws -> UpsertOutcome {
        try await pool.write { db in try save(article, db) }
    }

    public func write(_ articles: [Article], skipInvalid: Bool = false, dryRun: Bool = false) async throws -> WriteReport {
        try await pool.writeWithoutTransaction { db in
            var report = WriteReport()
            try db.inTransaction {
                for (index, a) in articles.enumerated() {
                    if skipInvalid {
                        do {
                            // A savepoint per article so a rejected one leaves nothing behind.
                            try db.inSavepoint { report.tally.count(try save(a, db)); return .commit }
                        } catch let error as StoreError {
                            report.rejected.append((index, error))
                        }
                    } else {
                        report.tally.count(try save(a, db))
                    }
                }
                return dryRun ? .rollback : .commit
            }
            return report
        }
    }

    private func save(_ incoming: Article, _ db: Database) throws -> UpsertOutcome {
        try validate(incoming)
        if let other = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM article WHERE slug = ?"), arguments: [incoming.slug]),
           other != incoming.id {
            throw StoreError.duplicateSlug(slug: incoming.slug, id: incoming.id, existingID: other)
        }
        guard let existingRecord = try ArticleRecord.fetchOne(
            db.cachedStatement(sql: ArticleRecord.selection + " WHERE id = ?"), arguments: [incoming.id]) else {
            var fresh = incoming
            fresh.revision = max(1, incoming.revision)
            try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(try ArticleRecord(fresh).values))
            return .added
        }
        let existing = try existingRecord.article()
        if existing.hasSameContent(as: incoming) && existing.position == incoming.position { return .unchanged }
        if existing.hasSameContent(as: incoming) {
            try db.execute(sql: "UPDATE article SET position = ?, change_seq = \(Self.nextChange) WHERE id = ?", arguments: [incoming.position, incoming.id])
            return .updated
        }
        try RevisionRecord(articleId: existing.id, revision: existing.revision, savedAt: now(),
                           document: try Self.encode(existing)).insert(db, onConflict: .replace)
        var next = incoming
        let (revision, overflow) = existing.revision.addingReportingOverflow(1)
        if overflow { throw StoreError.invalid(id: incoming.id, field: "revision", message: "\(existing.revision) is the last revision number; it cannot change again") }
        next.revision = revision
        next.createdAt = existing.createdAt
        if next.updatedAt <= existing.updatedAt { next.updatedAt = now() }
        try db.cachedStatement(sql: Self.updateSQL).execute(arguments: StatementArguments(try ArticleRecord(next).values + [next.id]))
        return .updated
    }

    private func validate(_ a: Article) throws {
        if a.id.isEmpty { throw StoreError.invalid(id: a.id, field: "id", message: "must not be empty") }
        // SQLite binds text up to the first NUL: "a\u{0}x" would be stored as "a".
        if let (field, c) = a.firstControlCharacter() {
            throw StoreError.invalid(id: ControlCharacters.escaped(a.id), field: field, message: "contains control character \(ControlCharacters.name(c))")
        }
        if !Slug.isValid(a.slug) { throw StoreError.invalid(id: a.id, field: "slug", message: "'\(a.slug)' is not a URL-safe slug") }
        if a.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw StoreError.invalid(id: a.id, field: "title", message: "must not be empty") }
    }

    public func article(id: String) async throws -> Article? {
        try await pool.read { db in try ArticleRecord.fetchOne(db, key: id)?.article() }
    }

    public func slugsByID() async throws -> [String: String] {
        try await pool.read { db in
            var out: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, slug FROM article")
            while let row = try rows.next() { out[row[0]] = row[1] }
            return out
        }
    }

    public func article(slug: String) async throws -> Article? {
        try await pool.read { db in
            try ArticleRecord.fetchOne(db, sql: ArticleRecord.selection + " WHERE slug = ?", arguments: [slug])?.article()
        }
    }

    public func articles(inCategory slug: String, offset: Int, limit: Int) async throws -> ArticlePage {
        try await pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article WHERE category_slug = ? AND status = 'published'", arguments: [slug]) ?? 0
            let rows = try ArticleRecord.fetchAll(db, sql: ArticleRecord.selection + """
                 WHERE category_slug = ? AND status = 'published'
                ORDER BY position, title, id LIMIT ? OFFSET ?
                """, arguments: [slug, max(0, limit), max(0, offset)])
            return ArticlePage(items: rows.map(\.link), total: total, offset: offset, limit: limit)
        }
    }

    public func neighbours(of article: Article) async throws -> (previous: ArticleLink?, next: ArticleLink?) {
        try await pool.read { db in
            func titled(_ title: String?) throws -> ArticleLink? {
                guard let title else { return nil }
                return try ArticleRecord.fetchOne(db, sql: ArticleRecord.selection + " WHERE title = ? AND status = 'published' AND id != ? ORDER BY id LIMIT 1",
                                                  arguments: [title, article.id])?.link
            }
            let (beforeSQL, beforeArgs) = Self.sameCategory("<", article)
            let before = try ArticleRecord.fetchOne(db, sql: ArticleRecord.selection + beforeSQL
                + " ORDER BY position DESC, title DESC, id DESC LIMIT 1", arguments: beforeArgs)
            let (afterSQL, afterArgs) = Self.sameCategory(">", article)
            let after = try ArticleRecord.fetchOne(db, sql: ArticleRecord.selection + afterSQL
                + " ORDER BY position, title, id LIMIT 1", arguments: afterArgs)
            return (try titled(article.previousTitle) ?? before?.link, try titled(article.nextTitle) ?? after?.link)
        }
    }

    public func readingIndex(of article: Article) async throws -> Int {
        try await pool.read { db in
            let (sql, arguments) = Self.sameCategory("<", article)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article" + sql, arguments: arguments) ?? 0
        }
    }

    public func resolveExcerpts(_ excerpts: [String]) async throws -> [ArticleLink] {
        try await pool.read { db in
            var seen = Set<String>()
            var links: [ArticleLink] = []
            for raw in excerpts {
                let prefix = Excerpt.stem(raw)
                guard prefix.count >= 8 else { continue }
                let pattern = Self.likeEscaped(prefix) + "%"
                let row = try ArticleRecord.fetchOne(db, sql: ArticleRecord.selection + """
                     WHERE status = 'published'
                      AND (title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')
                    ORDER BY (title LIKE ? ESCAPE '\\') DESC, id LIMIT 1
                    """, arguments: [pattern, pattern, pattern, pattern])
                if let row, seen.insert(row.id).inserted { links.append(row.link) }
            }
            return links
        }
    }

    public func recentlyChanged(limit: Int, byReview: Bool) async throws -> [Article] {
        try await pool.read { db in
            let order = byReview ? "reviewed_at IS NULL, reviewed_at DESC, updated_at DESC" : "updated_at DESC"
            return try ArticleRecord.fetchAll(db, sql: ArticleRecord.selection + " WHERE status = 'published' ORDER BY \(order), id LIMIT ?",
                                              arguments: [max(0, limit)]).map { try $0.article() }
        }
    }

    public func publishedSlugs() async throws -> [(slug: String, updatedAt: Date)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT slug, updated_at FROM article WHERE status = 'published' ORDER BY slug")
                .map { (slug: $0["slug"], updatedAt: $0["updated_at"]) }
        }
    }

    public func counts() async throws -> StoreCounts {
        try await pool.read { db in
            var byStatus: [ArticleStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM article GROUP BY status") {
                if let s = ArticleStatus(rawValue: row["status"]) { byStatus[s] = row["n"] }
            }
            let cats = try Row.fetchAll(db, sql: """
                SELECT category_slug, MIN(category_name) AS name, COUNT(*) AS n FROM article
                WHERE status = 'published' GROUP BY category_slug ORDER BY name
                """).map { CategoryCount(category: Category(name: $0["name"], slug: $0["category_slug"]), count: $0["n"]) }
            return StoreCounts(byStatus: byStatus, byCategory: cats)
        }
    }

    public func allArticles() -> AsyncThrowingStream<Article, any Error> {
        let pool = self.pool
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var after = ""
                    while !Task.isCancelled {
                        let cursor = after
                        let batch = try await pool.read { db in
                            try ArticleRecord.fetchAll(db, sql: ArticleRecord.selection + " WHERE id > ? ORDER BY id LIMIT 500", arguments: [cursor])
                        }
                        guard let last = batch.last else { break }
                        for r in batch { continuation.yield(try r.article()) }
                        after = last.id
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func latestChange() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(change_seq), 0) FROM article") ?? 0 }
    }

    public func changes(after sequence: Int, limit: Int) async throws -> ChangedArticles {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: ArticleRecord.selectionWithChange + " WHERE change_seq > ? ORDER BY change_seq LIMIT ?", arguments: [sequence, max(1, limit)])
            let articles = try rows.map { try ArticleRecord(row: $0).article() as Article }
            return ChangedArticles(articles: articles, last: rows.last.map { $0["change_seq"] } ?? sequence)
        }
    }

    public func revisions(id: String) async throws -> [Article] {
        try await pool.read { db in
            try RevisionRecord.fetchAll(db, sql: "SELECT * FROM article_revision WHERE article_id = ? ORDER BY revision", arguments: [id])
                .map { try Self.decoder.decode(Article.self, from: Data($0.document.utf8)) }
        }
    }

    public func archive(id: String) async throws -> Bool {
        guard var a = try await article(id: id) else { return false }
        a.status = .archived
        a.updatedAt = now()
        _ = try await upsert(a)
        return true
    }

    public func checkHealth() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Published articles of `a`'s category before (`<`) or after (`>`) it in reading order:
    /// position, then title, then id.
    static func sameCategory(_ op: String, _ a: Article) -> (String, StatementArguments) {
        (" WHERE category_slug = ? AND status = 'published' AND id != ? AND (position \(op) ? OR (position = ? AND title \(op) ?) OR (position = ? AND title = ? AND id \(op) ?))",
         [a.category.slug, a.id, a.position, a.position, a.title, a.position, a.title, a.id])
    }

    /// The number a write takes: one past the highest, found through the index on it. SQLite
    /// has one writer at a time, so numbers grow in the order writes commit.
    static let nextChange = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM article)"
    static let insertSQL = "INSERT INTO article (" + ArticleRecord.columns.joined(separator: ", ") + ", change_seq) VALUES ("
        + ArticleRecord.columns.map { _ in "?" }.joined(separator: ", ") + ", \(nextChange))"
    static let updateSQL = "UPDATE article SET " + ArticleRecord.columns.map { "\($0) = ?" }.joined(separator: ", ")
        + ", change_seq = \(nextChange) WHERE id = ?"

    static let encoder: JSONEncoder = {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]; e.dateEncodingStrategy = .iso8601; return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder(); d.dateDecodingStrategy = .iso8601; return d
    }()
    static func encode(_ a: Article) throws -> String { String(decoding: try encoder.encode(a), as: UTF8.self) }

    static func likeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

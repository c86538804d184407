import Foundation
import GRDB
import SanaCore

private typealias Columns = ArticleRecord.Columns

extension DerivableRequest<ArticleRecord> {
    func published() -> Self { filter(Columns.status == ArticleStatus.published.rawValue) }
}

extension SQLiteStore {
    public func article(id: String) async throws -> Article? {
        try await writer.read { db in try ArticleRecord.fetchOne(db, key: id)?.article }
    }

    public func slugsByID() async throws -> [String: String] {
        try await writer.read { db in
            var out: [String: String] = [:]
            let rows = try ArticleRecord.select(Columns.id, Columns.slug).asRequest(of: Row.self).fetchCursor(db)
            while let row = try rows.next() { out[row[Columns.id]] = row[Columns.slug] }
            return out
        }
    }

    public func article(slug: String) async throws -> Article? {
        try await writer.read { db in try ArticleRecord.filter(Columns.slug == slug).fetchOne(db)?.article }
    }

    public func articles(inCategory slug: String, offset: Int, limit: Int) async throws -> ArticlePage {
        try await writer.read { db in
            let inCategory = ArticleRecord.all().published().filter(Columns.categorySlug == slug)
            let total = try inCategory.fetchCount(db)
            let rows = try inCategory.order(Columns.position, Columns.title, Columns.id)
                .limit(max(0, limit), offset: max(0, offset)).fetchAll(db)
            return ArticlePage(items: rows.map(\.link), total: total, offset: offset, limit: limit)
        }
    }

    public func neighbours(of a: Article) async throws -> (previous: ArticleLink?, next: ArticleLink?) {
        try await writer.read { db in
            func titled(_ title: String?) throws -> ArticleLink? {
                guard let title else { return nil }
                return try ArticleRecord.all().published().filter(Columns.title == title && Columns.id != a.id)
                    .order(Columns.id).fetchOne(db)?.link
            }
            let others = ArticleRecord.all().published().filter(Columns.categorySlug == a.category.slug && Columns.id != a.id)
            let (position, title, id) = (Columns.position, Columns.title, Columns.id)
            let before = try others
                .filter(position < a.position || (position == a.position && (title < a.title || (title == a.title && id < a.id))))
                .order(position.desc, title.desc, id.desc).fetchOne(db)
            let after = try others
                .filter(position > a.position || (position == a.position && (title > a.title || (title == a.title && id > a.id))))
                .order(position, title, id).fetchOne(db)
            return (try titled(a.previousTitle) ?? before?.link, try titled(a.nextTitle) ?? after?.link)
        }
    }

    public func resolveExcerpts(_ excerpts: [String]) async throws -> [ArticleLink] {
        try await writer.read { db in
            var seen = Set<String>()
            var links: [ArticleLink] = []
            for raw in excerpts {
                let prefix = Excerpt.stem(raw)
                guard prefix.count >= 8 else { continue }
                let pattern = Self.likeEscaped(prefix) + "%"
                func starts(_ column: Column) -> SQLExpression { column.like(pattern, escape: "\\") }
                let record = try ArticleRecord.all().published()
                    .filter(starts(Columns.title) || starts(Columns.body) || starts(Columns.summary))
                    .order(starts(Columns.title).desc, Columns.id).fetchOne(db)
                if let record, seen.insert(record.id).inserted { links.append(record.link) }
            }
            return links
        }
    }

    public func recentlyChanged(limit: Int, byReview: Bool) async throws -> [Article] {
        try await writer.read { db in
            let published = ArticleRecord.all().published()
            let ordered = byReview
                ? published.order(Columns.reviewedAt == nil, Columns.reviewedAt.desc, Columns.updatedAt.desc, Columns.id)
                : published.order(Columns.updatedAt.desc, Columns.id)
            return try ordered.limit(max(0, limit)).fetchAll(db).map(\.article)
        }
    }

    public func publishedSlugs() async throws -> [(slug: String, updatedAt: Date)] {
        try await writer.read { db in
            try ArticleRecord.all().published().select(Columns.slug, Columns.updatedAt).order(Columns.slug)
                .asRequest(of: Row.self).fetchAll(db)
                .map { (slug: $0[Columns.slug], updatedAt: $0[Columns.updatedAt]) }
        }
    }

    public func counts() async throws -> StoreCounts {
        try await writer.read { db in
            var byStatus: [ArticleStatus: Int] = [:]
            let statuses = SQLRequest<Row>(literal: "SELECT \(Columns.status), COUNT(*) AS n FROM \(ArticleRecord.self) GROUP BY \(Columns.status)")
            for row in try statuses.fetchAll(db) {
                if let s = ArticleStatus(rawValue: row[Columns.status]) { byStatus[s] = row["n"] }
            }
            let categories = SQLRequest<Row>(literal: """
                SELECT \(Columns.categorySlug), MIN(\(Columns.categoryName)) AS name, COUNT(*) AS n FROM \(ArticleRecord.self)
                WHERE \(Columns.status) = \(ArticleStatus.published.rawValue) GROUP BY \(Columns.categorySlug) ORDER BY name
                """)
            let byCategory = try categories.fetchAll(db)
                .map { CategoryCount(category: Category(name: $0["name"], slug: $0[Columns.categorySlug]), count: $0["n"]) }
            return StoreCounts(byStatus: byStatus, byCategory: byCategory)
        }
    }

    public func allArticles() -> AsyncThrowingStream<Article, any Error> {
        let writer = self.writer
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var after = ""
                    while !Task.isCancelled {
                        let cursor = after
                        let batch = try await writer.read { db in
                            try ArticleRecord.filter(Columns.id > cursor).order(Columns.id).limit(500).fetchAll(db)
                        }
                        guard let last = batch.last else { break }
                        for r in batch { continuation.yield(r.article) }
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
        try await writer.read { db in
            // The counter, not the highest row: a number stays taken even when its row is gone, so
            // the latest change never goes back unless the database itself was replaced.
            try Int.fetchOne(db, sql: "SELECT last_change FROM change_counter WHERE id = 1") ?? 0
        }
    }

    public func changes(after sequence: Int, limit: Int) async throws -> ChangedArticles {
        try await writer.read { db in
            let rows = try ArticleRecord.filter(Columns.changeSeq > sequence).order(Columns.changeSeq).limit(max(1, limit)).fetchAll(db)
            return ChangedArticles(articles: rows.map(\.article), last: rows.last?.changeSeq ?? sequence)
        }
    }

    public func revisions(id: String) async throws -> [Article] {
        try await writer.read { db in
            try RevisionRecord.filter(RevisionRecord.Columns.articleId == id).order(RevisionRecord.Columns.revision)
                .fetchAll(db).map { try RevisionDocument.decode($0.document) }
        }
    }

    static func likeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

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

    public func publishedSlugs() async throws -> [(slug: String, updatedAt: Date)] {
        try await writer.read { db in
            try ArticleRecord.all().published().select(Columns.slug, Columns.updatedAt).order(Columns.slug)
                .asRequest(of: Row.self).fetchAll(db)
                .map { (slug: $0[Columns.slug], updatedAt: $0[Columns.updatedAt]) }
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

    public func publishedArticles(matching filter: ArticleFilter, before: Int?, limit: Int) async throws -> ArticleListing {
        try await writer.read { db in
            var request = ArticleRecord.all().published()
            if let before { request = request.filter(Columns.changeSeq < before) }
            if let c = filter.category { request = request.filter(Columns.categorySlug == c) }
            if let f = filter.focus { request = request.filter(Column(ArticleRecord.CodingKeys.focus) == f) }
            if let l = filter.language { request = request.filter(Column(ArticleRecord.CodingKeys.language) == l) }
            if let d = filter.updatedSince { request = request.filter(Columns.updatedAt >= d) }
            if let d = filter.reviewedBefore { request = request.filter(Columns.reviewedAt == nil || Columns.reviewedAt < d) }
            let size = max(1, limit)
            // One more than asked, to know whether another page follows.
            let rows = try request.order(Columns.changeSeq.desc).limit(size + 1).fetchAll(db)
            let page = rows.prefix(size)
            return ArticleListing(articles: page.map(\.article), next: rows.count > size ? page.last?.changeSeq : nil)
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

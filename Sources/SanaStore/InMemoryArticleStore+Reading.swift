import Foundation
import SanaCore

/// Reads, in the orders SQLite's queries give: text compares byte for byte (`BinaryText`).
extension InMemoryArticleStore {
    public func article(id: String) async throws -> Article? {
        contents.withLock { $0.articles[BinaryText(id)]?.article }
    }

    public func slugsByID() async throws -> [String: String] {
        contents.withLock { contents in
            var out: [String: String] = [:]
            for entry in contents.articles.values { out[entry.article.id] = entry.article.slug }
            return out
        }
    }

    public func article(slug: String) async throws -> Article? {
        contents.withLock { contents in
            contents.idsBySlug[BinaryText(slug)].flatMap { contents.articles[BinaryText($0)]?.article }
        }
    }

    public func articles(inCategory slug: String, offset: Int, limit: Int) async throws -> ArticlePage {
        let inCategory = published().filter { BinaryText($0.category.slug) == BinaryText(slug) }.sorted(by: Self.inReadingOrder)
        let items = inCategory.dropFirst(max(0, offset)).prefix(max(0, limit)).map(Self.link)
        return ArticlePage(items: items, total: inCategory.count, offset: offset, limit: limit)
    }

    public func neighbours(of a: Article) async throws -> (previous: ArticleLink?, next: ArticleLink?) {
        let others = published().filter { BinaryText($0.id) != BinaryText(a.id) }
        func titled(_ title: String?) -> ArticleLink? {
            guard let title else { return nil }
            return others.filter { BinaryText($0.title) == BinaryText(title) }
                .min { BinaryText($0.id) < BinaryText($1.id) }.map(Self.link)
        }
        let sameCategory = others.filter { BinaryText($0.category.slug) == BinaryText(a.category.slug) }
        let before = sameCategory.filter { Self.inReadingOrder($0, a) }.max(by: Self.inReadingOrder)
        let after = sameCategory.filter { Self.inReadingOrder(a, $0) }.min(by: Self.inReadingOrder)
        return (titled(a.previousTitle) ?? before.map(Self.link), titled(a.nextTitle) ?? after.map(Self.link))
    }

    public func resolveExcerpts(_ excerpts: [String]) async throws -> [ArticleLink] {
        let candidates = published()
        var seen = Set<String>()
        var links: [ArticleLink] = []
        for raw in excerpts {
            let prefix = Excerpt.stem(raw)
            guard prefix.count >= 8 else { continue }
            func titleStarts(_ a: Article) -> Bool { BinaryText(a.title).hasLikePrefix(prefix) }
            let matches = candidates.filter {
                titleStarts($0) || BinaryText($0.body).hasLikePrefix(prefix) || BinaryText($0.summary).hasLikePrefix(prefix)
            }
            // Title matches first, then by id.
            let best = matches.min { a, b in
                titleStarts(a) != titleStarts(b) ? titleStarts(a) : BinaryText(a.id) < BinaryText(b.id)
            }
            if let best, seen.insert(best.id).inserted { links.append(Self.link(best)) }
        }
        return links
    }

    public func recentlyChanged(limit: Int, byReview: Bool) async throws -> [Article] {
        let sorted = published().sorted { a, b in
            if byReview {
                if (a.reviewedAt == nil) != (b.reviewedAt == nil) { return a.reviewedAt != nil }
                if let x = a.reviewedAt, let y = b.reviewedAt, x != y { return x > y }
            }
            if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
            return BinaryText(a.id) < BinaryText(b.id)
        }
        return Array(sorted.prefix(max(0, limit)))
    }

    public func articles(withStatus status: ArticleStatus, limit: Int) async throws -> [Article] {
        let matching = contents.withLock { $0.articles.values.map(\.article).filter { $0.status == status } }
        return Array(matching.sorted { a, b in
            a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : BinaryText(a.id) < BinaryText(b.id)
        }.prefix(max(0, limit)))
    }

    public func reviewsDue(before date: Date, limit: Int) async throws -> [Article] {
        let due = published().compactMap { a in a.nextReviewDue.flatMap { $0 < date ? (a, $0) : nil } }
        return due.sorted { x, y in x.1 != y.1 ? x.1 < y.1 : BinaryText(x.0.id) < BinaryText(y.0.id) }.prefix(max(0, limit)).map(\.0)
    }

    public func publishedSlugs() async throws -> [(slug: String, updatedAt: Date)] {
        published().sorted { BinaryText($0.slug) < BinaryText($1.slug) }.map { (slug: $0.slug, updatedAt: $0.updatedAt) }
    }

    public func counts() async throws -> StoreCounts {
        let all = contents.withLock { $0.articles.values.map(\.article) }
        var byStatus: [ArticleStatus: Int] = [:]
        for a in all { byStatus[a.status, default: 0] += 1 }
        // Per category slug: the smallest name (as SQL's MIN) and the count.
        var categories: [BinaryText: (name: String, count: Int)] = [:]
        for a in all where a.status == .published {
            let key = BinaryText(a.category.slug)
            let name = categories[key].map { BinaryText($0.name) < BinaryText(a.category.name) ? $0.name : a.category.name } ?? a.category.name
            categories[key] = (name, (categories[key]?.count ?? 0) + 1)
        }
        let byCategory = categories
            .sorted { BinaryText($0.value.name) != BinaryText($1.value.name) ? BinaryText($0.value.name) < BinaryText($1.value.name) : $0.key < $1.key }
            .map { CategoryCount(category: Category(name: $0.value.name, slug: $0.key.text), count: $0.value.count) }
        return StoreCounts(byStatus: byStatus, byCategory: byCategory)
    }

    public func allArticles() -> AsyncThrowingStream<Article, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                // In batches, as the SQLite store reads them, so the lock is never held for long.
                var after: BinaryText?
                while !Task.isCancelled {
                    let batch = contents.withLock { contents in
                        contents.articles.filter { key, _ in after.map { key > $0 } ?? true }
                            .sorted { $0.key < $1.key }.prefix(500).map(\.value.article)
                    }
                    guard let last = batch.last else { break }
                    for a in batch { continuation.yield(a) }
                    after = BinaryText(last.id)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func latestChange() async throws -> Int {
        contents.withLock { $0.lastChange }
    }

    public func changes(after sequence: Int, limit: Int) async throws -> ChangedArticles {
        let page = contents.withLock { contents in
            contents.articles.values.filter { $0.change > sequence }.sorted { $0.change < $1.change }.prefix(max(1, limit))
        }
        return ChangedArticles(articles: page.map(\.article), last: page.last?.change ?? sequence)
    }

    public func publishedArticles(matching filter: ArticleFilter, before: Int?, limit: Int) async throws -> ArticleListing {
        let size = max(1, limit)
        let rows = contents.withLock { contents in
            contents.articles.values.filter { e in before.map { e.change < $0 } ?? true && filter.keeps(e.article) }
                .sorted { $0.change > $1.change }.prefix(size + 1)
        }
        let page = rows.prefix(size)
        return ArticleListing(articles: page.map(\.article), next: rows.count > size ? page.last?.change : nil)
    }

    public func revisions(id: String) async throws -> [Article] {
        let documents = contents.withLock { $0.revisions[BinaryText(id)] ?? [:] }
        return try documents.sorted { $0.key < $1.key }.map { try RevisionDocument.decode($0.value) }
    }

    private func published() -> [Article] {
        contents.withLock { $0.articles.values.map(\.article).filter { $0.status == .published } }
    }

    /// Position, then title, then id.
    static func inReadingOrder(_ a: Article, _ b: Article) -> Bool {
        if a.position != b.position { return a.position < b.position }
        if BinaryText(a.title) != BinaryText(b.title) { return BinaryText(a.title) < BinaryText(b.title) }
        return BinaryText(a.id) < BinaryText(b.id)
    }

    static func link(_ a: Article) -> ArticleLink {
        ArticleLink(id: a.id, slug: a.slug, title: a.title, summary: a.summary, position: a.position)
    }
}

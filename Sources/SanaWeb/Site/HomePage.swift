import Hummingbird
import SanaCore
import SanaStore

extension SiteRoutes {
    /// The home page: each topic with its first articles, and what was reviewed or updated lately.
    @Sendable func home(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let page = try await cache.page("home:\(index.generation)") {
            let counts = try await store.counts()
            var categories: [(CategoryCount, [ArticleLink])] = []
            for c in counts.byCategory {
                categories.append((c, try await store.articles(inCategory: c.category.slug, offset: 0, limit: 10).items))
            }
            let recent = try await store.recentlyChanged(limit: 8, byReview: true)
            return CachedPage(renderer.home(categories: categories, recent: recent))
        }
        return CachedPageResponse(page, cacheControl: Self.pageCacheControl)
    }
}

extension PageRenderer {
    func home(categories: [(CategoryCount, [ArticleLink])], recent: [Article]) -> String {
        var ctx = base(title: "Health questions, answered", description: "Clear answers to common health questions, with when to seek care.", path: .home)
        ctx["categories"] = categories.map { count, links -> [String: Any] in
            ["name": count.category.name, "slug": count.category.slug, "url": SitePath.category(slug: count.category.slug).href,
             "count": count.count, "more": count.count > links.count,
             "articles": links.map { ["url": SitePath.article(slug: $0.slug).href, "title": $0.title] }]
        }
        ctx["hasRecent"] = !recent.isEmpty
        ctx["recent"] = recent.map { a -> [String: Any] in
            var d: [String: Any] = ["url": SitePath.article(slug: a.slug).href, "title": a.title]
            if let r = a.reviewedAt { d["reviewed"] = Self.dayFormat(r); d["reviewedISO"] = Self.isoDay(r) }
            return d
        }
        return render("home", ctx)
    }
}

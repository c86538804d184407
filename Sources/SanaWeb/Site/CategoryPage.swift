import Hummingbird
import SanaCore
import SanaStore

extension SiteRoutes {
    static var categoryPageSize: Int { 50 }

    /// A topic's articles in reading order, fifty to a page.
    @Sendable func category(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let slug = context.parameters.get("slug") ?? ""
        let pageNumber = try Self.pageNumber(FormQuery(request.uri.query)["page"], max: 100_000)
        guard Slug.isValid(slug), let found = try await counts().byCategory.first(where: { $0.category.slug == slug }) else {
            throw HTTPError(.notFound)
        }
        let size = Self.categoryPageSize
        let pageCount = max(1, (found.count + size - 1) / size)
        guard pageNumber <= pageCount else { throw HTTPError(.notFound) }
        let page = try await cache.page("category:\(index.generation):\(slug):\(pageNumber)") {
            let items = try await store.articles(inCategory: slug, offset: (pageNumber - 1) * size, limit: size)
            return CachedPage(renderer.category(found.category, page: items, pageNumber: pageNumber, pageCount: pageCount))
        }
        return CachedPageResponse(page, cacheControl: Self.pageCacheControl)
    }
}

extension PageRenderer {
    func category(_ category: Category, page: ArticlePage, pageNumber: Int, pageCount: Int) -> String {
        var ctx = base(title: category.name, description: "Articles about \(category.name.lowercased()).",
                       path: .category(slug: category.slug, page: pageNumber > 1 ? pageNumber : nil))
        ctx["name"] = category.name
        ctx["total"] = page.total
        if pageCount > 1 { ctx["pages"] = pageCount; ctx["page"] = pageNumber }
        if pageNumber > 1 { ctx["previousURL"] = SitePath.category(slug: category.slug, page: pageNumber - 1).href }
        if pageNumber < pageCount { ctx["nextURL"] = SitePath.category(slug: category.slug, page: pageNumber + 1).href }
        ctx["articles"] = page.items.map { ["url": SitePath.article(slug: $0.slug).href, "title": $0.title, "summary": $0.summary] }
        return render("category", ctx)
    }
}

import Foundation
import Hummingbird
import SanaCore
import SanaSearch
import SanaStore

/// The public pages. Generic over the store so SQLite and PostgreSQL serve the same site.
struct SiteController<Store: ArticleStore> {
    let store: Store
    let renderer: PageRenderer
    let index: SearchIndex
    /// How many related articles an article page lists.
    static var relatedCount: Int { 8 }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health", use: health)
        router.get("/", use: home)
        router.get("/articles/:slug", use: article)
        router.get("/categories/:slug", use: category)
        router.get("/assets/site.css", use: stylesheet)
    }

    @Sendable func health(_ request: Request, context: BasicRequestContext) async throws -> Response {
        do {
            try await store.checkHealth()
            return json(#"{"status":"ok","database":"ok"}"#, status: .ok)
        } catch {
            return json(#"{"status":"error","database":"unavailable"}"#, status: .serviceUnavailable)
        }
    }

    @Sendable func home(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let counts = try await store.counts()
        var categories: [(CategoryCount, [ArticleLink])] = []
        for c in counts.byCategory {
            categories.append((c, try await store.articles(inCategory: c.category.slug, offset: 0, limit: 10).items))
        }
        return html(renderer.home(categories: categories))
    }

    static var categoryPageSize: Int { 50 }

    @Sendable func category(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        let pageParameter = request.uri.queryParameters.get("page")
        guard let pageNumber = pageParameter.map({ Int($0) }) ?? 1, (1...100_000).contains(pageNumber) else {
            throw HTTPError(.badRequest, message: "page must be a whole number from 1")
        }
        guard Slug.isValid(slug), let found = try await store.counts().byCategory.first(where: { $0.category.slug == slug }) else {
            return html(renderer.notFound(), status: .notFound)
        }
        let size = Self.categoryPageSize
        let page = try await store.articles(inCategory: slug, offset: (pageNumber - 1) * size, limit: size)
        let pageCount = max(1, (page.total + size - 1) / size)
        guard pageNumber <= pageCount else { return html(renderer.notFound(), status: .notFound) }
        return html(renderer.category(found.category, page: page, pageNumber: pageNumber, pageCount: pageCount))
    }

    @Sendable func article(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        guard Slug.isValid(slug), let a = try await store.article(slug: slug), a.status == .published else {
            return html(renderer.notFound(), status: .notFound)
        }
        let (previous, next) = try await store.neighbours(of: a)
        return html(renderer.article(a, previous: previous, next: next, related: try await related(to: a)))
    }

    /// Related articles: those the source page itself named (its related excerpts), then the
    /// answer engine's most similar articles.
    func related(to a: Article) async throws -> [ArticleLink] {
        var links = try await store.resolveExcerpts(a.relatedHints).filter { $0.id != a.id }
        for r in index.related(to: a.id, limit: Self.relatedCount) where !links.contains(where: { $0.id == r.id }) {
            links.append(ArticleLink(id: r.id, slug: r.slug, title: r.title, summary: r.summary))
        }
        return Array(links.prefix(Self.relatedCount))
    }

    @Sendable func stylesheet(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "Assets/site", withExtension: "css"),
              let data = try? Data(contentsOf: url) else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        PageRenderer.htmlResponse(body, status: status)
    }

    func json(_ body: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

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
    let cache: PageCache
    /// Answers pages apart: any text makes a new one, and they must not push article pages out.
    let answers: PageCache
    /// How many related articles an article page lists.
    static var relatedCount: Int { 8 }
    static var resultsPerPage: Int { 10 }
    static var pageCacheControl: String { "public, max-age=300" }
    /// Seconds an article page is served before its revision is checked in the store again.
    var revisionCheckInterval: Double = 2
    /// URLs per sitemap file; beyond it `/sitemap.xml` is a sitemap index.
    var sitemapLimit: Int = Sitemap.protocolLimit

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health", use: health)
        router.get("/", use: home)
        router.get("/search", use: search)
        router.get("/suggest", use: suggest)
        router.get("/articles/:slug", use: article)
        router.get("/categories/:slug", use: category)
        router.get("/conditions", use: conditionsIndex)
        router.get("/conditions/:letter", use: conditions)
        router.get("/sitemap.xml", use: sitemap)
        router.get("/sitemaps/:file", use: sitemapFile)
        router.get("/robots.txt", use: robots)
        router.get("/feed.atom", use: feed)
        router.get("/assets/:file", use: asset)
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
        let page = try await cache.page("home:\(index.generation)") {
            let counts = try await store.counts()
            var categories: [(CategoryCount, [ArticleLink])] = []
            for c in counts.byCategory {
                categories.append((c, try await store.articles(inCategory: c.category.slug, offset: 0, limit: 10).items))
            }
            let recent = try await store.recentlyChanged(limit: 8, byReview: true)
            return CachedPage(renderer.home(categories: categories, recent: recent))
        }
        return page.response(to: request, cacheControl: Self.pageCacheControl)
    }

    /// The answers page. Pages are kept per question, filter and page until the index changes.
    @Sendable func search(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let parameters = FormQuery(request.uri.query)
        let query = parameters["q"] ?? ""
        guard query.count <= 500 else { throw BadRequest("The question is too long: at most 500 characters, please.") }
        let category = parameters["category"].flatMap { $0.isEmpty ? nil : $0 }
        if let category, !Slug.isValid(category) { throw BadRequest("The topic filter is not a known topic.") }
        let pageNumber = try Self.pageNumber(parameters["page"], max: 10)
        let key = "search:\(index.generation):\(category ?? ""):\(pageNumber):\(query)"
        let page = try await answers.page(key) {
            let categories = try await counts().byCategory
            let trimmed = query.trimmed
            let response = trimmed.isEmpty ? nil
                : index.search(trimmed, limit: Self.resultsPerPage, offset: (pageNumber - 1) * Self.resultsPerPage, category: category)
            return CachedPage(renderer.search(query: query, response: response, categories: categories, selected: category,
                                              page: pageNumber, pageSize: Self.resultsPerPage))
        }
        return page.response(to: request, cacheControl: "private, max-age=60")
    }

    /// Completions for the search box, as JSON: `[{"text": …, "slug": …}]`.
    @Sendable func suggest(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let prefix = FormQuery(request.uri.query)["q"] ?? ""
        guard prefix.count <= 100 else { throw BadRequest("The text to complete is too long.") }
        let data = StructuredData.withoutMarkupCharacters(try JSONEncoder().encode(index.suggest(prefix, limit: 8)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        // Half-typed health questions are personal: never kept in shared caches.
        headers[.cacheControl] = "private, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func conditionsIndex(_ request: Request, context: BasicRequestContext) async throws -> Response {
        Response(status: .movedPermanently, headers: [.location: "/conditions/a"])
    }

    @Sendable func conditions(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let letter = (context.parameters.get("letter") ?? "").lowercased()
        let letters = (UnicodeScalar("a").value...UnicodeScalar("z").value).map { String(UnicodeScalar($0)!) } + ["0-9"]
        guard letters.contains(letter) else { return html(renderer.notFound(), status: .notFound) }
        let page = cache.pageNow("conditions:\(index.generation):\(letter)") {
            let entries = index.conditionNames().filter { Self.indexLetter(of: $0.name) == letter }
            return CachedPage(renderer.conditions(letter: letter, letters: letters, entries: entries))
        }
        return page.response(to: request, cacheControl: Self.pageCacheControl)
    }

    /// The A–Z letter a name is filed under: its first letter without accents, "0-9" for digits.
    static func indexLetter(of name: String) -> String {
        guard let first = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars
            .first(where: { CharacterSet.alphanumerics.contains($0) }) else { return "" }
        if CharacterSet.decimalDigits.contains(first) { return "0-9" }
        return String(first).lowercased()
    }

    @Sendable func sitemap(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let page = try await sitemapPage(nil) else { return html(renderer.notFound(), status: .notFound) }
        return page.response(to: request, cacheControl: "public, max-age=3600")
    }

    /// `/sitemaps/N.xml`, the numbered files of a sitemap index.
    @Sendable func sitemapFile(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let name = context.parameters.get("file") ?? ""
        guard name.hasSuffix(".xml"), let n = Int(name.dropLast(4)), n >= 1, n <= 100_000,
              let page = try await sitemapPage(n) else { return html(renderer.notFound(), status: .notFound) }
        return page.response(to: request, cacheControl: "public, max-age=3600")
    }

    /// The root sitemap (`nil`) or file `n`; nil when there is no such file.
    private func sitemapPage(_ n: Int?) async throws -> CachedPage? {
        let generation = index.generation
        let map = try await cache.value("sitemap:\(generation)") {
            Sitemap(siteURL: renderer.siteURL, articles: try await store.publishedSlugs(), limit: sitemapLimit)
        }
        guard let xml = n.map({ map.needsIndex ? map.file($0) : nil }) ?? map.root else { return nil }
        return cache.pageNow("sitemap:\(generation):\(n.map(String.init) ?? "root")") {
            CachedPage(xml, contentType: "application/xml; charset=utf-8")
        }
    }

    @Sendable func robots(_ request: Request, context: BasicRequestContext) async throws -> Response {
        CachedPage(renderer.robots, contentType: "text/plain; charset=utf-8").response(to: request, cacheControl: "public, max-age=86400")
    }

    @Sendable func feed(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let page = try await cache.page("feed:\(index.generation)") {
            let articles = try await store.recentlyChanged(limit: 50, byReview: false)
            return CachedPage(renderer.feed(articles), contentType: "application/atom+xml; charset=utf-8", lastModified: articles.first?.updatedAt)
        }
        return page.response(to: request, cacheControl: "public, max-age=600")
    }

    /// The store's counts (categories and their sizes), once per index generation.
    func counts() async throws -> StoreCounts {
        try await cache.value("counts:\(index.generation)") { try await store.counts() }
    }

    static func pageNumber(_ text: String?, max: Int) throws -> Int {
        guard let text else { return 1 }
        guard let n = Int(text), (1...max).contains(n) else { throw BadRequest("page must be a whole number from 1 to \(max).") }
        return n
    }

    static var categoryPageSize: Int { 50 }

    @Sendable func category(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        let pageNumber = try Self.pageNumber(FormQuery(request.uri.query)["page"], max: 100_000)
        guard Slug.isValid(slug), let found = try await counts().byCategory.first(where: { $0.category.slug == slug }) else {
            return html(renderer.notFound(), status: .notFound)
        }
        let size = Self.categoryPageSize
        let pageCount = max(1, (found.count + size - 1) / size)
        guard pageNumber <= pageCount else { return html(renderer.notFound(), status: .notFound) }
        let page = try await cache.page("category:\(index.generation):\(slug):\(pageNumber)") {
            let items = try await store.articles(inCategory: slug, offset: (pageNumber - 1) * size, limit: size)
            return CachedPage(renderer.category(found.category, page: items, pageNumber: pageNumber, pageCount: pageCount))
        }
        return page.response(to: request, cacheControl: Self.pageCacheControl)
    }

    /// Article pages are built once per revision of the article and of the index (which decides
    /// the related articles), then served from memory with their ETag.
    @Sendable func article(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        // A page shown in the last few seconds is served without asking the store again; after
        // that its revision is checked, so an edit shows within seconds.
        let recentName = "article:\(slug):\(index.generation)"
        if let page = cache.recent(recentName, within: revisionCheckInterval) {
            return page.response(to: request, cacheControl: Self.pageCacheControl)
        }
        guard Slug.isValid(slug), let a = try await store.article(slug: slug), a.status == .published else {
            return html(renderer.notFound(), status: .notFound)
        }
        let page = try await cache.page("article:\(slug):\(a.revision):\(a.updatedAt.timeIntervalSince1970):\(index.generation)") {
            let (previous, next) = try await store.neighbours(of: a)
            return CachedPage(renderer.article(a, previous: previous, next: next, related: try await related(to: a)), lastModified: a.updatedAt)
        }
        cache.remember(recentName, page)
        return page.response(to: request, cacheControl: Self.pageCacheControl)
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

    /// The site's own assets: no CDN, every file served by Sana.
    @Sendable func asset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        let parts = file.split(separator: ".")
        guard parts.count == 2, parts[0].allSatisfy({ $0.isLetter || $0 == "-" }), let type = types[String(parts[1])],
              let url = Bundle.module.url(forResource: "Assets/" + parts[0], withExtension: String(parts[1])) else {
            return html(renderer.notFound(), status: .notFound)
        }
        let page = try cache.pageNow("asset:\(file)") {
            CachedPage(bytes: ByteBuffer(bytes: try Data(contentsOf: url)), contentType: type)
        }
        return page.response(to: request, cacheControl: "public, max-age=3600")
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

/// A request Sana cannot answer as asked; shown as a 400 page naming the problem.
struct BadRequest: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

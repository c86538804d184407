import Hummingbird
import SanaSearch
import SanaStore

/// The public site: the pages people read, with HTML error pages and queries checked before any
/// page reads them. One file per page (or page family) in this folder adds its handler here.
/// Generic over the store: any `ArticleStore` (SQLite when serving, the in-memory store in tests) serves the same site.
struct SiteRoutes<Store: ArticleStore>: Sendable {
    let store: Store
    let renderer: PageRenderer
    let index: SearchIndex
    let cache: PageCache
    /// Answers pages apart: any text makes a new one, and they must not push article pages out.
    let answers: PageCache
    /// The A–Z index's names by letter, rebuilt when the index changes.
    let conditions: ConditionsDirectory
    /// Seconds an article page is served before its revision is checked in the store again.
    var revisionCheckInterval: Double = 2
    /// URLs per sitemap file; beyond it `/sitemap.xml` is a sitemap index.
    var sitemapLimit: Int = Sitemap.protocolLimit
    /// Names per page of one letter of the A–Z index.
    var conditionsPageSize: Int = 1_000
    /// Where searches that found nothing (good) are counted; nil: not counted.
    var backlog: SearchBacklogRecorder?

    static var pageCacheControl: String { "public, max-age=300" }

    /// What every page request passes through: errors become the site's pages, a malformed
    /// query its 400 page.
    @MiddlewareFixedTypeBuilder<Request, Response, SanaRequestContext>
    var middleware: some MiddlewareProtocol<Request, Response, SanaRequestContext> {
        ErrorMiddleware(presenter: ErrorPages(renderer: renderer))
        QueryValidationMiddleware()
    }

    /// The routes that answer each `SitePath`, on a group of their own with the site's middleware.
    func addRoutes(to router: some RouterMethods<SanaRequestContext>) {
        let site = router.group().add(middleware: middleware)
        site.get("/", use: home)
        site.get("/articles/:slug", use: article)
        site.get("/categories/:slug", use: category)
        site.get("/conditions", use: conditionsIndex)
        site.get("/conditions/:letter", use: conditions)
        site.get("/search", use: search)
        site.get("/suggest", use: suggest)
        site.get("/feed.atom", use: feed)
        site.get("/sitemap.xml", use: sitemap)
        site.get("/sitemaps/:file", use: sitemapFile)
        site.get("/robots.txt", use: robots)
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
}

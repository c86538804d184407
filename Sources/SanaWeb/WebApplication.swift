import Hummingbird
import HummingbirdCore
import Logging
import SanaSearch
import SanaStore

/// Builds the router of the site over a store; tests drive it with `app.test(.router)`.
/// `revisionCheckInterval`: seconds a served article page is reused before the store is asked
/// whether the article changed.
/// `sitemapLimit`: URLs per sitemap file before `/sitemap.xml` becomes a sitemap index.
public func buildRouter(store: some ArticleStore, renderer: PageRenderer, index: SearchIndex,
                        revisionCheckInterval: Double = 2, sitemapLimit: Int = 50_000) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    router.add(middleware: QueryValidationMiddleware())
    SiteController(store: store, renderer: renderer, index: index, cache: PageCache(), answers: PageCache(capacity: 2_000),
                   revisionCheckInterval: revisionCheckInterval, sitemapLimit: sitemapLimit).addRoutes(to: router)
    return router
}

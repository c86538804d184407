import Hummingbird
import Logging
import SanaSearch
import SanaStore

/// Builds the router of the site over a store; tests drive it with `app.test(.router)`.
/// `revisionCheckInterval`: seconds a served article page is reused before the store is asked
/// whether the article changed.
public func buildRouter(store: some ArticleStore, renderer: PageRenderer, index: SearchIndex,
                        revisionCheckInterval: Double = 2) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    router.add(middleware: QueryValidationMiddleware())
    SiteController(store: store, renderer: renderer, index: index, cache: PageCache(), answers: PageCache(capacity: 2_000),
                   revisionCheckInterval: revisionCheckInterval).addRoutes(to: router)
    return router
}

/// The application `sana serve` runs: the site, and an `IndexFollower` applying what other
/// processes write to the store. `runService()` shuts down gracefully on SIGINT and SIGTERM.
public func buildApplication(store: some ArticleStore, host: String, port: Int, publicURL: String? = nil,
                             logger: Logger) async throws -> some ApplicationProtocol {
    let position = try await store.latestChange()
    let index = try await loadSearchIndex(from: store)
    logger.info("Search index ready: \(index.count) published articles")
    let follower = IndexFollower(store: store, index: index, position: position, logger: logger)
    let renderer = try await PageRenderer(siteURL: publicURL ?? "http://\(host):\(port)")
    let router = buildRouter(store: store, renderer: renderer, index: index)
    return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Sana"),
                       services: [follower], logger: logger)
}

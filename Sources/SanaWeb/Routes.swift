import Hummingbird
import SanaAPIContract
import SanaSearch
import SanaStore

/// The router of everything Sana serves over HTTP, in areas that each bring their own routes and
/// middleware: the public site (`Site/`, HTML pages and HTML error pages), the plumbing (health
/// check, assets; plain-text errors) and the API's place under `/api` (problem documents only).
/// Security headers go on every response. Tests drive it with `app.test(.router)`.
/// `revisionCheckInterval`: seconds a served article page is reused before the store is asked
/// whether the article changed.
/// `sitemapLimit`: URLs per sitemap file before `/sitemap.xml` becomes a sitemap index.
/// `conditionsPageSize`: names per page of one letter of the A–Z index.
/// `editor`: the editorial side under `/editor` (accounts, cookies); nil leaves it out.
/// `backlog`: counts the searches that found nothing (good), for the editors' backlog; nil: none.
/// `api`: the JSON API's rate limit, and the proxies whose `X-Forwarded-For` names the client.
public func buildRouter(store: some ArticleStore, renderer: PageRenderer, index: SearchIndex,
                        revisionCheckInterval: Double = 2, sitemapLimit: Int = 50_000,
                        conditionsPageSize: Int = 1_000, editor: EditorSettings? = nil,
                        backlog: SearchBacklogRecorder? = nil, api: APISettings = APISettings()) throws -> Router<SanaRequestContext> {
    let router = Router(context: SanaRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: api.trustedProxies))
    PlumbingRoutes(store: store).addRoutes(to: router)
    let site = SiteRoutes(store: store, renderer: renderer, index: index, cache: PageCache(), answers: PageCache(capacity: 2_000),
                          conditions: ConditionsDirectory(index: index), revisionCheckInterval: revisionCheckInterval,
                          sitemapLimit: sitemapLimit, conditionsPageSize: max(1, conditionsPageSize), backlog: backlog)
    site.addRoutes(to: router)
    let document = try APIContract.document()
    let apiArea = API(limiter: api.limiter, methodsByPath: try MethodNotAllowedMiddleware.table(document: document))
    try APIv1(site: site, document: document, editor: editor).addRoutes(to: router, area: apiArea)
    if let editor { EditorRoutes(store: store, renderer: renderer, settings: editor).addRoutes(to: router) }
    // Last, so that it wraps only the responder for requests no route matched (Hummingbird gives
    // router middleware to the routes added after it, and to that responder).
    router.add(middleware: UnmatchedRequestMiddleware(site: site.middleware, api: apiArea.chain))
    return router
}

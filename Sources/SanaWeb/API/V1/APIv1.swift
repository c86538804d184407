import Foundation
import Hummingbird
import OpenAPIHummingbird
import SanaAPIContract
import SanaStore

/// `/api/v1`: the handlers of the operations in the OpenAPI document (`SanaAPIContract`), whose
/// generated server code registers one route per operation, so no documented operation can be
/// left without a route. What the generator cannot express — problem documents for every error,
/// CORS, the rate limit, body limits and content types — is middleware in front (`API.chain`).
struct APIv1<Store: ArticleStore>: APIProtocol {
    let site: SiteRoutes<Store>
    /// The OpenAPI document's bytes, served as they are.
    let document: Data
    /// The editorial side's stores, which writes go through; nil: no accounts, so no token opens anything.
    let editor: EditorSettings?

    /// The routes, on a group of their own with the API's middleware: the area's, then tokens
    /// for the operations that need a scope, body checks, parameters as the document declares them.
    func addRoutes(to router: some RouterMethods<SanaRequestContext>, area: API) throws {
        let group = router.group().add(middleware: area.chain)
            .add(middleware: TokenAuthenticationMiddleware(scopes: try RequiredScopes(document: document),
                                                           tokens: editor.map { APITokenStore(sharingDatabaseOf: $0.accounts) }, limiter: area.limiter))
            .add(middleware: RequestBodyMiddleware(maxBytes: API.maxBodyBytes))
            .add(middleware: ParameterCheckMiddleware(checks: try ParameterChecks(document: document)))
            .add(middleware: GeneratedResponseFixes(document: document))
        try registerHandlers(on: group)
    }
}

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

    /// The routes, on a group of their own with the API's middleware.
    func addRoutes(to router: some RouterMethods<SanaRequestContext>, middleware: API) throws {
        let group = router.group().add(middleware: middleware.chain)
            .add(middleware: ParameterCheckMiddleware(checks: try ParameterChecks(document: document)))
            .add(middleware: GeneratedResponseFixes(document: document))
        try registerHandlers(on: group)
    }
}

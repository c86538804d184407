import Foundation
import Hummingbird
import SanaStore

/// The scope each operation of the OpenAPI document requires (its `security` requirement), by
/// "METHOD /path/{template}"; operations without one are public reads.
struct RequiredScopes: Sendable {
    let byOperation: [String: APIScope]

    init(document: Data) throws {
        let root = try JSONSerialization.jsonObject(with: document) as? [String: Any] ?? [:]
        var table: [String: APIScope] = [:]
        for (path, item) in root["paths"] as? [String: [String: Any]] ?? [:] {
            for (method, operation) in item {
                let security = (operation as? [String: Any])?["security"] as? [[String: [String]]] ?? []
                if let scope = security.first?.values.first?.first.flatMap(APIScope.init(rawValue:)) {
                    table[method.uppercased() + " " + path] = scope
                }
            }
        }
        byOperation = table
    }

    func scope(method: String, endpoint: String) -> APIScope? { byOperation[(method == "HEAD" ? "GET" : method) + " " + endpoint] }
}

/// Who is calling an operation that needs a token: set by `TokenAuthenticationMiddleware` for the
/// request's task, since generated handlers see the request but not the router's context.
enum APICaller {
    @TaskLocal static var token: APIToken?
}

/// Bearer tokens for the operations that require a scope: 401 (with `WWW-Authenticate: Bearer`)
/// without a token or with one that is unknown, expired or revoked; 403 when it lacks the scope.
/// A token's requests are rate-limited under the token as well as the address.
struct TokenAuthenticationMiddleware: RouterMiddleware {
    let scopes: RequiredScopes
    let tokens: APITokenStore?
    let limiter: RateLimiter

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        guard let endpoint = context.endpointPath, let scope = scopes.scope(method: request.method.rawValue, endpoint: endpoint) else {
            return try await next(request, context)
        }
        let header = request.headers[.authorization] ?? ""
        guard header.lowercased().hasPrefix("bearer "), let tokens,
              let token = try await tokens.authenticate(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
            let error = header.isEmpty ? "" : #", error="invalid_token""#
            throw ProblemDetails(status: .unauthorized, detail: header.isEmpty ? "This needs an API token: Authorization: Bearer sana_…"
                                     : "The token is unknown, expired or revoked.",
                                 headers: ["WWW-Authenticate": #"Bearer realm="sana""# + error])
        }
        if let wait = limiter.take("token:\(token.id)") {
            throw ProblemDetails(status: .tooManyRequests, detail: "Too many requests with this token; try again in \(wait) seconds.",
                                 headers: ["Retry-After": String(wait)])
        }
        guard token.scopes.contains(scope) else {
            throw ProblemDetails(status: .forbidden, detail: "This needs a token with the scope \(scope.rawValue).")
        }
        return try await APICaller.$token.withValue(token) { try await next(request, context) }
    }
}

import Hummingbird

/// The JSON API's place in the router: every path under `/api`. What it answers is settled for
/// the whole area, endpoints or not: problem documents (RFC 9457) for every error, never an HTML
/// page; CORS for public reads; a rate limit per client address; bounded request bodies.
/// `UnmatchedRequestMiddleware` sends every `/api` request no route matched through the same
/// middleware, to a 404 problem.
struct API: Sendable {
    static let path = "/api"
    static var maxBodyBytes: Int { 256 * 1024 }

    let limiter: RateLimiter
    /// The methods of each documented path template, for 405 on a path whose method is not one.
    var methodsByPath: [String: [String]] = [:]

    /// Whether `path` is under `/api`.
    static func owns(_ path: String) -> Bool {
        path == Self.path || path.hasPrefix(Self.path + "/")
    }

    /// What every API request passes through, outermost first: CORS (so browsers can read even
    /// the errors), errors as problem documents, the rate limit by address, malformed queries.
    @MiddlewareFixedTypeBuilder<Request, Response, SanaRequestContext>
    var chain: some MiddlewareProtocol<Request, Response, SanaRequestContext> {
        CORSMiddleware(methodsByPath: methodsByPath)
        APIErrorMiddleware()
        RateLimitMiddleware(limiter: limiter)
        MethodNotAllowedMiddleware(methodsByPath: methodsByPath)
        QueryValidationMiddleware()
    }
}

import Hummingbird

/// The JSON API's place in the router: every path under `/api`. It has no endpoints yet (they
/// come with `/api/v1`), but what it answers is already settled: problem documents (RFC 9457)
/// for every error, never an HTML page. Endpoints mount on `router.group(API.path)` with
/// `API.middleware`; until then `UnmatchedRequestMiddleware` sends every `/api` request
/// through that middleware to a 404.
enum API {
    static let path = "/api"

    /// Whether `path` is under `/api`.
    static func owns(_ path: String) -> Bool {
        path == Self.path || path.hasPrefix(Self.path + "/")
    }

    /// What every API request passes through: errors become problem documents, malformed
    /// queries a 400 problem.
    @MiddlewareFixedTypeBuilder<Request, Response, SanaRequestContext>
    static var middleware: some MiddlewareProtocol<Request, Response, SanaRequestContext> {
        ErrorMiddleware(presenter: ProblemDocuments())
        QueryValidationMiddleware()
    }
}

import Hummingbird

/// CORS for the API's public reads: any origin may read them (`*`, never with credentials), and
/// a preflight `OPTIONS` is answered for GET and HEAD. Writes carry a token, which a page's
/// script should not hold: their preflight is not answered, so browsers do not send them cross-origin.
/// (The generated routes cannot express CORS; this middleware sits in front of them.)
struct CORSMiddleware: RouterMiddleware {
    static var allowedMethods: String { "GET, HEAD, OPTIONS" }
    /// Each documented path's methods (`MethodNotAllowedMiddleware.table`), for `Allow`: what the
    /// resource takes, which for a write path is more than CORS lets a browser send.
    var methodsByPath: [String: [String]] = [:]

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        if request.method == .options {
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = "*"
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = "Accept, If-None-Match"
            headers[.accessControlMaxAge] = "86400"
            headers[.allow] = MethodNotAllowedMiddleware.methods(for: request.uri.path, in: methodsByPath)?.joined(separator: ", ")
                ?? Self.allowedMethods
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        if request.method == .get || request.method == .head {
            response.headers[.accessControlAllowOrigin] = "*"
            response.headers[.accessControlExposeHeaders] = "ETag, Retry-After"
        }
        return response
    }
}

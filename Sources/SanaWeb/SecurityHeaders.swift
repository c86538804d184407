import Hummingbird

/// Adds the security headers every response carries.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var referrerPolicy: HTTPFields.Element.Name { .init("Referrer-Policy")! }
    static var frameOptions: HTTPFields.Element.Name { .init("X-Frame-Options")! }
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers.append(contentsOf: SecurityHeaders.fields)
        return response
    }
}

/// The four headers every response carries, built once.
enum SecurityHeaders {
    static let fields: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        .xContentTypeOptions: "nosniff",
        .init("Referrer-Policy")!: "strict-origin-when-cross-origin",
        .init("X-Frame-Options")!: "DENY",
    ]
}

import Hummingbird

/// Adds the security headers every response carries.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers.append(contentsOf: SecurityHeaders.fields)
        return response
    }
}

/// The four headers every response carries, built once.
enum SecurityHeaders {
    static var referrerPolicy: HTTPFields.Element.Name { .init("Referrer-Policy")! }
    static var frameOptions: HTTPFields.Element.Name { .init("X-Frame-Options")! }

    static let fields: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        .xContentTypeOptions: "nosniff",
        referrerPolicy: "strict-origin-when-cross-origin",
        frameOptions: "DENY",
    ]
}

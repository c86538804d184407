import Hummingbird

/// Request bodies are bounded (413) and writes must say they send JSON (415), before any
/// handler reads them. (The generated routes check neither in a way that answers these statuses.)
struct RequestBodyMiddleware: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        var request = request
        // Only for a route that takes the body: a request no route matched is a 404 whatever it sends.
        guard context.endpointPath != nil, [.post, .put, .patch].contains(request.method) else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw Self.tooLarge(maxBytes)
        }
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let accepted = request.method == .patch ? ["application/merge-patch+json", "application/json"] : ["application/json"]
        guard let type, accepted.contains(type) else {
            throw ProblemDetails(status: .unsupportedMediaType, detail: "Send the body as \(accepted.joined(separator: " or ")).", field: "Content-Type")
        }
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(maxBytes)
        }
        return try await next(request, context)
    }

    static func tooLarge(_ max: Int) -> ProblemDetails {
        ProblemDetails(status: .contentTooLarge, detail: "The body is too large: at most \(max) bytes.")
    }
}

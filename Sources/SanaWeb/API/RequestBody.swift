import Foundation
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
        // A step that takes no body (submit, publish, …) is sent without one, and so without a type;
        // an operation that needs a body then refuses the missing one itself (400).
        if type == nil, !Self.hasBody(request) { return try await next(request, context) }
        let accepted = request.method == .patch ? ["application/merge-patch+json", "application/json"] : ["application/json"]
        guard let type, accepted.contains(type) else {
            throw ProblemDetails(status: .unsupportedMediaType, detail: "Send the body as \(accepted.joined(separator: " or ")).", field: "Content-Type")
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(maxBytes)
        }
        if request.method == .patch, let removals = Self.removalsAsEmpty(body) {
            var head = request.head
            head.headerFields[.contentLength] = String(removals.readableBytes)
            request = Request(head: head, body: RequestBody(buffer: removals))
        }
        return try await next(request, context)
    }

    /// A merge patch's `null` removes the field (RFC 7396), which the generated types cannot tell
    /// from its absence: sent on as `""`, so a removed summary or focus is cleared and a removed
    /// title is refused as empty (422), not silently kept. Nil when the patch has no `null`.
    static func removalsAsEmpty(_ body: ByteBuffer) -> ByteBuffer? {
        guard var patch = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any],
              patch.values.contains(where: { $0 is NSNull }) else { return nil }
        for (key, value) in patch where value is NSNull { patch[key] = "" }
        return (try? JSONSerialization.data(withJSONObject: patch)).map { ByteBuffer(bytes: $0) }
    }

    /// Whether the request says it carries a body: a length above 0, or one sent in chunks.
    static func hasBody(_ request: Request) -> Bool {
        request.headers[.transferEncoding] != nil || (request.headers[.contentLength].flatMap(Int.init) ?? 0) > 0
    }

    static func tooLarge(_ max: Int) -> ProblemDetails {
        ProblemDetails(status: .contentTooLarge, detail: "The body is too large: at most \(max) bytes.")
    }
}

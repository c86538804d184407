import Foundation
import Hummingbird

/// What the generated routes answer differently from what the document promises, put right:
/// the document itself goes out as its bytes (the typed answer would re-encode it), and the
/// `ETag` header unescaped (the generator percent-encodes header values, which would turn an
/// entity tag's quotes into `%22`).
struct GeneratedResponseFixes: RouterMiddleware {
    static var documentPath: String { "/api/v1/openapi.json" }
    let document: Data

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        if request.uri.path == Self.documentPath, request.method == .get || request.method == .head {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        var response = try await next(request, context)
        if let tag = response.headers[.eTag], let plain = tag.removingPercentEncoding { response.headers[.eTag] = plain }
        return response
    }
}

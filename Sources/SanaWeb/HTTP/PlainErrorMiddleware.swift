import Hummingbird

/// Errors of the plumbing routes (health check, assets) as one line of plain text: what asks
/// for them is a monitor or a page's `<link>`, not a person who needs a page.
struct PlainErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BadRequest {
            return Self.text(error.message, status: .badRequest)
        } catch let error as HTTPResponseError where error.status.code < 500 {
            return Self.text(error.status.reasonPhrase, status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return Self.text(HTTPResponse.Status.internalServerError.reasonPhrase, status: .internalServerError)
        }
    }

    static func text(_ message: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

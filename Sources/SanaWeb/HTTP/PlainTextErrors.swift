import Hummingbird

/// Errors of the plumbing routes (health check, assets) as one line of plain text: what asks
/// for them is a monitor or a page's `<link>`, not a person who needs a page.
struct PlainTextErrors: ErrorPresenter {
    func response(to failure: RequestFailure, request: Request, context: SanaRequestContext) -> Response {
        switch failure {
        case let .badRequest(message, _): Self.text(message, status: .badRequest)
        case let .client(status): Self.text(status.reasonPhrase, status: status)
        case .server: Self.text(HTTPResponse.Status.internalServerError.reasonPhrase, status: .internalServerError)
        }
    }

    static func text(_ message: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

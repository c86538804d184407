import Foundation
import Hummingbird

/// An error as the API answers it: an RFC 9457 problem document (`application/problem+json`).
/// `type` is "about:blank" (the status says what went wrong) and `title` the status's reason
/// phrase; `detail` says what was wrong with this request, when Sana knows.
struct ProblemDetails: Codable, Equatable, Sendable, ResponseGenerator {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String?

    init(status: HTTPResponse.Status, detail: String? = nil) {
        title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        let json = StructuredData.withoutMarkupCharacters(try encoder.encode(self))
        return Response(status: HTTPResponse.Status(code: status, reasonPhrase: title), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}

/// Every error under /api as a problem document: a bad request is a 400 naming the problem, a
/// routing miss a 404, an unexpected error a 500 that shows no internals. Never an HTML page.
struct ProblemDocuments: ErrorPresenter {
    func response(to failure: RequestFailure, request: Request, context: SanaRequestContext) throws -> Response {
        let problem = switch failure {
        case let .badRequest(message): ProblemDetails(status: .badRequest, detail: message)
        case let .client(status): ProblemDetails(status: status)
        case .server: ProblemDetails(status: .internalServerError)
        }
        return try problem.response(from: request, context: context)
    }
}

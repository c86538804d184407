import Foundation
import HTTPTypes
import Hummingbird

/// An error as the API answers it: an RFC 9457 problem document (`application/problem+json`).
/// `type` is "about:blank" (the status says what went wrong) and `title` the status's reason
/// phrase; `detail` says what was wrong with this request, when Sana knows; `errors` names each
/// parameter or field that was not valid.
struct ProblemDetails: Codable, Equatable, Sendable, ResponseGenerator, Error {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String?
    var errors: [FieldError]?
    /// Headers the answer needs besides the document (`Retry-After`, `WWW-Authenticate`, `Allow`).
    var headers: [String: String] = [:]

    struct FieldError: Codable, Equatable, Sendable {
        var field: String
        var detail: String
    }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors }

    init(status: HTTPResponse.Status, detail: String? = nil, field: String? = nil, headers: [String: String] = [:]) {
        title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        if let field { errors = [FieldError(field: field, detail: detail ?? title)] }
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        let json = StructuredData.withoutMarkupCharacters(try encoder.encode(self))
        return Response(status: HTTPResponse.Status(code: status, reasonPhrase: title), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}


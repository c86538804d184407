import Hummingbird
import OpenAPIRuntime

/// Every error under /api as a problem document (RFC 9457), never an HTML page: a bad request
/// is a 400 naming the parameter, a routing miss a 404, a refusal the API made itself
/// (`ProblemDetails`: 401, 403, 405, 409, 412, 413, 415, 422, 428, 429) as it was made, and an
/// unexpected error a 500 that shows no internals (the error goes to the log).
struct APIErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status >= 500 {
                context.logger.error("API request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            }
            return try problem.response(from: request, context: context)
        }
    }

    static func problem(for error: any Error) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails:
            return problem
        case let bad as BadRequest:
            return ProblemDetails(status: .badRequest, detail: bad.message, field: bad.field)
        case let failed as ServerError:
            // The generated server wraps what a handler threw, and its own refusals of a request it
            // could not read (a missing or malformed parameter, an unreadable body).
            let inner = problem(for: failed.underlyingError)
            if inner.status < 500 { return inner }
            guard failed.httpStatus.code < 500 else { return inner }
            if let decoding = failed.underlyingError as? DecodingError {
                return ProblemDetails(status: failed.httpStatus, detail: Self.describe(decoding), field: Self.field(decoding))
            }
            return ProblemDetails(status: failed.httpStatus, detail: failed.causeDescription)
        case let failed as any HTTPResponseError where failed.status.code < 500:
            return ProblemDetails(status: failed.status)
        default:
            return ProblemDetails(status: .internalServerError)
        }
    }

    /// The parameter or field a decoding error is about (`limit`, `sections.0.heading`).
    static func field(_ error: DecodingError) -> String? {
        let path: [any CodingKey] = switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c): c.codingPath
        case let .keyNotFound(key, c): c.codingPath + [key]
        @unknown default: []
        }
        let names = path.map { $0.intValue.map(String.init) ?? $0.stringValue }
        return names.isEmpty ? nil : names.joined(separator: ".")
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(type, _): "Expected a value of type \(type)."
        case .valueNotFound: "A value is missing."
        case .keyNotFound: "A required value is missing."
        case let .dataCorrupted(c): c.debugDescription.isEmpty ? "The value could not be read." : c.debugDescription
        @unknown default: "The value could not be read."
        }
    }
}

import Hummingbird

/// A request Sana cannot answer as asked. Each area's error middleware shows it in its own way:
/// the site as a 400 page naming the problem, the API as a problem document.
struct BadRequest: Error {
    let message: String
    /// The parameter or field that was wrong, when one was (the API names it in `errors`).
    let field: String?
    init(_ message: String, field: String? = nil) { self.message = message; self.field = field }
}

/// Rejects query strings that are too long or not well-formed (a `%` not followed by two hex
/// digits, bytes that do not decode to UTF-8, control characters) before any route reads them.
struct QueryValidationMiddleware: RouterMiddleware {
    static var maxQueryBytes: Int { 2048 }

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        if let query = request.uri.query, let problem = Self.problem(in: query) { throw BadRequest(problem) }
        return try await next(request, context)
    }

    static func problem(in query: String) -> String? {
        let bytes = Array(query.utf8)
        if bytes.count > maxQueryBytes { return "The address is too long (at most \(maxQueryBytes) characters after the ?)." }
        for pair in query.split(separator: "&") {
            for part in pair.split(separator: "=", maxSplits: 1) where FormQuery.decode(part) == nil {
                return "The address has a malformed %-escape or bytes that are not UTF-8 text: \(String(part.prefix(40)))"
            }
        }
        let text = FormQuery.decode(Substring(query)) ?? ""
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "The address holds control characters." }
        return nil
    }
}

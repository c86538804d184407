import Hummingbird

/// Turns routing misses into the site's 404 page (with its search box), bad requests into a 400
/// page naming the problem and unexpected errors into a 500 page: a visitor never sees a bare error.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BadRequest {
            return PageRenderer.htmlResponse(renderer.badRequest(error.message), status: .badRequest)
        } catch let error as HTTPResponseError where error.status == .notFound {
            return PageRenderer.htmlResponse(renderer.notFound(), status: .notFound)
        } catch let error as HTTPResponseError where error.status.code < 500 {
            return PageRenderer.htmlResponse(renderer.badRequest("The request could not be understood (\(error.status.code))."), status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return PageRenderer.htmlResponse(renderer.serverError(), status: .internalServerError)
        }
    }
}

/// Rejects query strings that are too long or not well-formed (a `%` not followed by two hex
/// digits, bytes that do not decode to UTF-8, control characters) before any route reads them.
struct QueryValidationMiddleware<Context: RequestContext>: RouterMiddleware {
    static var maxQueryBytes: Int { 2048 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
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

import Hummingbird

/// The site's errors as pages: routing misses become the 404 page (with its search box), bad
/// requests a 400 page naming the problem and unexpected errors a 500 page, so a visitor never
/// sees a bare error. Only the site uses it; the API answers problem documents instead.
struct ErrorPageMiddleware: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BadRequest {
            return HTMLPage(status: .badRequest, html: renderer.badRequest(error.message)).response(from: request, context: context)
        } catch let error as HTTPResponseError where error.status == .notFound {
            return HTMLPage(status: .notFound, html: renderer.notFound()).response(from: request, context: context)
        } catch let error as HTTPResponseError where error.status.code < 500 {
            return HTMLPage(status: error.status, html: renderer.badRequest("The request could not be understood (\(error.status.code)).")
            ).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return HTMLPage(status: .internalServerError, html: renderer.serverError()).response(from: request, context: context)
        }
    }
}

import Hummingbird

/// Turns routing misses into the site's 404 page (with its search box) and unexpected errors
/// into a 500 page, so a visitor never sees a bare error.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError where error.status == .notFound {
            return PageRenderer.htmlResponse(renderer.notFound(), status: .notFound)
        } catch let error as HTTPResponseError where error.status.code < 500 {
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return PageRenderer.htmlResponse(renderer.serverError(), status: .internalServerError)
        }
    }
}

import Hummingbird

/// Answers a request no route matched as the area its path belongs to would: under `/api`
/// through the API's middleware (a problem document), elsewhere through the site's (its 404
/// page, or its 400 page for a malformed query). Hummingbird runs only router-wide middleware
/// for such requests, so `buildRouter` adds this one to the router after every route; a request
/// a route matched (its endpoint path is known before middleware runs) passes straight on.
struct UnmatchedRequestMiddleware: RouterMiddleware {
    let site: any MiddlewareProtocol<Request, Response, SanaRequestContext>
    let api: any MiddlewareProtocol<Request, Response, SanaRequestContext>

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        guard context.endpointPath == nil else { return try await next(request, context) }
        let area = API.owns(request.uri.path) ? api : site
        var response = try await area.handle(request, context: context, next: next)
        // Nothing under /editor is kept by a cache, not even its 404 page.
        if request.uri.path == EditorPath.root || request.uri.path.hasPrefix(EditorPath.root + "/") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

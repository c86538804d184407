import Hummingbird

/// The site's errors as pages: routing misses become the 404 page (with its search box), bad
/// requests a 400 page naming the problem and unexpected errors a 500 page, so a visitor never
/// sees a bare error. Only the site uses it; the API answers problem documents instead.
struct ErrorPages: ErrorPresenter {
    let renderer: PageRenderer

    func response(to failure: RequestFailure, request: Request, context: SanaRequestContext) -> Response {
        let page = switch failure {
        case let .badRequest(message, _): HTMLPage(status: .badRequest, html: renderer.badRequest(message))
        case .client(.notFound): HTMLPage(status: .notFound, html: renderer.notFound())
        case let .client(status): HTMLPage(status: status, html: renderer.badRequest("The request could not be understood (\(status.code))."))
        case .server: HTMLPage(status: .internalServerError, html: renderer.serverError())
        }
        return page.response(from: request, context: context)
    }
}

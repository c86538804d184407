import Hummingbird

/// What went wrong with a request, sorted once for every area.
enum RequestFailure {
    /// A `BadRequest`: the message names the problem for the person or program that sent it;
    /// `field` the parameter or field at fault, when one was.
    case badRequest(String, field: String? = nil)
    /// Another client error (a routing miss is `.notFound`).
    case client(HTTPResponse.Status)
    /// Anything else: a 500 that shows no internals; the error goes to the log.
    case server
}

/// How one area answers a failure: the site with pages, the plumbing with a line of text, the
/// API with problem documents.
protocol ErrorPresenter: Sendable {
    func response(to failure: RequestFailure, request: Request, context: SanaRequestContext) throws -> Response
}

/// Turns every error the area's routes throw into the area's answer, and logs unexpected ones.
struct ErrorMiddleware<Presenter: ErrorPresenter>: RouterMiddleware {
    let presenter: Presenter

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        let failure: RequestFailure
        do {
            return try await next(request, context)
        } catch let error as BadRequest {
            failure = .badRequest(error.message, field: error.field)
        } catch let error as HTTPResponseError where error.status.code < 500 {
            failure = .client(error.status)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            failure = .server
        }
        return try presenter.response(to: failure, request: request, context: context)
    }
}

import Hummingbird

/// The editor's errors as pages in the editor's frame: 403 says the account may not do this,
/// without naming what exists.
struct EditorErrorPages: ErrorPresenter {
    let renderer: PageRenderer

    func response(to failure: RequestFailure, request: Request, context: SanaRequestContext) -> Response {
        let (status, message): (HTTPResponse.Status, String) = switch failure {
        case let .badRequest(message, _): (.badRequest, message)
        case .client(.forbidden): (.forbidden, "You cannot do this: your account's role does not allow it, or the form had expired. Go back, reload the page and try again.")
        case .client(.notFound): (.notFound, "There is no such page in the editor.")
        case let .client(status): (status, "The request could not be handled (\(status.code)).")
        case .server: (.internalServerError, "Something went wrong on our side; nothing was changed.")
        }
        var ctx = renderer.editorBase(title: status.reasonPhrase, session: nil)
        ctx["message"] = message
        return HTMLPage(status: status, html: renderer.render("editor-error", ctx)).response(from: request, context: context)
    }
}

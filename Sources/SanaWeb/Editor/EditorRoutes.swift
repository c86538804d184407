import Foundation
import Hummingbird
import SanaStore

/// The editorial side under `/editor`: its own group and request context, every route taken
/// from `EditorRoute.table` with that line's access check in front of it.
struct EditorRoutes<Store: ArticleStore>: Sendable {
    let store: Store
    let renderer: PageRenderer
    let settings: EditorSettings

    func addRoutes(to router: some RouterMethods<SanaRequestContext>) {
        let editor = router.group()
            .add(middleware: NoStoreMiddleware())
            .add(middleware: ErrorMiddleware(presenter: EditorErrorPages(renderer: renderer)))
            .group(context: EditorRequestContext.self)
            .add(middleware: EditorSessionMiddleware(accounts: settings.accounts))
        for route in EditorRoute.table {
            editor.group().add(middleware: EditorAccessMiddleware(route: route, renderer: renderer))
                .on(RouterPath(route.path), method: route.method) { request, context in
                    try await respond(to: route.action, request, context)
                }
        }
    }

    func respond(to action: EditorRoute.Action, _ request: Request, _ context: EditorRequestContext) async throws -> Response {
        switch action {
        case .signInForm: try await signInForm(request, context)
        case .signIn: try await signIn(request, context)
        case .signOut: try await signOut(request, context)
        case .dashboard: try await dashboard(request, context)
        case .newDraftForm: try await newDraftForm(request, context)
        case .createDraft: try await createDraft(request, context)
        case .editDraftForm: try await editDraftForm(request, context)
        case .saveDraft: try await saveDraft(request, context)
        case .preview: try await preview(request, context)
        case .backlog: try await backlog(request, context)
        case .auditLog: try await auditLog(request, context)
        case .history: try await history(request, context)
        case .diff: try await diff(request, context)
        case .submit: try await submit(request, context)
        case .approve: try await approve(request, context)
        case .reject: try await reject(request, context)
        case .publish: try await publish(request, context)
        case .archive: try await archive(request, context)
        case .restore: try await restore(request, context)
        case .tokens: try await tokens(request, context)
        case .addToken: try await addToken(request, context)
        case .revokeToken: try await revokeToken(request, context)
        }
    }

    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension PageRenderer {
    /// What every editor page's frame prints: its title, and for a signed-in user their name,
    /// role and the sign-out form with its CSRF token.
    func editorBase(title: String, session: EditorSession?) -> [String: Any] {
        var ctx: [String: Any] = ["pageTitle": title, "stylesheetURL": SitePath.asset("site.css").href, "iconURL": SitePath.asset("icon.svg").href,
                                  "dashboardURL": EditorPath.dashboard, "signInURL": EditorPath.signIn, "signOutURL": EditorPath.signOut]
        if let session {
            ctx["user"] = ["name": session.user.name, "role": session.user.role.rawValue, "csrf": session.csrfToken]
        }
        return ctx
    }
}

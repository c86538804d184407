import Hummingbird
import SanaStore

/// Editor pages are personal: no cache, shared or private, may keep them (and the page cache
/// never sees them: editor handlers render every response afresh).
struct NoStoreMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// Puts the session the `sana_session` cookie names, when it is live, into the context.
struct EditorSessionMiddleware: RouterMiddleware {
    let accounts: AccountStore

    func handle(_ request: Request, context: EditorRequestContext,
                next: (Request, EditorRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[EditorCookies.session]?.value, !token.isEmpty,
           let session = try await accounts.session(token: token) {
            context.identity = session
            context.sessionToken = token
        }
        return try await next(request, context)
    }
}

/// Enforces one route's line of `EditorRoute.table` on the server: no session → 303 to the
/// sign-in page; a role the route does not admit → 403; a POST whose form lacks the CSRF token
/// (the session's, or before sign-in the `sana_signin` cookie's) → 403. A refused POST that
/// carries a writer's text (the session ended while they typed, or they signed in again in
/// another tab) answers a page holding that text instead, so it is never lost.
struct EditorAccessMiddleware: RouterMiddleware {
    let route: EditorRoute
    let renderer: PageRenderer

    func handle(_ request: Request, context: EditorRequestContext,
                next: (Request, EditorRequestContext) async throws -> Response) async throws -> Response {
        var request = request, context = context
        if request.method == .post {
            let body = try await request.collectBody(upTo: route.maxFormBytes)
            let text = String(validating: body.readableBytesView, as: UTF8.self)
            context.form = FormQuery(text)
            // Browsers send forms as UTF-8; anything else would be saved as empty or mangled text.
            if text == nil || context.form.isMalformed {
                throw BadRequest("The form was not sent as UTF-8 text (or a %-escape in it is broken), so nothing was saved.")
            }
        }
        if let roles = route.roles {
            guard let session = context.identity else {
                if let kept = keptTextPage(context.form, status: .unauthorized,
                                           "You are not signed in any more, so nothing was saved. Copy your text from below, sign in again, and paste it.") {
                    return kept
                }
                return Response(status: .seeOther, headers: [.location: EditorPath.signIn])
            }
            guard roles.contains(session.user.role) else { throw HTTPError(.forbidden) }
        }
        guard request.method == .post else { return try await next(request, context) }
        let expected = route.roles == nil ? request.cookies[EditorCookies.signIn]?.value : context.identity?.csrfToken
        guard let expected, !expected.isEmpty, let sent = context.form["csrf"], secretsMatch(sent, expected) else {
            if let kept = keptTextPage(context.form, status: .forbidden,
                                       "This form had expired (you signed out or in again since it was opened), so nothing was saved. Copy your text from below, reload the draft, and paste it.") {
                return kept
            }
            throw HTTPError(.forbidden)
        }
        return try await next(request, context)
    }

    /// The refusal with the form's article fields shown for copying; nil when it carries none.
    private func keptTextPage(_ form: FormQuery, status: HTTPResponse.Status, _ message: String) -> Response? {
        let fields = [("title", "Title"), ("category", "Category"), ("summary", "Summary"), ("body", "Body"), ("comment", "Comment")]
        let kept = fields.compactMap { name, label -> [String: Any]? in
            guard let text = form[name], !text.isEmpty else { return nil }
            return ["name": name, "label": label, "text": text]
        }
        guard !kept.isEmpty else { return nil }
        var ctx = renderer.editorBase(title: "Not saved", session: nil)
        ctx["message"] = message
        ctx["kept"] = kept
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: renderer.render("editor-error", ctx))))
    }
}

/// The editor's cookies, all `HttpOnly`, `SameSite=Lax` and scoped to `/editor`.
enum EditorCookies {
    static let session = "sana_session"
    /// Before sign-in there is no session to hold a CSRF token: the sign-in form's token is
    /// also set in this cookie, and the POST must carry both (double submit).
    static let signIn = "sana_signin"

    static func make(_ name: String, value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: EditorPath.root, secure: secure, httpOnly: true, sameSite: .lax)
    }
}

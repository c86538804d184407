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
/// (the session's, or before sign-in the `sana_signin` cookie's) → 403.
struct EditorAccessMiddleware: RouterMiddleware {
    let route: EditorRoute

    func handle(_ request: Request, context: EditorRequestContext,
                next: (Request, EditorRequestContext) async throws -> Response) async throws -> Response {
        if let roles = route.roles {
            guard let session = context.identity else {
                return Response(status: .seeOther, headers: [.location: EditorPath.signIn])
            }
            guard roles.contains(session.user.role) else { throw HTTPError(.forbidden) }
        }
        guard request.method == .post else { return try await next(request, context) }
        var request = request, context = context
        let body = try await request.collectBody(upTo: route.maxFormBytes)
        context.form = FormQuery(String(buffer: body))
        let expected = route.roles == nil ? request.cookies[EditorCookies.signIn]?.value : context.identity?.csrfToken
        guard let expected, !expected.isEmpty, let sent = context.form["csrf"], secretsMatch(sent, expected) else {
            throw HTTPError(.forbidden)
        }
        return try await next(request, context)
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

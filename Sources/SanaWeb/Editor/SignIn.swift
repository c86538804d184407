import Foundation
import Hummingbird
import SanaStore

/// Signing in and out. A failed sign-in says only "wrong name or password", whatever was wrong
/// (unknown name, disabled account, wrong password), and every failure counts towards the delays
/// of `SignInThrottle`, for the name typed and for the client's address.
extension EditorRoutes {
    func signInForm(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        if context.identity != nil { return Self.redirect(to: EditorPath.dashboard) }
        return signInPage(request, status: .ok, message: nil, name: "")
    }

    func signIn(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let name = context.form["name"] ?? "", password = context.form["password"] ?? ""
        let accounts = settings.accounts, now = settings.now(), throttle = settings.throttle
        let since = now.addingTimeInterval(-throttle.window)
        // An empty form is not a guess: it is answered but not counted. Any other attempt counts
        // as a failure from the moment it passes the delay check (the same transaction).
        let empty = name.isEmpty || password.isEmpty
        let delay = empty
            ? throttle.retryAfter(try await accounts.signInFailures(account: name, address: context.clientAddress, since: since), now: now)
            : try await accounts.recordSignInAttempt(account: name, address: context.clientAddress, since: since) { throttle.retryAfter($0, now: now) }
        if let wait = delay {
            let minutes = max(1, (wait + 59) / 60)
            var response = signInPage(request, status: .tooManyRequests,
                                      message: "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").", name: name)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        if empty { return signInPage(request, status: .unauthorized, message: "Enter your name and password.", name: name) }
        guard let user = try await accounts.verify(name: name, password: password) else {
            return signInPage(request, status: .unauthorized, message: "Wrong name or password.", name: name)
        }
        try await accounts.clearSignInFailures(account: name)
        // The browser's previous session (signed in as someone else) ends on the server too.
        if let previous = context.sessionToken { try await accounts.endSession(token: previous) }
        // A new token at every sign-in: a token planted before it is worth nothing after.
        let started = try await accounts.startSession(for: user, lifetime: settings.sessionLifetime)
        var response = Self.redirect(to: EditorPath.dashboard)
        response.setCookie(EditorCookies.make(EditorCookies.session, value: started.token, maxAge: Int(settings.sessionLifetime), secure: settings.secureCookies))
        response.setCookie(EditorCookies.make(EditorCookies.signIn, value: "", maxAge: 0, secure: settings.secureCookies))
        return response
    }

    func signOut(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        if let token = context.sessionToken { try await settings.accounts.endSession(token: token) }
        var response = Self.redirect(to: EditorPath.signIn)
        response.setCookie(EditorCookies.make(EditorCookies.session, value: "", maxAge: 0, secure: settings.secureCookies))
        return response
    }

    /// The sign-in form; its CSRF token is the `sana_signin` cookie's, set anew when missing.
    private func signInPage(_ request: Request, status: HTTPResponse.Status, message: String?, name: String) -> Response {
        let existing = request.cookies[EditorCookies.signIn]?.value
        let token = existing.flatMap { $0.isEmpty ? nil : $0 } ?? AccountStore.newToken()
        var ctx = renderer.editorBase(title: "Sign in", session: nil)
        ctx["csrf"] = token
        ctx["name"] = name
        if let message { ctx["message"] = message }
        var response = page(renderer.render("editor-signin", ctx), status: status)
        if token != existing {
            response.setCookie(EditorCookies.make(EditorCookies.signIn, value: token, maxAge: 3_600, secure: settings.secureCookies))
        }
        return response
    }
}

import Foundation
import Hummingbird
import SanaStore

/// `/editor/tokens` (admins): the API tokens, a form to add one (its secret shown once, on the
/// answer to that form) and a revoke button for each live one. Both steps are audited by the store.
extension EditorRoutes {
    var tokenStore: APITokenStore { APITokenStore(sharingDatabaseOf: settings.accounts) }

    func tokens(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        try await tokensPage(context)
    }

    func addToken(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let form = context.form
        let scopes = Set(APIScope.allCases.filter { form["scope-\($0.rawValue)"] != nil })
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let days = Int(form["expires_days"] ?? "\(APITokenStore.defaultLifetimeDays)") else {
            return try await tokensPage(context, status: .unprocessableContent, message: "Expires in: give a whole number of days.")
        }
        do {
            let issued = try await tokenStore.add(name: name, scopes: scopes, owner: form["owner"] ?? "", expiresInDays: days, by: session.user.name)
            return try await tokensPage(context, status: .created, issued: issued)
        } catch let error as APITokenError {
            return try await tokensPage(context, status: .unprocessableContent, message: "Not added: \(error).")
        }
    }

    func revokeToken(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        do {
            try await tokenStore.revoke(id: id, by: session.user.name)
        } catch APITokenError.notFound {
            throw HTTPError(.notFound)
        }
        return Self.redirect(to: EditorPath.tokens)
    }

    private func tokensPage(_ context: EditorRequestContext, status: HTTPResponse.Status = .ok, message: String? = nil,
                            issued: IssuedToken? = nil) async throws -> Response {
        let now = settings.now()
        let csrf = context.identity?.csrfToken ?? ""
        var ctx = renderer.editorBase(title: "API tokens", session: context.identity)
        ctx["addURL"] = EditorPath.tokens
        ctx["csrf"] = csrf
        if let message { ctx["message"] = message }
        if let issued { ctx["newSecret"] = issued.secret; ctx["newName"] = issued.token.name }
        let tokens = try await tokenStore.tokens()
        ctx["hasTokens"] = !tokens.isEmpty
        ctx["tokens"] = tokens.map { t -> [String: Any] in
            var row: [String: Any] = ["name": t.name, "owner": t.owner, "scopes": APITokenStore.text(t.scopes),
                                      "expires": t.expiresAt.formatted(.iso8601), "lastUsed": t.lastUsedAt?.formatted(.iso8601) ?? "never",
                                      "status": t.revokedAt != nil ? "revoked" : t.expiresAt <= now ? "expired" : "live", "csrf": csrf]
            if t.isLive(at: now) { row["revokeURL"] = EditorPath.token(id: t.id, "revoke") }
            return row
        }
        let owner = context.form["owner"] ?? context.identity?.user.name
        ctx["accounts"] = try await settings.accounts.users().filter { !$0.disabled }.map {
            ["name": $0.name, "role": $0.role.rawValue, "selected": $0.name == owner] as [String: Any]
        }
        ctx["scopes"] = APIScope.allCases.map { ["scope": $0.rawValue, "checked": issued == nil && context.form["scope-\($0.rawValue)"] != nil] as [String: Any] }
        ctx["name"] = issued == nil ? context.form["name"] ?? "" : ""
        ctx["days"] = String(APITokenStore.defaultLifetimeDays)
        return page(renderer.render("editor-tokens", ctx), status: status)
    }
}

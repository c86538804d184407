import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SanaStore
import GRDB
import SanaCore
@testable import SanaWeb

/// Every line of `EditorRoute.table` × every kind of visitor → the status the table implies:
/// no live session → 303 to the sign-in page; a role the route does not admit → 403; a POST
/// without the CSRF token, or with a wrong one → 403. Generated from the table, so a new route
/// is checked the moment it is added.
@Suite struct EditorAccessMatrixTests {
    enum Visitor: String, CaseIterable, CustomStringConvertible {
        case anonymous, writer, reviewer, editor, admin, disabled, expired
        var role: EditorRole? {
            switch self {
            case .writer: .writer
            case .reviewer: .reviewer
            case .editor: .editor
            case .admin: .admin
            case .anonymous, .disabled, .expired: nil
            }
        }
        var description: String { rawValue }
    }

    enum Token: CaseIterable { case right, missing, wrong }

    /// What a request that passes every check answers.
    static func success(_ action: EditorRoute.Action, signedIn: Bool) -> HTTPResponse.Status {
        switch action {
        case .signInForm: signedIn ? .seeOther : .ok
        case .signIn: .unauthorized // the matrix posts no credentials
        case .signOut: .seeOther
        case .dashboard, .newDraftForm, .editDraftForm, .auditLog, .preview, .backlog: .ok
        case .createDraft, .saveDraft: .unprocessableContent // the matrix posts no title
        case .history, .diff: .ok
        // The matrix names no revision, and the draft has none through the editor: a wrong state.
        case .submit, .approve, .reject, .publish, .archive, .restore: .conflict
        case .tokens: .ok
        case .addToken: .unprocessableContent // the matrix posts no name or scope
        case .revokeToken: .notFound // the matrix names no token
        }
    }

    static func expected(_ route: EditorRoute, _ visitor: Visitor, _ token: Token) -> HTTPResponse.Status {
        if let roles = route.roles {
            guard let role = visitor.role else { return .seeOther }
            guard roles.contains(role) else { return .forbidden }
        }
        if route.method == .post && token != .right { return .forbidden }
        return success(route.action, signedIn: visitor.role != nil)
    }

    @Test func everyRouteAnswersEveryVisitorAsTheTableSays() async throws {
        let site = try EditorSite(); defer { site.remove() }
        var accountsByVisitor: [Visitor: EditorUser] = [:]
        for visitor in Visitor.allCases where visitor != .anonymous {
            accountsByVisitor[visitor] = try await site.accounts.addUser(name: "\(visitor)", role: visitor.role ?? .admin, password: EditorSite.password, by: "test")
        }
        #expect(!EditorRoute.table.isEmpty)
        let users = accountsByVisitor
        _ = try await site.store.upsert(SanaCore.Article(id: "matrix-draft", title: "A draft?", body: "Text.", category: SanaCore.Category(name: "Bones"), status: .draft))
        let app = try await site.application()
        try await app.test(.router) { client in
            for route in EditorRoute.table {
                for visitor in Visitor.allCases {
                    for token in route.method == .post ? Token.allCases : [.right] {
                        // A session of its own per request: signing out must not change the next case.
                        var cookies: [String: String] = [:]
                        var csrf = "signin-token"
                        if let user = users[visitor] {
                            let started = try await site.accounts.startSession(for: user, lifetime: visitor == .expired ? 1 : 600)
                            cookies[EditorCookies.session] = started.token
                            if route.roles != nil { csrf = started.session.csrfToken }
                        }
                        if visitor == .disabled { try await site.accounts.disable(name: "\(visitor)", by: "test") }
                        if route.roles == nil { cookies[EditorCookies.signIn] = "signin-token" }
                        site.clock.advance(2) // the expired visitor's one-second session is over
                        let response: TestResponse
                        if route.method == .post {
                            let fields: [(String, String)] = switch token {
                            case .right: [("csrf", csrf)]
                            case .missing: []
                            case .wrong: [("csrf", csrf + "x")]
                            }
                            response = try await client.post(Self.concrete(route.path), fields, cookies: cookies)
                        } else {
                            response = try await client.get(Self.concrete(route.path), cookies: cookies)
                        }
                        let want = Self.expected(route, visitor, token)
                        #expect(response.status == want, "\(route) as \(visitor), token \(token)")
                        #expect(response.headers[.cacheControl] == "no-store", "\(route) as \(visitor)")
                        if want == .seeOther && route.roles != nil && visitor.role == nil {
                            #expect(response.headers[.location] == EditorPath.signIn, "\(route) as \(visitor)")
                        }
                        if visitor == .disabled {
                            // Re-enabled for the next route: disabling is what is being tried, not kept.
                            try await site.store.writer.write { db in try db.execute(sql: "UPDATE editor_user SET disabled = 0 WHERE name = 'disabled'") }
                        }
                    }
                }
            }
        }
    }

    /// The path with its parameters filled in with things that exist.
    static func concrete(_ path: String) -> String { path.replacingOccurrences(of: ":id", with: "matrix-draft") }

    /// A path under /editor that no route serves is a 404 that no cache keeps either.
    @Test func unknownEditorPathsAreNotCachedEither() async throws {
        let site = try EditorSite(); defer { site.remove() }
        try await site.application().test(.router) { client in
            let response = try await client.get(EditorPath.root + "/no-such-page")
            #expect(response.status == .notFound && response.headers[.cacheControl] == "no-store")
        }
    }

    /// The table names every route `EditorRoutes` serves and no route twice.
    @Test func theTableHasNoDuplicatesAndEveryRouteIsUnderEditor() {
        let keys = EditorRoute.table.map { "\($0.method) \($0.path)" }
        #expect(Set(keys).count == keys.count)
        #expect(EditorRoute.table.allSatisfy { $0.path == EditorPath.root || $0.path.hasPrefix(EditorPath.root + "/") })
    }
}

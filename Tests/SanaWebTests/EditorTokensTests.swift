import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SanaStore
@testable import SanaWeb

/// The admins' token screen: a token is shown once, kept hashed, audited, and revoked.
@Suite struct EditorTokensTests {
    @Test func anAdminAddsATokenSeesItOnceAndRevokesIt() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let admin = try await site.accounts.addUser(name: "ada", role: .admin, password: EditorSite.password, by: "test")
        try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        let started = try await site.accounts.startSession(for: admin, lifetime: 600)
        let cookies = [EditorCookies.session: started.token]
        try await site.application().test(.router) { client in
            let added = try await client.post(EditorPath.tokens, [("csrf", started.session.csrfToken), ("name", "clinic-site"), ("owner", "wendy"),
                                                                  ("scope-write", "on"), ("scope-read-drafts", "on"), ("expires_days", "30")], cookies: cookies)
            #expect(added.status == .created)
            let html = String(buffer: added.body)
            let secret = try #require(html.firstRange(of: #/sana_[A-Za-z0-9_-]{43}/#).map { String(html[$0]) })
            let tokens = APITokenStore(sharingDatabaseOf: site.accounts)
            let token = try #require(try await tokens.authenticate(secret))
            #expect(token.owner == "wendy" && token.scopes == [.write, .readDrafts])
            // Shown once: the list never shows it again, and the database keeps only its hash.
            let list = String(buffer: try await client.get(EditorPath.tokens, cookies: cookies).body)
            #expect(list.contains("clinic-site") && !list.contains(secret))
            let stored = try await site.store.writer.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM api_token") }
            #expect(!stored.contains(secret))

            let revoked = try await client.post(EditorPath.token(id: token.id, "revoke"), [("csrf", started.session.csrfToken)], cookies: cookies)
            #expect(revoked.status == .seeOther)
            #expect(try await tokens.authenticate(secret) == nil)
            let audit = try await site.accounts.auditLog(limit: 10).map(\.action)
            #expect(audit.contains("token.add") && audit.contains("token.revoke"))
        }
    }

    @Test func aTokenNeedsAScopeAndAnOwner() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let admin = try await site.accounts.addUser(name: "ada", role: .admin, password: EditorSite.password, by: "test")
        let started = try await site.accounts.startSession(for: admin, lifetime: 600)
        try await site.application().test(.router) { client in
            let refused = try await client.post(EditorPath.tokens, [("csrf", started.session.csrfToken), ("name", "x"), ("owner", "ada")],
                                                cookies: [EditorCookies.session: started.token])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("scope"))
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SanaStore
@testable import SanaWeb

/// What a hostile (or merely unlucky) user tried against the editor, over a real SQLite file.
@Suite struct EditorHostileTests {
    struct Signed { var cookies: [String: String]; var csrf: String }

    func signIn(_ site: EditorSite, _ name: String, _ role: EditorRole) async throws -> Signed {
        let user = try await site.accounts.addUser(name: name, role: role, password: EditorSite.password, by: "test")
        let started = try await site.accounts.startSession(for: user, lifetime: 86_400)
        return Signed(cookies: [EditorCookies.session: started.token], csrf: started.session.csrfToken)
    }

    func post(_ client: some TestClientProtocol, _ path: String, _ who: Signed, _ fields: [(String, String)] = []) async throws -> TestResponse {
        try await client.post(path, [("csrf", who.csrf)] + fields, cookies: who.cookies)
    }

    func draft(_ client: some TestClientProtocol, _ wendy: Signed, title: String = "What helps a cough?") async throws -> String {
        let created = try await post(client, EditorPath.drafts, wendy, [("title", title), ("category", "Lungs"), ("body", "Rest.")])
        return String(try #require(created.headers[.location]).dropFirst(EditorPath.drafts.count + 1))
    }

    /// An approved revision that a later draft superseded is stale: publishing it must change
    /// nothing on the public site (it used to be copied there before the state check said 409).
    @Test func publishingAnApprovedRevisionThatIsNoLongerTheLatestChangesNothing() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        let rita = try await signIn(site, "rita", .reviewer)
        let ed = try await signIn(site, "ed", .editor)
        try await site.application(revisionCheckInterval: 0).test(.router) { client in
            let id = try await draft(client, wendy)
            let path = { (step: String) in EditorPath.history(id: id, step) }
            #expect(try await post(client, path("submit"), wendy, [("revision", "1")]).status == .seeOther)
            #expect(try await post(client, path("approve"), rita, [("revision", "1")]).status == .seeOther)
            // The writer finds a mistake after approval and saves revision 2.
            #expect(try await post(client, EditorPath.draft(id: id), wendy, [("revision", "1"), ("title", "What helps a cough?"),
                                                                          ("category", "Lungs"), ("body", "Rest. Not what revision 1 said.")]).status == .seeOther)
            #expect(try await post(client, path("publish"), ed, [("revision", "1")]).status == .conflict)
            let article = try #require(try await site.store.article(id: id))
            #expect(article.status == .draft, "the stale revision did not reach the public site")
            #expect(article.reviewer == nil)
        }
    }

    /// Signing in as someone else from a browser already signed in ends the first session on
    /// the server, instead of leaving a live token behind in nobody's cookie jar.
    @Test func signingInAgainEndsTheSessionTheBrowserHad() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        try await site.accounts.addUser(name: "rita", role: .reviewer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let form = try await client.get(EditorPath.signIn)
            let token = try #require(cookieValue(setCookies(form)[EditorCookies.signIn]))
            let response = try await client.post(EditorPath.signIn, [("csrf", token), ("name", "rita"), ("password", EditorSite.password)],
                                                 cookies: [EditorCookies.signIn: token, EditorCookies.session: wendy.cookies[EditorCookies.session]!])
            #expect(response.status == .seeOther)
            #expect(try await site.accounts.sessionCount(name: "wendy") == 0)
            #expect(try await site.accounts.sessionCount(name: "rita") == 1)
        }
    }

    /// Guesses sent all at once must not all pass the delay check before any is counted: at most
    /// the account's threshold of them is answered "wrong name or password", the rest wait (429).
    @Test func parallelGuessesCannotOutrunTheThrottle() async throws {
        let site = try EditorSite(); defer { site.remove() }
        try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let form = try await client.get(EditorPath.signIn)
            let token = try #require(cookieValue(setCookies(form)[EditorCookies.signIn]))
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for guess in 0..<20 {
                    group.addTask {
                        try await client.post(EditorPath.signIn, [("csrf", token), ("name", "wendy"), ("password", "guess number \(guess)")],
                                              cookies: [EditorCookies.signIn: token]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= SignInThrottle().accountThreshold)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 20 - SignInThrottle().accountThreshold)
        }
    }

    /// A session that ends while a writer types (it lasts 8 hours from sign-in), or a form opened
    /// before signing in again in another tab, must not swallow the text: the refusal shows it.
    @Test func aSaveRefusedForAnEndedSessionOrAnExpiredFormKeepsTheTypedText() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        try await site.application().test(.router) { client in
            let id = try await draft(client, wendy)
            let typed = [("revision", "1"), ("title", "What helps a cough?"), ("category", "Lungs"), ("body", "An hour of careful <writing> & more.")]
            // A form opened under an earlier session: the CSRF token no longer matches.
            let stale = try await client.post(EditorPath.draft(id: id), [("csrf", "an-old-token")] + typed, cookies: wendy.cookies)
            #expect(stale.status == .forbidden)
            #expect(String(buffer: stale.body).contains("An hour of careful &lt;writing&gt; &amp; more."))
            site.clock.advance(86_401)
            let ended = try await post(client, EditorPath.draft(id: id), wendy, typed)
            #expect(ended.status == .unauthorized)
            #expect(String(buffer: ended.body).contains("An hour of careful &lt;writing&gt; &amp; more."))
            #expect(try await site.settings.revisions.latest(articleID: id)?.number == 1, "nothing was saved")
        }
    }

    /// A form value that is not UTF-8 used to be read as empty, and saved so: a body wiped.
    @Test func aFormThatIsNotUTF8IsRefusedAndNothingIsSaved() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        try await site.application().test(.router) { client in
            let id = try await draft(client, wendy)
            let form = "csrf=\(wendy.csrf)&revision=1&title=Cough&category=Lungs&body=%FF%FE"
            let cookie = wendy.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let response = try await client.execute(uri: EditorPath.draft(id: id), method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                    body: ByteBuffer(string: form))
            #expect(response.status == .badRequest)
            #expect(try await site.settings.revisions.latest(articleID: id)?.number == 1)
            #expect(try await site.store.article(id: id)?.body == "Rest.")
        }
    }

    /// An admin's one screen, the audit log, is linked from their dashboard (and from nobody else's).
    @Test func theAdminsDashboardLinksToTheAuditLog() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let ada = try await signIn(site, "ada", .admin)
        let wendy = try await signIn(site, "wendy", .writer)
        try await site.application().test(.router) { client in
            let link = "href=\"\(EditorPath.audit)\""
            let adas = String(buffer: try await client.get(EditorPath.dashboard, cookies: ada.cookies).body)
            let wendys = String(buffer: try await client.get(EditorPath.dashboard, cookies: wendy.cookies).body)
            #expect(adas.contains(link))
            #expect(!wendys.contains(link))
        }
    }

    /// A title of a megabyte is refused by name, with the text kept; it used to be saved.
    @Test func aHugeTitleIsRefusedWithTheTextKept() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        try await site.application().test(.router) { client in
            let huge = String(repeating: "Ωμέγα ", count: 20_000)
            let response = try await post(client, EditorPath.drafts, wendy, [("title", huge), ("category", "Lungs"), ("body", "Kept body text.")])
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("Title: at most 300 characters") && page.contains("Kept body text."))
            let flood = try await post(client, EditorPath.drafts, wendy, [("title", "e" + String(repeating: "\u{301}", count: 5_000)), ("category", "Lungs")])
            #expect(flood.status == .unprocessableContent, "a combining-mark flood is one grapheme but 5,001 characters")
            #expect(try await site.store.articles(withStatus: .draft, limit: 10).isEmpty)
        }
    }
}

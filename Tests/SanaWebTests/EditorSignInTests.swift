import Foundation
import GRDB
import SanaCore
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SanaStore
@testable import SanaWeb

/// Signing in and out of `/editor`: cookies, CSRF, failures that all look alike, growing delays.
@Suite struct EditorSignInTests {
    @Test(arguments: [false, true])
    func signInSetsAScopedHttpOnlyCookieAndSignOutEndsTheSession(secure: Bool) async throws {
        let site = try EditorSite(secureCookies: secure); defer { site.remove() }
        try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let form = try await client.get(EditorPath.signIn)
            #expect(form.status == .ok && form.headers[.cacheControl] == "no-store")
            let body = String(buffer: form.body)
            #expect(body.contains(#"name="csrf""#) && body.contains(#"type="password""#))
            let signedIn = try await client.signIn("wendy", EditorSite.password)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == EditorPath.dashboard)
            let line = try #require(setCookies(signedIn)[EditorCookies.session])
            let attributes = Set(line.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.isSuperset(of: ["httponly", "samesite=lax", "path=/editor"]))
            #expect(attributes.contains("secure") == secure, "Secure exactly when served over HTTPS: \(line)")
            let token = try #require(cookieValue(line))
            let session = try #require(try await site.accounts.session(token: token))
            let dashboard = try await client.get(EditorPath.dashboard, cookies: [EditorCookies.session: token])
            #expect(dashboard.status == .ok)
            let page = String(buffer: dashboard.body)
            #expect(page.contains("wendy") && page.contains(session.csrfToken), "the sign-out form carries the session's token")
            #expect(!page.contains("Waiting for my review"), "only reviewers see the review list")
            let out = try await client.post(EditorPath.signOut, [("csrf", session.csrfToken)], cookies: [EditorCookies.session: token])
            #expect(out.status == .seeOther && out.headers[.location] == EditorPath.signIn)
            #expect(setCookies(out)[EditorCookies.session]?.lowercased().contains("max-age=0") == true)
            #expect(try await site.accounts.session(token: token) == nil)
            #expect(try await client.get(EditorPath.dashboard, cookies: [EditorCookies.session: token]).status == .seeOther)
        }
    }

    /// Unknown name, wrong password and disabled account: the same status and the same words.
    @Test func failedSignInsNeverSayWhetherTheAccountExists() async throws {
        let site = try EditorSite(); defer { site.remove() }
        try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.accounts.addUser(name: "gone", role: .writer, password: EditorSite.password, by: "test")
        try await site.accounts.disable(name: "gone", by: "test")
        try await site.application().test(.router) { client in
            var pages: [String] = []
            for (name, password) in [("nobody", EditorSite.password), ("wendy", "wrong password!"), ("gone", EditorSite.password)] {
                let response = try await client.signIn(name, password)
                #expect(response.status == .unauthorized, "\(name)")
                #expect(setCookies(response)[EditorCookies.session] == nil)
                pages.append(String(buffer: response.body).replacingOccurrences(of: name, with: "NAME"))
            }
            #expect(pages.allSatisfy { $0.contains("Wrong name or password.") })
            // The pages differ only in their CSRF token, which is the same cookie each time here: not at all.
            #expect(Set(pages.map { $0.replacing(/value="[A-Za-z0-9_-]{43}"/, with: "") }).count == 1)
        }
    }

    @Test func failuresOfAnAccountBringGrowingDelays() async throws {
        let site = try EditorSite(); defer { site.remove() }
        try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            for _ in 1...5 { #expect(try await client.signIn("wendy", "not the password").status == .unauthorized) }
            let refused = try await client.signIn("wendy", EditorSite.password)
            #expect(refused.status == .tooManyRequests, "even the right password waits")
            #expect(refused.headers[.retryAfter] == "30")
            #expect(refused.headers[.cacheControl] == "no-store")
            site.clock.advance(31)
            #expect(try await client.signIn("wendy", "still not it!").status == .unauthorized)
            #expect(try await client.signIn("wendy", EditorSite.password).headers[.retryAfter] == "60", "doubled")
            site.clock.advance(61)
            #expect(try await client.signIn("wendy", EditorSite.password).status == .seeOther)
            // Signing in forgets the account's failures.
            #expect(try await client.signIn("wendy", "wrong again!!").status == .unauthorized)
            #expect(try await client.signIn("wendy", EditorSite.password).status == .seeOther)
        }
    }

    @Test func delaysNeverExceedFifteenMinutesAndCountNamesThatDoNotExist() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let many = (0..<40).map { now.addingTimeInterval(Double(-$0)) }
        #expect(throttle.retryAfter(SignInFailures(account: many, address: []), now: now) == 900)
        #expect(throttle.retryAfter(SignInFailures(account: Array(many.prefix(4)), address: []), now: now) == nil)
        #expect(throttle.retryAfter(SignInFailures(account: [], address: Array(many.prefix(19))), now: now) == nil)
        #expect(throttle.retryAfter(SignInFailures(account: [], address: Array(many.prefix(20))), now: now) == 30)
        let old = many.map { $0.addingTimeInterval(-16 * 60) }
        #expect(throttle.retryAfter(SignInFailures(account: old, address: old), now: now) == nil, "outside the window")
    }

    /// Guessing many names from one address slows that address down, whatever name comes next.
    @Test func failuresFromOneAddressSlowItDown() async throws {
        let site = try EditorSite(); defer { site.remove() }
        try await site.application().test(.router) { client in
            for n in 1...20 { #expect(try await client.signIn("guess\(n)", "some password").status == .unauthorized) }
            let refused = try await client.signIn("fresh-name", "some password")
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] == "30")
        }
    }

    @Test func postsWithoutTheRightCSRFTokenAreRefused() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let user = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            // Sign-in: the form's token must match the cookie's.
            let noCookie = try await client.post(EditorPath.signIn, [("csrf", "abc"), ("name", "wendy"), ("password", EditorSite.password)])
            #expect(noCookie.status == .forbidden)
            let mismatch = try await client.post(EditorPath.signIn, [("csrf", "abc"), ("name", "wendy"), ("password", EditorSite.password)],
                                                 cookies: [EditorCookies.signIn: "abd"])
            #expect(mismatch.status == .forbidden)
            // Another session's token is not this session's.
            let mine = try await site.accounts.startSession(for: user, lifetime: 600)
            let theirs = try await site.accounts.startSession(for: user, lifetime: 600)
            let crossed = try await client.post(EditorPath.signOut, [("csrf", theirs.session.csrfToken)], cookies: [EditorCookies.session: mine.token])
            #expect(crossed.status == .forbidden)
            #expect(try await site.accounts.session(token: mine.token) != nil, "nothing happened")
        }
    }

    @Test func typedNamesAreEscapedAndTheReviewerSeesTheQueue() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let reviewer = try await site.accounts.addUser(name: "rita", role: .reviewer, password: EditorSite.password, by: "test")
        var waiting = editorArticle(1, status: .inReview)
        waiting.title = "Is <b>this</b> safe?"
        var due = editorArticle(2)
        due.nextReviewDue = site.clock.now.addingTimeInterval(-86_400)
        _ = try await site.store.write([waiting, due], skipInvalid: false, dryRun: false)
        // The queue is the latest revisions someone else submitted.
        try await site.settings.revisions.saveDraft(waiting, author: "wendy", expected: 0)
        try await site.settings.revisions.move(articleID: waiting.id, number: 1, from: [.draft], to: .submitted, actor: "wendy")
        try await site.application().test(.router) { client in
            let hostile = try await client.signIn("<script>alert(1)</script>", "whatever it is")
            let body = String(buffer: hostile.body)
            #expect(!body.contains("<script>alert") && body.contains("&lt;script&gt;"))
            let started = try await site.accounts.startSession(for: reviewer, lifetime: 600)
            let page = String(buffer: try await client.get(EditorPath.dashboard, cookies: [EditorCookies.session: started.token]).body)
            #expect(page.contains("Waiting for my review") && page.contains("Is &lt;b&gt;this&lt;/b&gt; safe?"))
            #expect(page.contains("Question number 2?"), "past its review date")
        }
    }
}

private func editorArticle(_ n: Int, status: SanaCore.ArticleStatus = .published) -> SanaCore.Article {
    SanaCore.Article(id: "a\(n)", title: "Question number \(n)?", body: "Answer \(n).", category: SanaCore.Category(name: "Bones"), status: status,
                     createdAt: Date(timeIntervalSince1970: 1_700_000_000))
}

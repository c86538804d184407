import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaSearch
@testable import SanaStore
@testable import SanaWeb

/// The review workflow through the editor, over a real SQLite file: draft → submit → reject with
/// a comment → fix → submit → approve by another user → publish, and what the public sees.
@Suite struct EditorReviewTests {
    static let hostileTitle = #"What helps <script>alert(1)</script> a sore throat?"#
    static let hostileBody = "Rest.\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n<script>alert(2)</script>"

    /// A signed-in user's cookies and CSRF token.
    struct Signed { var cookies: [String: String]; var csrf: String }

    func signIn(_ site: EditorSite, _ name: String, _ role: EditorRole) async throws -> Signed {
        let user = try await site.accounts.addUser(name: name, role: role, password: EditorSite.password, by: "test")
        let started = try await site.accounts.startSession(for: user, lifetime: 86_400)
        return Signed(cookies: [EditorCookies.session: started.token], csrf: started.session.csrfToken)
    }

    func post(_ client: some TestClientProtocol, _ path: String, _ who: Signed, _ fields: [(String, String)] = []) async throws -> TestResponse {
        try await client.post(path, [("csrf", who.csrf)] + fields, cookies: who.cookies)
    }

    func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func anArticleGoesFromDraftToPublishedAndAnEditWaitsForReview() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        let rita = try await signIn(site, "rita", .reviewer)
        let ed = try await signIn(site, "ed", .editor)
        let index = SearchIndex(englishWords: .none)
        try await site.application(revisionCheckInterval: 0, index: index).test(.router) { client in
            let created = try await post(client, EditorPath.drafts, wendy, [("title", Self.hostileTitle), ("category", "Ear, nose and throat"), ("body", Self.hostileBody)])
            let id = String(try #require(created.headers[.location]).dropFirst(EditorPath.drafts.count + 1))
            let path = { (step: String) in EditorPath.history(id: id, step) }
            #expect(try await post(client, path("submit"), wendy, [("revision", "1")]).status == .seeOther)
            #expect(try await post(client, path("submit"), wendy, [("revision", "1")]).status == .conflict, "already submitted")
            #expect(try await post(client, path("publish"), wendy, [("revision", "1")]).status == .forbidden, "a writer cannot publish")
            #expect(try await post(client, path("publish"), ed, [("revision", "1")]).status == .conflict, "not approved")
            #expect(text(try await client.get(EditorPath.dashboard, cookies: rita.cookies)).contains("What helps &lt;script&gt;"), "waiting for my review")

            let noComment = try await post(client, path("reject"), rita, [("revision", "1"), ("comment", "  ")])
            #expect(noComment.status == .unprocessableContent && text(noComment).contains("Comment:"))
            #expect(try await post(client, path("reject"), rita, [("revision", "1"), ("comment", "Say when to see a GP <b>now</b>.")]).status == .seeOther)
            let rejected = try await post(client, path("approve"), rita, [("revision", "1")])
            #expect(rejected.status == .conflict && text(rejected).contains("rejected"))

            // The fix: a new draft revision, submitted again, approved by another user, published.
            let fixed = try await post(client, EditorPath.draft(id: id), wendy, [("revision", "1"), ("title", Self.hostileTitle), ("category", "Ear, nose and throat"),
                                                                              ("body", Self.hostileBody + "\n\nSee a GP if it lasts a week.")])
            #expect(fixed.status == .seeOther)
            #expect(try await post(client, path("submit"), wendy, [("revision", "2")]).status == .seeOther)
            #expect(try await post(client, path("approve"), rita, [("revision", "2")]).status == .seeOther)
            #expect(text(try await client.get(EditorPath.dashboard, cookies: ed.cookies)).contains("What helps &lt;script&gt;"), "ready to publish")
            let approvedAt = site.clock.now
            site.clock.advance(3_600)
            #expect(try await post(client, path("publish"), ed, [("revision", "2")]).status == .seeOther)

            let article = try #require(try await site.store.article(id: id))
            #expect(article.status == .published && article.reviewer == "rita")
            let dueDay = PageRenderer.dayFormat(Calendar.utc.date(byAdding: .year, value: 1, to: approvedAt)!)
            let publicPage = text(try await client.get(SitePath.article(slug: article.slug).href))
            #expect(publicPage.contains("Reviewed by rita on \(PageRenderer.dayFormat(approvedAt)) · Next review due \(dueDay)"))
            #expect(publicPage.contains(#""reviewedBy""#) && publicPage.contains(#""lastReviewed":"\#(PageRenderer.isoDay(approvedAt))""#))
            #expect(publicPage.contains("See a GP if it lasts a week."))
            Self.expectInert(publicPage)

            // An edit to the published article waits for review; the public page keeps serving revision 2.
            let before = try await site.store.latestChange()
            #expect(try await post(client, EditorPath.draft(id: id), wendy, [("revision", "2"), ("title", Self.hostileTitle), ("category", "Ear, nose and throat"),
                                                                          ("body", "Changed advice <script>alert(3)</script>.")]).status == .seeOther)
            #expect(try await site.store.latestChange() == before, "the public row is untouched")
            #expect(!text(try await client.get(SitePath.article(slug: article.slug).href)).contains("Changed advice"))
            #expect(try await post(client, path("submit"), wendy, [("revision", "3")]).status == .seeOther)
            #expect(try await post(client, path("approve"), rita, [("revision", "3"), ("next_review_due", "2030-01-31")]).status == .seeOther)
            #expect(!text(try await client.get(SitePath.article(slug: article.slug).href)).contains("Changed advice"), "approved is not published")
            #expect(try await post(client, path("publish"), ed, [("revision", "3")]).status == .seeOther)
            let republished = text(try await client.get(SitePath.article(slug: article.slug).href))
            #expect(republished.contains("Changed advice") && republished.contains("Next review due 31 January 2030"))
            Self.expectInert(republished)
            // The change feed, which drives the search index, carries the published edit.
            let changes = try await site.store.changes(after: before, limit: 10).articles
            #expect(changes.map(\.id) == [id] && changes.first?.status == .published && changes.first?.body.hasPrefix("Changed advice") == true)
            #expect(index.search("changed advice for a sore throat").results.isEmpty)
            index.update(changes) // what the IndexFollower does with each page of the feed
            #expect(index.search("changed advice for a sore throat").results.first?.id == id)
            let answers = text(try await client.get("/search?q=changed+advice+for+a+sore+throat"))
            #expect(answers.contains(SitePath.article(slug: article.slug).href), "the answers page finds the published edit")

            // History and diff show the hostile text escaped.
            let history = text(try await client.get(EditorPath.history(id: id), cookies: wendy.cookies))
            #expect(history.contains("Say when to see a GP &lt;b&gt;now&lt;/b&gt;.") && history.contains("rejected"))
            Self.expectInert(history)
            let diff = try await client.get(path("diff") + "?from=2&to=3", cookies: rita.cookies)
            #expect(diff.status == .ok && text(diff).contains("Changed advice &lt;script&gt;alert(3)&lt;/script&gt;."))
            Self.expectInert(text(diff))

            // Restoring revision 2 makes revision 4, a draft; the public page does not change.
            #expect(try await post(client, path("restore"), wendy, [("revision", "2"), ("latest", "3")]).status == .seeOther)
            let revisions = try await site.settings.revisions.revisions(articleID: id)
            #expect(revisions.map(\.state) == [.rejected, .published, .published, .draft])
            #expect(revisions.last?.article.body == revisions[1].article.body)
            #expect(text(try await client.get(SitePath.article(slug: article.slug).href)).contains("Changed advice"))

            let log = try await site.accounts.auditLog(limit: 50).filter { $0.articleID == id }.map(\.action).reversed()
            #expect(Array(log) == ["draft.create", "revision.submitted", "revision.rejected", "draft.edit", "revision.submitted", "revision.approved",
                                   "revision.published", "draft.edit", "revision.submitted", "revision.approved", "revision.published", "draft.restore"])
            let published = try #require(try await site.accounts.auditLog(limit: 50).first { $0.action == "revision.published" })
            #expect(published.fromRevision == 2 && published.toRevision == 3)

            #expect(try await post(client, path("archive"), wendy).status == .forbidden)
            #expect(try await post(client, path("archive"), ed).status == .seeOther)
            #expect(try await client.get(SitePath.article(slug: article.slug).href).status == .notFound)
        }
    }

    @Test func aReviewerCannotApproveTheirOwnWriting() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let rita = try await signIn(site, "rita", .reviewer)
        let draft = Article(id: "own", title: "Is it mine?", body: "Yes.", category: Category(name: "General"), status: .draft)
        _ = try await site.store.upsert(draft)
        // Written as rita (say, before her role changed), then submitted.
        try await site.settings.revisions.saveDraft(draft, author: "rita", expected: 0)
        try await site.settings.revisions.move(articleID: "own", number: 1, from: [.draft], to: .submitted, actor: "rita")
        try await site.application().test(.router) { client in
            #expect(!text(try await client.get(EditorPath.dashboard, cookies: rita.cookies)).contains("Is it mine?"))
            #expect(text(try await client.get(EditorPath.history(id: "own"), cookies: rita.cookies)).contains("another reviewer must review it"))
            let refused = try await post(client, EditorPath.history(id: "own", "approve"), rita, [("revision", "1")])
            #expect(refused.status == .forbidden && text(refused).contains("cannot sign off their own writing"))
            #expect(try await site.settings.revisions.latest(articleID: "own")?.state == .submitted)
        }
    }

    /// An imported article has no revisions yet: its first edit keeps the public version as
    /// revision 1 and leaves the public page alone.
    @Test func editingAnImportedPublishedArticleStartsItsHistoryFromThePublicVersion() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await signIn(site, "wendy", .writer)
        let imported = Article(id: "gout", title: "What is gout?", body: "Gout is arthritis from urate crystals.", category: Category(name: "Joints"),
                               reviewedAt: site.clock.now, reviewer: "Dr Ng")
        _ = try await site.store.upsert(imported)
        try await site.application(revisionCheckInterval: 0).test(.router) { client in
            #expect(text(try await client.get(EditorPath.draft(id: "gout"), cookies: wendy.cookies)).contains(#"name="revision" value="0""#))
            #expect(try await post(client, EditorPath.draft(id: "gout"), wendy, [("revision", "0"), ("title", "What is gout?"), ("category", "Joints"),
                                                                              ("body", "Gout is arthritis. Unreviewed claim.")]).status == .seeOther)
            let revisions = try await site.settings.revisions.revisions(articleID: "gout")
            #expect(revisions.map(\.state) == [.published, .draft] && revisions.first?.author == "Dr Ng")
            #expect(try await site.store.article(id: "gout") == imported, "the public row is untouched")
            let publicPage = text(try await client.get(SitePath.article(slug: imported.slug).href))
            #expect(publicPage.contains("urate crystals") && !publicPage.contains("Unreviewed claim"))
            let diff = text(try await client.get(EditorPath.history(id: "gout", "diff"), cookies: wendy.cookies))
            #expect(diff.contains("Gout is arthritis. Unreviewed claim.") && diff.contains("Gout is arthritis from urate crystals."))
        }
    }

    /// No executable markup: the hostile payloads appear only escaped.
    static func expectInert(_ html: String) {
        for raw in ["<script>alert", "<img src=x", "href=\"javascript:", "<b>now</b>"] {
            #expect(!html.contains(raw), "\(raw)")
        }
    }
}

extension Calendar {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
@testable import SanaStore
@testable import SanaWeb

/// Writers' drafts through the editor: stored as draft articles, audited, never overwritten
/// by a stale form, and what was typed is never lost on an error.
@Suite struct EditorDraftTests {
    @Test func aWriterCreatesAndEditsADraftAndTheAuditLogSaysSo() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        let other = try await site.accounts.addUser(name: "walt", role: .writer, password: EditorSite.password, by: "test")
        let admin = try await site.accounts.addUser(name: "ada", role: .admin, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let cookies = [EditorCookies.session: session.token]
            let csrf = session.session.csrfToken
            #expect(try await client.get(EditorPath.newDraft, cookies: cookies).status == .ok)
            let created = try await client.post(EditorPath.drafts, [("csrf", csrf), ("title", "What helps a <sore> throat?"), ("category", "Ear, nose and throat"),
                                                                    ("summary", ""), ("body", "Rest and fluids.\n\n## When to get help\n\nIf it lasts.")], cookies: cookies)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix(EditorPath.drafts + "/ed-"))
            let id = String(location.dropFirst(EditorPath.drafts.count + 1))
            let draft = try #require(try await site.store.article(id: id))
            #expect(draft.status == .draft && draft.title == "What helps a <sore> throat?" && draft.revision == 1)
            let form = String(buffer: try await client.get(location, cookies: cookies).body)
            #expect(form.contains("What helps a &lt;sore&gt; throat?") && form.contains(#"name="revision" value="1""#))

            let saved = try await client.post(location, [("csrf", csrf), ("revision", "1"), ("title", "What helps a sore throat?"),
                                                         ("category", "Ear, nose and throat"), ("body", "Rest, fluids and honey.")], cookies: cookies)
            #expect(saved.status == .seeOther)
            #expect(try await site.store.article(id: id)?.revision == 2)
            #expect(try await site.store.revisions(id: id).map(\.title) == ["What helps a <sore> throat?"])

            // A form opened at revision 1 cannot overwrite revision 2; the typed text comes back.
            let stale = try await client.post(location, [("csrf", csrf), ("revision", "1"), ("title", "Stale title?"), ("category", "X"), ("body", "Typed text to keep.")], cookies: cookies)
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("Typed text to keep."))
            #expect(try await site.store.article(id: id)?.title == "What helps a sore throat?")

            // A control character is refused with the field named, and the text kept.
            let bad = try await client.post(location, [("csrf", csrf), ("revision", "2"), ("title", "Bad\u{7}title?"), ("category", "X"), ("body", "Keep me.")], cookies: cookies)
            #expect(bad.status == .unprocessableContent)
            let badPage = String(buffer: bad.body)
            #expect(badPage.contains("Title:") && badPage.contains("Keep me."))
            #expect(try await site.store.article(id: id)?.revision == 2)

            let dashboard = String(buffer: try await client.get(EditorPath.dashboard, cookies: cookies).body)
            #expect(dashboard.contains("What helps a sore throat?"), "my drafts")
            let theirs = try await site.accounts.startSession(for: other, lifetime: 600)
            let otherDashboard = String(buffer: try await client.get(EditorPath.dashboard, cookies: [EditorCookies.session: theirs.token]).body)
            #expect(!otherDashboard.contains("What helps a sore throat?"), "not someone else's")
            #expect(try await client.get("/articles/" + draft.slug).status == .notFound, "drafts are not public")

            let log = try await site.accounts.auditLog(limit: 10).filter { $0.articleID == id }
            #expect(log.map(\.action) == ["draft.edit", "draft.create"])
            #expect(log.first?.actor == "wendy" && log.first?.fromRevision == 1 && log.first?.toRevision == 2)
            let adminSession = try await site.accounts.startSession(for: admin, lifetime: 600)
            let auditPage = String(buffer: try await client.get(EditorPath.audit, cookies: [EditorCookies.session: adminSession.token]).body)
            #expect(auditPage.contains("draft.edit") && auditPage.contains(id) && auditPage.contains("r1 → r2"))
        }
    }

    @Test func missingFieldsAndUnknownDraftsAreNamed() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let cookies = [EditorCookies.session: session.token]
            let noCategory = try await client.post(EditorPath.drafts, [("csrf", session.session.csrfToken), ("title", "A question?"), ("body", "Typed body.")], cookies: cookies)
            #expect(noCategory.status == .unprocessableContent)
            let page = String(buffer: noCategory.body)
            #expect(page.contains("Category: must not be empty.") && page.contains("Typed body.") && page.contains("A question?"))
            #expect(try await site.store.counts().total == 0)
            #expect(try await client.get(EditorPath.draft(id: "nope"), cookies: cookies).status == .notFound)
        }
    }
}

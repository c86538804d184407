import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
@testable import SanaStore
@testable import SanaWeb

/// The workflow's edges: an article imported as in_review is reviewed like any other; an
/// archived article keeps a readable history; writers may edit each other's drafts, and then
/// neither may be the reviewer of it in another account's name (the own-writing rule counts
/// every revision since the last published one).
@Suite struct EditorLooseEndsTests {
    func session(_ site: EditorSite, _ name: String, _ role: EditorRole) async throws -> (cookies: [String: String], csrf: String) {
        let user = try await site.accounts.addUser(name: name, role: role, password: EditorSite.password, by: "test")
        let started = try await site.accounts.startSession(for: user, lifetime: 86_400)
        return ([EditorCookies.session: started.token], started.session.csrfToken)
    }

    @Test func anArticleImportedInReviewWaitsForReviewersAndCanBeApprovedAndPublished() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let rita = try await session(site, "rita", .reviewer), ed = try await session(site, "ed", .editor)
        _ = try await site.store.upsert(Article(id: "imp", title: "What is bursitis?", body: "Bursitis is a swollen bursa.\n\n## When to get help\n\nIf it is hot.",
                                                category: Category(name: "Joints"), status: .inReview))
        try await site.application(revisionCheckInterval: 0).test(.router) { client in
            let dashboard = String(buffer: try await client.get(EditorPath.dashboard, cookies: rita.cookies).body)
            #expect(dashboard.contains("What is bursitis?"), "waiting for my review")
            let history = String(buffer: try await client.get(EditorPath.history(id: "imp"), cookies: rita.cookies).body)
            #expect(history.contains("Revision 1: submitted") && history.contains("Approve"))
            #expect(try await site.settings.revisions.revisions(articleID: "imp").map(\.author) == ["import"])
            #expect(!history.contains("Changes</a>"), "revision 1 has no earlier one to compare with")
            let approved = try await client.post(EditorPath.history(id: "imp", "approve"), [("csrf", rita.csrf), ("revision", "1")], cookies: rita.cookies)
            #expect(approved.status == .seeOther)
            let published = try await client.post(EditorPath.history(id: "imp", "publish"), [("csrf", ed.csrf), ("revision", "1")], cookies: ed.cookies)
            #expect(published.status == .seeOther)
            let article = try #require(try await site.store.article(id: "imp"))
            #expect(article.status == .published && article.reviewer == "rita")
            #expect(!String(buffer: try await client.get(EditorPath.dashboard, cookies: rita.cookies).body).contains("What is bursitis?"))
        }
    }

    @Test func anArchivedArticlesHistoryCanBeReadButOffersNoStep() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await session(site, "wendy", .writer)
        _ = try await site.store.upsert(Article(id: "old", title: "An old answer?", body: "Old text.", category: Category(name: "General")))
        try await site.settings.revisions.seedIfEmpty(try #require(try await site.store.article(id: "old")))
        _ = try await site.store.archive(id: "old")
        try await site.application().test(.router) { client in
            let history = try await client.get(EditorPath.history(id: "old"), cookies: wendy.cookies)
            #expect(history.status == .ok)
            let page = String(buffer: history.body)
            #expect(page.contains("Public status: archived") && !page.contains("Submit for review") && !page.contains("Restore") && !page.contains(">Edit<"))
            #expect(try await client.get(EditorPath.history(id: "old", "diff"), cookies: wendy.cookies).status == .ok)
            #expect(try await client.get(EditorPath.draft(id: "old"), cookies: wendy.cookies).status == .notFound, "not editable")
        }
    }

    @Test func aWriterMayEditAnotherWritersDraft() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await session(site, "wendy", .writer), walt = try await session(site, "walt", .writer)
        try await site.application().test(.router) { client in
            let created = try await client.post(EditorPath.drafts, [("csrf", wendy.csrf), ("title", "Shared draft?"), ("category", "General"), ("body", "First.")],
                                                cookies: wendy.cookies)
            let location = try #require(created.headers[.location])
            let edited = try await client.post(location, [("csrf", walt.csrf), ("revision", "1"), ("title", "Shared draft?"), ("category", "General"),
                                                          ("body", "First. Second.")], cookies: walt.cookies)
            #expect(edited.status == .seeOther)
            let id = String(location.dropFirst(EditorPath.drafts.count + 1))
            #expect(try await site.settings.revisions.revisions(articleID: id).map(\.author) == ["wendy", "walt"])
            for who in [wendy, walt] {
                #expect(String(buffer: try await client.get(EditorPath.dashboard, cookies: who.cookies).body).contains("Shared draft?"))
            }
            // Every revision since the last published one counts as its writer's own writing.
            #expect(try await site.settings.revisions.isOwnWriting("wendy", articleID: id, number: 2))
            #expect(try await site.settings.revisions.isOwnWriting("walt", articleID: id, number: 2))
        }
    }
}

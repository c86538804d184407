import Foundation
import Testing
import SanaTestSupport
import SanaCore
@testable import SanaStore

/// The review workflow's revisions on a real SQLite file: numbering, states, sign-off rules and
/// the audit entry each step writes.
@Suite struct RevisionStoreTests {
    func make() throws -> (SQLiteStore, AccountStore, RevisionStore, TemporaryFolder) {
        let folder = try TemporaryFolder("sana-revisions")
        let store = try SQLiteStore(path: folder.path("r.sqlite"))
        let accounts = try store.accounts(bcryptCost: 4)
        return (store, accounts, RevisionStore(sharingDatabaseOf: accounts), folder)
    }

    func article(_ body: String, status: ArticleStatus = .draft) -> Article {
        Article(id: "a1", title: "What helps?", body: body, category: Category(name: "General"), status: status)
    }

    @Test func stepsMoveOnlyTheLatestRevisionFromTheRightState() async throws {
        let (store, accounts, revisions, folder) = try make(); defer { folder.remove() }
        _ = try await store.upsert(article("One."))
        try await revisions.saveDraft(article("One."), author: "wendy", expected: 0)
        await #expect(throws: RevisionError.wrongState(expected: 0, latest: 1, state: .draft, allowed: [.draft])) {
            try await revisions.saveDraft(article("Stale."), author: "wendy", expected: 0)
        }
        await #expect(throws: RevisionError.wrongState(expected: 1, latest: 1, state: .draft, allowed: [.approved])) {
            try await revisions.move(articleID: "a1", number: 1, from: [.approved], to: .published, actor: "ed")
        }
        try await revisions.move(articleID: "a1", number: 1, from: [.draft], to: .submitted, actor: "wendy")
        await #expect(throws: RevisionError.ownWriting(author: "wendy")) {
            try await revisions.move(articleID: "a1", number: 1, from: [.submitted], to: .approved, actor: "wendy", signOff: true)
        }
        let due = Date(timeIntervalSince1970: 1_900_000_000)
        let approved = try await revisions.move(articleID: "a1", number: 1, from: [.submitted], to: .approved, actor: "rita", signOff: true, comment: "Fine", nextReviewDue: due)
        #expect(approved.reviewer == "rita" && approved.reviewedAt != nil && approved.nextReviewDue == due && approved.comment == "Fine")
        #expect(try await revisions.latestRevisions(in: .approved, limit: 10).map(\.number) == [1])
        #expect(try await revisions.latestRevisions(in: .submitted, limit: 10).isEmpty)
        // A later draft supersedes the approved revision: it can no longer be published.
        try await revisions.saveDraft(article("Two."), author: "wendy", expected: 1)
        await #expect(throws: RevisionError.self) {
            try await revisions.move(articleID: "a1", number: 1, from: [.approved], to: .published, actor: "ed")
        }
        #expect(try await revisions.revisions(articleID: "a1").map(\.article.body) == ["One.", "Two."])
        let log = try await accounts.auditLog(limit: 10)
        #expect(log.map(\.action) == ["revision.approved", "revision.submitted"])
        #expect(log.first?.actor == "rita" && log.first?.detail == "submitted → approved: Fine")
    }

    @Test func aReviewerWhoWroteAnEarlierUnpublishedRevisionCannotSignOff() async throws {
        let (store, _, revisions, folder) = try make(); defer { folder.remove() }
        _ = try await store.upsert(article("One."))
        try await revisions.saveDraft(article("One."), author: "rita", expected: 0)
        try await revisions.saveDraft(article("One, edited."), author: "wendy", expected: 1)
        try await revisions.move(articleID: "a1", number: 2, from: [.draft], to: .submitted, actor: "wendy")
        await #expect(throws: RevisionError.ownWriting(author: "rita")) {
            try await revisions.move(articleID: "a1", number: 2, from: [.submitted], to: .approved, actor: "rita", signOff: true)
        }
        try await revisions.move(articleID: "a1", number: 2, from: [.submitted], to: .approved, actor: "rex", signOff: true)
    }

    @Test func aPublishedArticleWithoutRevisionsIsSeededFromItsRow() async throws {
        let (store, _, revisions, folder) = try make(); defer { folder.remove() }
        var published = article("Public.", status: .published)
        published.reviewer = "Dr Who"
        _ = try await store.upsert(published)
        let saved = try await revisions.saveDraft(article("Edited."), author: "wendy", expected: 0, seed: published)
        #expect(saved.number == 2 && saved.state == .draft)
        let all = try await revisions.revisions(articleID: "a1")
        #expect(all.map(\.state) == [.published, .draft] && all.first?.author == "Dr Who")
        #expect(try await store.article(id: "a1")?.body == "Public.")
    }

    @Test func invalidArticlesAreRefusedWithTheFieldNamed() async throws {
        let (_, _, revisions, folder) = try make(); defer { folder.remove() }
        await #expect(throws: StoreError.self) {
            try await revisions.saveDraft(Article(id: "a1", title: " ", body: "x", category: Category(name: "G")), author: "w", expected: 0)
        }
    }
}

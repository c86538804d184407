import Foundation
import Testing
import SanaCore
@testable import SanaStore

/// A fresh SQLite file in a temporary folder for each test.
func temporaryStore(now: @escaping @Sendable () -> Date = { Date() }) throws -> (SQLiteStore, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sana-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("test.sqlite").path
    return (try SQLiteStore(path: path, now: now), path)
}

func article(_ n: Int, category: String = "Bones", status: ArticleStatus = .published, body: String? = nil) -> Article {
    Article(id: "a\(n)", title: "Question number \(n)?", body: body ?? "Answer \(n). More text.",
            category: Category(name: category), status: status, createdAt: Date(timeIntervalSince1970: 1_700_000_000), position: n)
}

@Suite struct SQLiteStoreTests {
    @Test func upsertAddsLeavesIdenticalAndRevisesChanged() async throws {
        let (store, _) = try temporaryStore()
        #expect(try await store.upsert(article(1)) == .added)
        #expect(try await store.upsert(article(1)) == .unchanged)
        #expect(try await store.revisions(id: "a1").isEmpty)
        #expect(try await store.upsert(article(1, body: "A better answer.")) == .updated)
        let stored = try #require(try await store.article(id: "a1"))
        #expect(stored.revision == 2)
        #expect(stored.body == "A better answer.")
        let history = try await store.revisions(id: "a1")
        #expect(history.map(\.revision) == [1])
        #expect(history.first?.body == "Answer 1. More text.")
    }

    @Test func getsBySlugAndReportsMissing() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.upsert(article(1))
        #expect(try await store.article(slug: "question-number-1")?.id == "a1")
        #expect(try await store.article(slug: "nope") == nil)
        #expect(try await store.article(id: "nope") == nil)
    }

    @Test func duplicateSlugIsRejected() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.upsert(article(1))
        var other = article(2)
        other.slug = "question-number-1"
        await #expect(throws: StoreError.duplicateSlug(slug: "question-number-1", id: "a2", existingID: "a1")) {
            try await store.upsert(other)
        }
    }

    @Test func batchWriteIsAllOrNothing() async throws {
        let (store, _) = try temporaryStore()
        var bad = article(3)
        bad.slug = "Not A Slug"
        await #expect(throws: StoreError.self) {
            try await store.write([article(1), article(2), bad], skipInvalid: false, dryRun: false)
        }
        #expect(try await store.counts().total == 0)
        let report = try await store.write([article(1), article(2), bad], skipInvalid: true, dryRun: false)
        #expect(report.tally.added == 2)
        #expect(report.rejected.map(\.index) == [2])
        #expect(try await store.counts().total == 2)
    }

    @Test func dryRunWritesNothing() async throws {
        let (store, _) = try temporaryStore()
        let report = try await store.write([article(1), article(2)], skipInvalid: false, dryRun: true)
        #expect(report.tally.added == 2)
        #expect(try await store.counts().total == 0)
    }

    @Test func listsCategoryPagesInReadingOrderOfPublishedOnly() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.write((1...25).map { article($0) } + [article(26, status: .draft), article(27, category: "Skin")], skipInvalid: false, dryRun: false)
        let page = try await store.articles(inCategory: "bones", offset: 10, limit: 10)
        #expect(page.total == 25)
        #expect(page.items.map(\.id) == (11...20).map { "a\($0)" })
        let last = try await store.articles(inCategory: "bones", offset: 20, limit: 10)
        #expect(last.items.count == 5)
    }

    @Test func neighboursFollowPositionAndPreferNamedTitles() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.write((1...3).map { article($0) } + [article(4, category: "Skin")], skipInvalid: false, dryRun: false)
        let middle = try #require(try await store.article(id: "a2"))
        let (prev, next) = try await store.neighbours(of: middle)
        #expect(prev?.id == "a1")
        #expect(next?.id == "a3")
        let first = try #require(try await store.article(id: "a1"))
        #expect(try await store.neighbours(of: first).previous == nil)
        var named = article(5)
        named.previousTitle = "Question number 4?"   // in another category: the page named it
        named.nextTitle = "A title nobody has"
        _ = try await store.upsert(named)
        let n = try await store.neighbours(of: named)
        #expect(n.previous?.id == "a4")
        #expect(n.next == nil || n.next?.id != "a5")
    }

    @Test func countsByStatusAndCategory() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.write([article(1), article(2, status: .draft), article(3, category: "Skin")], skipInvalid: false, dryRun: false)
        let counts = try await store.counts()
        #expect(counts.byStatus[.published] == 2)
        #expect(counts.byStatus[.draft] == 1)
        #expect(counts.byCategory.map(\.category.slug) == ["bones", "skin"])
        #expect(counts.byCategory.map(\.count) == [1, 1])
    }

    @Test func streamsEveryArticleInIdOrderAcrossBatches() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.write((1...1203).map { article($0) }, skipInvalid: false, dryRun: false)
        var ids: [String] = []
        for try await a in store.allArticles() { ids.append(a.id) }
        #expect(ids.count == 1203)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 1203)
    }

    @Test func archiveKeepsTheOldVersion() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.upsert(article(1))
        #expect(try await store.archive(id: "a1"))
        #expect(try await store.article(id: "a1")?.status == .archived)
        #expect(try await store.revisions(id: "a1").first?.status == .published)
        #expect(try await store.archive(id: "missing") == false)
    }

    @Test func resolvesExcerptsByTitleOrBodyPrefix() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.write([article(1, body: "Breast cysts are fluid-filled sacs."), article(2)], skipInvalid: false, dryRun: false)
        let links = try await store.resolveExcerpts(["Breast cysts are fluid-fil...", "Question number 2?...", "Nothing matches this one...", "100% _odd_..."])
        #expect(links.map(\.id) == ["a1", "a2"])
    }

    @Test func reopeningAnExistingFileKeepsData() async throws {
        let (store, path) = try temporaryStore()
        _ = try await store.upsert(article(1))
        let again = try SQLiteStore(path: path)
        #expect(try await again.article(id: "a1")?.title == "Question number 1?")
        try await again.checkHealth()
    }

    /// Readers must never see half an import: while one transaction rewrites an article and adds
    /// thousands more, every read returns either the whole old or the whole new version.
    @Test func readersSeeConsistentArticlesDuringAnImport() async throws {
        let (store, _) = try temporaryStore()
        _ = try await store.upsert(Article(id: "watched", title: "Old title", body: "Old body", category: Category(name: "C")))
        let batch = [Article(id: "watched", title: "New title", body: "New body", category: Category(name: "C"))]
            + (1...4000).map { article($0) }
        async let writer = store.write(batch, skipInvalid: false, dryRun: false)
        var reads = 0, sawOld = 0, sawNew = 0
        var done = false
        while !done {
            let a = try #require(try await store.article(id: "watched"))
            let pair = (a.title, a.body)
            #expect(pair == ("Old title", "Old body") || pair == ("New title", "New body"))
            if a.title == "Old title" { sawOld += 1 } else { sawNew += 1 }
            let total = try await store.counts().total
            #expect(total == 1 || total == 4001, "a reader saw \(total) articles: part of a transaction")
            reads += 1
            done = sawNew > 0 && reads > 5
        }
        let report = try await writer
        #expect(report.tally.added == 4000)
        #expect(sawOld + sawNew == reads)
    }
}

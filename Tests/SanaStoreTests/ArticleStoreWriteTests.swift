import Foundation
import Testing
import SanaCore
@testable import SanaStore

/// What every `ArticleStore` must do when it writes.
@Suite struct ArticleStoreWriteTests {
    @Test(arguments: StoreKind.allCases)
    func upsertAddsLeavesIdenticalAndRevisesChanged(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
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

    @Test(arguments: StoreKind.allCases)
    func aChangedArticleKeepsItsCreationDateAndIsDatedNowUnlessItSaysLater(kind: StoreKind) async throws {
        let clock = TestClock()
        let made = try kind.make(now: { clock.now }); defer { made.remove() }
        let store = made.store
        _ = try await store.upsert(article(1))
        var changed = article(1, body: "Changed once.")
        changed.createdAt = Date(timeIntervalSince1970: 1_750_000_000)
        #expect(try await store.upsert(changed) == .updated)
        var stored = try #require(try await store.article(id: "a1"))
        #expect(stored.createdAt == article(1).createdAt)
        #expect(stored.updatedAt == clock.now)
        var later = article(1, body: "Changed twice.")
        later.updatedAt = clock.now.addingTimeInterval(3600)
        clock.advance(60)
        _ = try await store.upsert(later)
        stored = try #require(try await store.article(id: "a1"))
        #expect(stored.updatedAt == later.updatedAt)
        #expect(stored.revision == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func aMovedArticleIsUpdatedWithoutANewRevision(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write([article(1), article(2)])
        var moved = article(1)
        moved.position = 9
        #expect(try await store.upsert(moved) == .updated)
        let stored = try #require(try await store.article(id: "a1"))
        #expect(stored.position == 9 && stored.revision == 1)
        #expect(try await store.revisions(id: "a1").isEmpty)
        let changes = try await store.changes(after: 2, limit: 10)
        #expect(changes.articles.map(\.id) == ["a1"] && changes.last == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func aNewArticleKeepsItsRevisionButStartsAtOne(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var zero = article(1), seven = article(2)
        zero.revision = 0
        seven.revision = 7
        _ = try await store.write([zero, seven])
        #expect(try await store.article(id: "a1")?.revision == 1)
        #expect(try await store.article(id: "a2")?.revision == 7)
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateSlugIsRejectedAndAChangedSlugIsFreed(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.upsert(article(1))
        var other = article(2)
        other.slug = "question-number-1"
        await #expect(throws: StoreError.duplicateSlug(slug: "question-number-1", id: "a2", existingID: "a1")) {
            try await store.upsert(other)
        }
        var renamed = article(1)
        renamed.slug = "renamed"
        #expect(try await store.upsert(renamed) == .updated)
        #expect(try await store.upsert(other) == .added)
        #expect(try await store.article(slug: "question-number-1")?.id == "a2")
        #expect(try await store.article(slug: "renamed")?.id == "a1")
    }

    @Test(arguments: StoreKind.allCases)
    func invalidArticlesAreRejectedWithTheSameErrors(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var noID = article(1); noID.id = ""
        var badSlug = article(2); badSlug.slug = "Not A Slug"
        var noTitle = article(3); noTitle.title = "   "
        var control = article(4); control.body = "a\u{0}b"
        var controlID = article(5); controlID.id = "a\u{1}5"
        var lastRevision = article(6); lastRevision.revision = .max
        var flood = article(7); flood.alsoCalled = ["Gout", "G" + String(repeating: "\u{0301}", count: 31)]
        var accented = article(8); accented.title = "Vie\u{0323}\u{0302}t: " + "e" + String(repeating: "\u{0301}", count: 30)
        let expected: [(Article, StoreError)] = [
            (noID, .invalid(id: "", field: "id", message: "must not be empty")),
            (badSlug, .invalid(id: "a2", field: "slug", message: "'Not A Slug' is not a URL-safe slug")),
            (noTitle, .invalid(id: "a3", field: "title", message: "must not be empty")),
            (control, .invalid(id: "a4", field: "body", message: "contains control character U+0000")),
            (controlID, .invalid(id: "a\\u{1}5", field: "id", message: "contains control character U+0001")),
            (flood, .invalid(id: "a7", field: "also_called[1]", message: "has more than 30 combining marks in a row")),
        ]
        for (bad, error) in expected {
            await #expect(throws: error) { try await store.upsert(bad) }
        }
        #expect(try await store.article(id: "a7") == nil, "nothing of a refused article is stored")
        // Thirty marks in a row, and marks that several letters carry, are text.
        #expect(try await store.upsert(accented) == .added)
        #expect(try await store.upsert(lastRevision) == .added)
        lastRevision.body = "Changed."
        await #expect(throws: StoreError.invalid(id: "a6", field: "revision", message: "\(Int.max) is the last revision number; it cannot change again")) {
            try await store.upsert(lastRevision)
        }
        #expect(try await store.revisions(id: "a6").isEmpty)
        #expect(try await store.counts().total == 2, "only a6 and a8 were stored")
    }

    @Test(arguments: StoreKind.allCases)
    func batchWriteIsAllOrNothingUnlessSkippingInvalid(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var bad = article(3)
        bad.slug = "Not A Slug"
        await #expect(throws: StoreError.self) {
            try await store.write([article(1), article(2), bad], skipInvalid: false, dryRun: false)
        }
        #expect(try await store.counts().total == 0)
        #expect(try await store.latestChange() == 0)
        var taken = article(4)
        taken.slug = "question-number-1"
        let report = try await store.write([article(1), article(2), bad, taken, article(5)], skipInvalid: true, dryRun: false)
        #expect(report.tally == WriteTally(added: 3))
        #expect(report.rejected.map(\.index) == [2, 3])
        #expect(report.rejected.last?.error == .duplicateSlug(slug: "question-number-1", id: "a4", existingID: "a1"))
        #expect(try await store.counts().total == 3)
        #expect(try await store.changes(after: 0, limit: 10).articles.map(\.id) == ["a1", "a2", "a5"])
    }

    @Test(arguments: StoreKind.allCases)
    func aRejectedArticleLeavesNoRevisionBehind(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var last = article(1)
        last.revision = .max
        _ = try await store.upsert(last)
        last.body = "Changed."
        let report = try await store.write([last, article(2)], skipInvalid: true, dryRun: false)
        #expect(report.rejected.map(\.index) == [0])
        #expect(try await store.revisions(id: "a1").isEmpty)
        #expect(try await store.article(id: "a1")?.body == article(1).body)
    }

    @Test(arguments: StoreKind.allCases)
    func dryRunCountsButWritesNothing(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.upsert(article(1))
        let report = try await store.write([article(1, body: "Changed."), article(2), article(3)], skipInvalid: false, dryRun: true)
        #expect(report.tally == WriteTally(added: 2, updated: 1))
        #expect(try await store.counts().total == 1)
        #expect(try await store.article(id: "a1")?.body == article(1).body)
        #expect(try await store.revisions(id: "a1").isEmpty)
        #expect(try await store.latestChange() == 1)
        _ = try await store.upsert(article(2))
        #expect(try await store.latestChange() == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func everyWriteTakesTheNextNumberAndUnchangedOnesNone(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        #expect(try await store.latestChange() == 0)
        _ = try await store.write([article(1), article(2), article(3)])
        #expect(try await store.latestChange() == 3)
        #expect(try await store.changes(after: 0, limit: 10).articles.map(\.id) == ["a1", "a2", "a3"])
        let page = try await store.changes(after: 0, limit: 2)
        #expect(page.articles.map(\.id) == ["a1", "a2"] && page.last == 2)
        #expect(try await store.changes(after: page.last, limit: 2).articles.map(\.id) == ["a3"])
        #expect(try await store.changes(after: 0, limit: 0).articles.map(\.id) == ["a1"])

        #expect(try await store.upsert(article(1)) == .unchanged)
        #expect(try await store.latestChange() == 3)
        #expect(try await store.upsert(article(1, body: "A better answer.")) == .updated)
        #expect(try await store.upsert(article(2, status: .draft)) == .updated)
        #expect(try await store.archive(id: "a3"))
        let later = try await store.changes(after: 3, limit: 10)
        #expect(later.articles.map(\.id) == ["a1", "a2", "a3"])
        #expect(later.articles.map(\.status) == [.published, .draft, .archived])
        #expect(later.last == 6)
        let none = try await store.changes(after: 6, limit: 10)
        #expect(none.articles.isEmpty && none.last == 6)
    }

    @Test(arguments: StoreKind.allCases)
    func archiveKeepsTheOldVersion(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.upsert(article(1))
        #expect(try await store.archive(id: "a1"))
        #expect(try await store.article(id: "a1")?.status == .archived)
        #expect(try await store.revisions(id: "a1").first?.status == .published)
        #expect(try await store.archive(id: "missing") == false)
    }

    /// Dates are kept to the millisecond; revisions keep them to the second.
    @Test(arguments: StoreKind.allCases)
    func datesAreKeptToTheMillisecondAndRevisionsToTheSecond(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var a = article(1)
        a.createdAt = Date(timeIntervalSince1970: 1_700_000_000.123_456)
        a.reviewedAt = Date(timeIntervalSince1970: 1_700_000_100.987_654)
        _ = try await store.upsert(a)
        let stored = try #require(try await store.article(id: "a1"))
        func wholeMilliseconds(_ d: Date) -> Bool {
            let ms = d.timeIntervalSince1970 * 1000
            return abs(ms - ms.rounded()) < 0.01
        }
        for (kept, given) in [(stored.createdAt, a.createdAt), (try #require(stored.reviewedAt), a.reviewedAt!)] {
            #expect(wholeMilliseconds(kept) && abs(kept.timeIntervalSince(given)) < 0.001, "\(kept.timeIntervalSince1970)")
        }
        #expect(try await store.upsert(a) == .unchanged, "a date within the millisecond is the same date")
        _ = try await store.upsert(article(1, body: "Changed."))
        let revision = try #require(try await store.revisions(id: "a1").first)
        #expect(revision.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// Readers must never see half a write: while one transaction rewrites an article and adds
    /// thousands more, every read returns either the whole old or the whole new version.
    @Test(arguments: StoreKind.allCases)
    func readersSeeConsistentArticlesDuringAWrite(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
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

extension ArticleStore {
    func write(_ articles: [Article]) async throws -> WriteReport {
        try await write(articles, skipInvalid: false, dryRun: false)
    }
}

import Foundation
import Testing
import SanaCore
@testable import SanaStore

/// What every `ArticleStore` must answer.
@Suite struct ArticleStoreReadTests {
    @Test(arguments: StoreKind.allCases)
    func getsByIdAndSlugAndReportsMissing(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write([article(1), article(2, status: .draft)])
        #expect(try await store.article(slug: "question-number-1")?.id == "a1")
        #expect(try await store.article(slug: "question-number-2")?.status == .draft)
        #expect(try await store.article(slug: "nope") == nil)
        #expect(try await store.article(id: "nope") == nil)
        #expect(try await store.article(id: "a1") == article(1))
        #expect(try await store.slugsByID() == ["a1": "question-number-1", "a2": "question-number-2"])
        try await store.checkHealth()
    }

    @Test(arguments: StoreKind.allCases)
    func listsCategoryPagesInReadingOrderOfPublishedOnly(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write((1...25).map { article($0) } + [article(26, status: .draft), article(27, category: "Skin")])
        let page = try await store.articles(inCategory: "bones", offset: 10, limit: 10)
        #expect(page.total == 25)
        #expect(page.items.map(\.id) == (11...20).map { "a\($0)" })
        #expect(page.items.first == ArticleLink(id: "a11", slug: "question-number-11", title: "Question number 11?", summary: "Answer 11. More text.", position: 11))
        let last = try await store.articles(inCategory: "bones", offset: 20, limit: 10)
        #expect(last.items.count == 5)
        let odd = try await store.articles(inCategory: "bones", offset: -5, limit: -1)
        #expect(odd.items.isEmpty && odd.total == 25 && odd.offset == -5 && odd.limit == -1)
        #expect(try await store.articles(inCategory: "nothing", offset: 0, limit: 10).total == 0)
    }

    /// Reading order is position, then title, then id; text compares byte by byte.
    @Test(arguments: StoreKind.allCases)
    func readingOrderBreaksTiesByTitleThenId(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        func at(_ id: String, _ title: String) -> Article {
            Article(id: id, slug: id, title: title, body: "Body.", category: Category(name: "Ties"), position: 1)
        }
        _ = try await store.write([at("z", "Beta"), at("y", "beta"), at("x", "Beta"), at("w", "Alpha"), at("v", "Ébène")])
        let page = try await store.articles(inCategory: "ties", offset: 0, limit: 10)
        #expect(page.items.map(\.id) == ["w", "x", "z", "y", "v"])
        let (previous, next) = try await store.neighbours(of: at("x", "Beta"))
        #expect(previous?.id == "w" && next?.id == "z")
    }

    @Test(arguments: StoreKind.allCases)
    func neighboursFollowPositionAndPreferNamedTitles(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write((1...3).map { article($0) } + [article(4, category: "Skin"), article(6, status: .draft)])
        let middle = try #require(try await store.article(id: "a2"))
        let (prev, next) = try await store.neighbours(of: middle)
        #expect(prev?.id == "a1")
        #expect(next?.id == "a3")
        let first = try #require(try await store.article(id: "a1"))
        #expect(try await store.neighbours(of: first).previous == nil)
        let third = try #require(try await store.article(id: "a3"))
        #expect(try await store.neighbours(of: third).next == nil, "a draft is nobody's neighbour")
        var named = article(5)
        named.previousTitle = "Question number 4?"   // in another category: the page named it
        named.nextTitle = "A title nobody has"
        _ = try await store.upsert(named)
        let n = try await store.neighbours(of: named)
        #expect(n.previous?.id == "a4")
        #expect(n.next == nil)
        var selfNamed = article(2)
        selfNamed.previousTitle = "Question number 2?"
        #expect(try await store.neighbours(of: selfNamed).previous?.id == "a1", "an article is not its own neighbour")
    }

    @Test(arguments: StoreKind.allCases)
    func resolvesExcerptsByTitleOrBodyPrefix(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write([article(1, body: "Breast cysts are fluid-filled sacs."), article(2), article(3, status: .draft, body: "Breast cysts hidden.")])
        let links = try await store.resolveExcerpts(["Breast cysts are fluid-fil...", "Question number 2?...", "Nothing matches this one...", "100% _odd_...", "short..."])
        #expect(links.map(\.id) == ["a1", "a2"])
    }

    /// As SQL's LIKE: ASCII letters in any case, other letters only as written; a title that
    /// starts so wins over a body, then the smallest id; each article once.
    @Test(arguments: StoreKind.allCases)
    func excerptsMatchIgnoringASCIICaseAndPreferTitles(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        let body = Article(id: "b", title: "Something else", body: "ÉTUDE of gout in the knee.", category: Category(name: "C"))
        let title = Article(id: "c", title: "Étude of gout, the question", body: "Other.", category: Category(name: "C"))
        let percent = Article(id: "d", title: "Fever 100% of days?", body: "Other.", category: Category(name: "C"))
        _ = try await store.write([body, title, percent])
        #expect(try await store.resolveExcerpts(["Étude OF GOUT..."]).map(\.id) == ["c"])
        #expect(try await store.resolveExcerpts(["étude of gout..."]).isEmpty)
        #expect(try await store.resolveExcerpts(["ÉTUDE of gout in the..."]).map(\.id) == ["b"])
        #expect(try await store.resolveExcerpts(["FEVER 100% of..."]).map(\.id) == ["d"])
        #expect(try await store.resolveExcerpts(["Fever 1000 of..."]).isEmpty)
        #expect(try await store.resolveExcerpts(["Étude of gout...", "ÉTUDE OF GOUT, THE..."]).map(\.id) == ["c"])
    }

    @Test(arguments: StoreKind.allCases)
    func countsByStatusAndCategory(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var renamed = article(5)
        renamed.category = Category(name: "Aardvark bones", slug: "bones")
        _ = try await store.write([article(1), article(2, status: .draft), article(3, category: "Skin"), article(4, status: .archived), renamed])
        let counts = try await store.counts()
        #expect(counts.byStatus == [.published: 3, .draft: 1, .archived: 1])
        #expect(counts.total == 5)
        #expect(counts.byCategory == [CategoryCount(category: Category(name: "Aardvark bones", slug: "bones"), count: 2),
                                      CategoryCount(category: Category(name: "Skin"), count: 1)])
    }

    @Test(arguments: StoreKind.allCases)
    func recentlyChangedByUpdateOrByReview(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        func dated(_ n: Int, updated: TimeInterval, reviewed: TimeInterval?) -> Article {
            var a = article(n)
            a.updatedAt = Date(timeIntervalSince1970: 1_700_000_000 + updated)
            a.reviewedAt = reviewed.map { Date(timeIntervalSince1970: 1_700_000_000 + $0) }
            return a
        }
        _ = try await store.write([dated(1, updated: 10, reviewed: nil), dated(2, updated: 30, reviewed: 5),
                                   dated(3, updated: 20, reviewed: 50), dated(4, updated: 30, reviewed: nil),
                                   article(5, status: .draft)])
        #expect(try await store.recentlyChanged(limit: 10, byReview: false).map(\.id) == ["a2", "a4", "a3", "a1"])
        #expect(try await store.recentlyChanged(limit: 10, byReview: true).map(\.id) == ["a3", "a2", "a4", "a1"])
        #expect(try await store.recentlyChanged(limit: 2, byReview: false).map(\.id) == ["a2", "a4"])
        #expect(try await store.recentlyChanged(limit: -1, byReview: false).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func publishedSlugsInSlugOrder(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write([article(2), article(10), article(3, status: .draft)])
        let slugs = try await store.publishedSlugs()
        #expect(slugs.map(\.slug) == ["question-number-10", "question-number-2"])
        #expect(slugs.map(\.updatedAt) == [article(10).updatedAt, article(2).updatedAt])
    }

    @Test(arguments: StoreKind.allCases)
    func streamsEveryArticleInIdOrderAcrossBatches(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        _ = try await store.write((1...1203).map { article($0, status: $0 % 3 == 0 ? .draft : .published) })
        var ids: [String] = []
        for try await a in store.allArticles() { ids.append(a.id) }
        #expect(ids.count == 1203)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 1203)
    }
}

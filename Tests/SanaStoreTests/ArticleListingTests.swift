import Foundation
import Testing
import SanaTestSupport
import SanaCore
@testable import SanaStore

/// The API's listing of published articles: filters, newest write first, and a cursor that walks
/// every kept article once, alike in both stores.
@Suite struct ArticleListingTests {
    @Test(arguments: StoreKind.allCases)
    func filtersAndPagesKeepEveryPublishedArticleOnce(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        let day: TimeInterval = 86_400
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        func make(_ n: Int) -> Article {
            let at = base.addingTimeInterval(Double(n) * day)
            let category = Category(name: n % 2 == 0 ? "Bones" : "Skin")
            let focus: String? = n % 3 == 0 ? "Gout" : nil
            let language = n % 5 == 0 ? "fr" : "en"
            let status: ArticleStatus = n % 7 == 6 ? .draft : .published
            let reviewed: Date? = n % 4 == 0 ? at : nil
            return Article(id: "a\(n)", title: "Question \(n)?", body: "Body \(n).", category: category, focus: focus, language: language,
                           status: status, createdAt: at, reviewedAt: reviewed)
        }
        let articles = (0..<25).map(make)
        for a in articles { _ = try await store.upsert(a) }

        func all(_ filter: ArticleFilter, limit: Int) async throws -> [String] {
            var ids: [String] = [], before: Int?
            repeat {
                let page = try await store.publishedArticles(matching: filter, before: before, limit: limit)
                #expect(page.articles.count <= limit)
                ids += page.articles.map(\.id)
                before = page.next
            } while before != nil
            return ids
        }
        func expected(_ keep: (Article) -> Bool) -> [String] { articles.filter { $0.status == .published && keep($0) }.reversed().map { (a: Article) in a.id } }

        #expect(try await all(ArticleFilter(), limit: 4) == expected { _ in true })
        #expect(try await all(ArticleFilter(category: "bones"), limit: 3) == expected { $0.category.slug == "bones" })
        #expect(try await all(ArticleFilter(focus: "Gout", language: "en"), limit: 100) == expected { $0.focus == "Gout" && $0.language == "en" })
        let since = base.addingTimeInterval(10 * day)
        #expect(try await all(ArticleFilter(updatedSince: since), limit: 5) == expected { $0.updatedAt >= since })
        #expect(try await all(ArticleFilter(reviewedBefore: since), limit: 5) == expected { $0.reviewedAt.map { $0 < since } ?? true })
        #expect(try await all(ArticleFilter(category: "none"), limit: 5).isEmpty)
        // A rewritten article moves to the front: the order is by write.
        var moved = articles[0]; moved.body += " Revised."
        _ = try await store.upsert(moved)
        #expect(try await store.publishedArticles(matching: ArticleFilter(), before: nil, limit: 1).articles.first?.id == "a0")
    }
}

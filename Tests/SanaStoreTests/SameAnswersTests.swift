import Foundation
import SanaTestSupport
import Testing
import SanaCore
@testable import SanaStore

/// The in-memory store answers as the SQLite store does: the same writes (random but repeatable,
/// over look-alike text: letter case, accents composed or not, shared titles and positions,
/// invalid articles, taken slugs, dates finer than a millisecond) go to both, and after each,
/// every read must agree.
@Suite struct SameAnswersTests {
    static let ids = ["a", "b", "B", "é", "x-1", "x-2", "x10", "Ω"]
    static let slugs = ["one", "two", "three", "four", "five", "six", "seven", "eight", "Bad Slug"]
    static let titles = ["Gout?", "gout?", "Étude of gout", "E\u{301}tude of gout", "Beta", "beta", "Alpha", "  "]
    static let bodies = ["Gout is arthritis of the big toe.", "GOUT IS ARTHRITIS, often.", "Étude on gout.", "e\u{301}tude on gout.", "A\u{1}b", "100% _sure_ of it."]
    static let categories = [Category(name: "Bones"), Category(name: "bones", slug: "bones"), Category(name: "Skin"), Category(name: "Éclat", slug: "eclat")]
    static let excerpts = ["Gout is arthritis...", "gout is arthritis of...", "étude of gout...", "Étude of...", "E\u{301}tude on gout...", "100% _sure_...", "Beta", "ALPHA..."]

    @Test(arguments: [1, 2, 3, 4])
    func inMemoryAnswersAsSQLiteDoes(seed: UInt64) async throws {
        let clock = TestClock()
        let made = try StoreKind.sqliteFile.make(now: { clock.now }); defer { made.remove() }
        let stores: [any ArticleStore] = [made.store, InMemoryArticleStore(now: { clock.now })]
        var random = SplitMix(seed: seed)
        for step in 0..<60 {
            clock.advance(0.000_4 * Double(random.next(upTo: 5000)))
            var results: [String] = []
            let batch = (0..<random.next(upTo: 4) + 1).map { _ in Self.randomArticle(&random) }
            let (skipInvalid, dryRun) = (random.next(upTo: 2) == 0, random.next(upTo: 5) == 0)
            let archived = Self.ids[random.next(upTo: Self.ids.count)]
            for store in stores {
                var result = ""
                do {
                    if batch.count == 1 && !dryRun {
                        result = "\(try await store.upsert(batch[0]))"
                    } else {
                        let report = try await store.write(batch, skipInvalid: skipInvalid, dryRun: dryRun)
                        result = "\(report.tally) \(report.rejected.map { "\($0.index) \($0.error)" })"
                    }
                } catch {
                    result = "error \(error)"
                }
                if step % 7 == 0 {
                    do { result += " archive \(try await store.archive(id: archived))" } catch { result += " archive error \(error)" }
                }
                let reads = try await Self.everything(store)
                results.append(result + "\n" + reads)
            }
            #expect(results[0] == results[1], "step \(step)")
            if results[0] != results[1] { break }
        }
    }

    /// Every read of the protocol, written out.
    static func everything(_ store: any ArticleStore) async throws -> String {
        var out: [String] = []
        var stored: [Article] = []
        for try await a in store.allArticles() { stored.append(a) }
        out.append("all " + (try json(stored)))
        for id in ids {
            let article = try await store.article(id: id)
            let revisions = try await store.revisions(id: id)
            out.append("id \(id) " + (try json(article)) + " " + (try json(revisions)))
        }
        for slug in slugs { out.append("slug \(slug) \(try await store.article(slug: slug)?.id ?? "-")") }
        out.append("slugs \(try await store.slugsByID().sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })")
        for category in categories {
            for (offset, limit) in [(0, 10), (1, 2)] {
                let page = try await store.articles(inCategory: category.slug, offset: offset, limit: limit)
                out.append("category \(category.slug) \(page.items) \(page.total)")
            }
        }
        for a in stored {
            let n = try await store.neighbours(of: a)
            out.append("neighbours \(a.id) \(n.previous?.id ?? "-") \(n.next?.id ?? "-")")
        }
        out.append("excerpts \(try await store.resolveExcerpts(excerpts))")
        let counts = try await store.counts()
        out.append("counts \(counts.byStatus.sorted { $0.key.rawValue < $1.key.rawValue }) \(counts.byCategory)")
        out.append("recent \(try await store.recentlyChanged(limit: 4, byReview: false).map(\.id)) \(try await store.recentlyChanged(limit: 4, byReview: true).map(\.id))")
        out.append("sitemap \(try await store.publishedSlugs().map { "\($0.slug) \($0.updatedAt.timeIntervalSince1970)" })")
        out.append("latest \(try await store.latestChange())")
        for after in [0, 3] {
            let page = try await store.changes(after: after, limit: 2)
            out.append("changes \(after) \(page.articles.map(\.id)) \(page.last)")
        }
        return out.joined(separator: "\n")
    }

    /// Dates to the last bit, which `Date`'s own description would round to the second.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func randomArticle(_ r: inout SplitMix) -> Article {
        func pick<T>(_ options: [T]) -> T { options[r.next(upTo: options.count)] }
        func date() -> Date { Date(timeIntervalSince1970: 1_700_000_000 + Double(r.next(upTo: 4)) * 0.000_6 + Double(r.next(upTo: 3)) * 86_400) }
        let title = pick(titles)
        return Article(
            id: pick(ids), slug: pick(slugs), title: title, body: pick(bodies), category: pick(categories),
            focus: r.next(upTo: 2) == 0 ? nil : "Focus", alsoCalled: r.next(upTo: 2) == 0 ? [] : ["Other name"],
            sources: r.next(upTo: 2) == 0 ? [] : [Source(title: "NIH", url: "https://example.org/a")],
            status: pick(ArticleStatus.allCases), createdAt: date(), updatedAt: date(),
            reviewedAt: r.next(upTo: 2) == 0 ? nil : date(), revision: pick([0, 1, 3, Int.max]), position: r.next(upTo: 3),
            previousTitle: r.next(upTo: 2) == 0 ? nil : pick(titles), nextTitle: r.next(upTo: 3) == 0 ? pick(titles) : nil)
    }
}

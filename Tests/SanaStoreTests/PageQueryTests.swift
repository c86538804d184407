import Foundation
import GRDB
import Synchronization
import Testing
import SanaTestSupport
import SanaCore
@testable import SanaStore

/// The reads pages make (category pages, previous/next, counts, related excerpts) against the
/// plain rules they implement, over many writes; and, for SQLite, that none reads the whole table.
@Suite struct PageQueryTests {
    /// Articles with clashing positions and titles (ids decide), drafts, two categories, then
    /// moves, status changes and category changes: every published article's previous/next and
    /// every category page equal the reading order computed here, and the counts equal a count.
    @Test(arguments: StoreKind.allCases)
    func pagesNeighboursAndCountsFollowEveryWrite(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        var generator = SeededGenerator(seed: 11)
        let titles = ["Alpha", "alpha", "Beta", "Ébène", "Zeta"]
        let statuses: [ArticleStatus] = [.published, .published, .published, .draft, .archived]
        func random(_ n: Int) -> Article {
            let category = Bool.random(using: &generator) ? Category(name: "Bones") : Category(name: "Skin")
            return Article(id: "id\(Int.random(in: 0..<1000, using: &generator))-\(n)", slug: "s\(n)",
                           title: titles.randomElement(using: &generator)!, body: "Body \(n).", category: category,
                           status: statuses.randomElement(using: &generator)!, position: Int.random(in: 0..<4, using: &generator))
        }
        var articles = (0..<60).map(random)
        _ = try await store.write(articles)
        for round in 0..<3 {
            try await Self.expectPagesMatch(store, articles)
            // Some articles move, change status or category; a revision keeps slug and id.
            for i in stride(from: round, to: articles.count, by: 4) {
                let other = random(i)
                articles[i].position = other.position
                articles[i].status = other.status
                articles[i].category = other.category
                articles[i].body += " Revised."
            }
            _ = try await store.write(articles)
        }
        try await Self.expectPagesMatch(store, articles)
    }

    private static func expectPagesMatch(_ store: any ArticleStore, _ articles: [Article]) async throws {
        func before(_ a: Article, _ b: Article) -> Bool {
            if a.position != b.position { return a.position < b.position }
            if a.title != b.title { return BinaryText(a.title) < BinaryText(b.title) }
            return BinaryText(a.id) < BinaryText(b.id)
        }
        for slug in ["bones", "skin"] {
            let order = articles.filter { $0.status == .published && $0.category.slug == slug }.sorted(by: before)
            var listed: [String] = []
            for offset in stride(from: 0, to: order.count + 7, by: 7) {
                let page = try await store.articles(inCategory: slug, offset: offset, limit: 7)
                #expect(page.total == order.count)
                listed += page.items.map(\.id)
            }
            #expect(listed == order.map(\.id), "\(slug)")
            for (i, a) in order.enumerated() {
                let (previous, next) = try await store.neighbours(of: a)
                #expect(previous?.id == (i > 0 ? order[i - 1].id : nil), "before \(a.id)")
                #expect(next?.id == (i + 1 < order.count ? order[i + 1].id : nil), "after \(a.id)")
            }
        }
        let counts = try await store.counts()
        #expect(counts.byStatus == Dictionary(grouping: articles, by: \.status).mapValues(\.count))
        let published = Dictionary(grouping: articles.filter { $0.status == .published }, by: \.category.slug).mapValues(\.count)
        #expect(Dictionary(uniqueKeysWithValues: counts.byCategory.map { ($0.category.slug, $0.count) }) == published)
    }

    /// An excerpt longer than the indexed opening still has to match in full; letters match in
    /// either case (ASCII, as LIKE), `_` and `%` only as themselves.
    @Test(arguments: StoreKind.allCases)
    func excerptsLongerThanTheIndexedOpeningMatchInFull(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        let opening = String(repeating: "Gout and its long story ", count: 4)   // 96 characters
        func with(_ id: String, body: String, status: ArticleStatus = .published) -> Article {
            Article(id: id, slug: id, title: "Title \(id)", body: body, category: Category(name: "Joints"), status: status)
        }
        _ = try await store.write([
            with("a", body: opening + "ends here.", status: .draft),
            with("b", body: opening + "ends elsewhere."),
            with("c", body: opening + "ends here."),
            with("d", body: "Under_score 100% sure."),
            with("e", body: "Underxscore 100x sure."),
        ])
        #expect(try await store.resolveExcerpts([opening.uppercased() + "ENDS HERE..."]).map(\.id) == ["c"])
        #expect(try await store.resolveExcerpts([opening + "ends..."]).map(\.id) == ["b"])
        #expect(try await store.resolveExcerpts(["underxscore 100% sure..."]).isEmpty)
        #expect(try await store.resolveExcerpts(["Under_score 100% s..."]).map(\.id) == ["d"])
    }

    /// Each read a page makes is a range of an index: no plan reads the article table (or an
    /// index of it) from end to end.
    @Test func pageReadsUseIndexesNotScans() async throws {
        let folder = try TemporaryFolder("sana-plans"); defer { folder.remove() }
        let statements = Mutex<[String]>([])
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.trace(options: .statement) { event in
                if case let .statement(statement) = event { statements.withLock { $0.append(statement.expandedSQL) } }
            }
        }
        let store = try SQLiteStore(writer: try DatabasePool(path: folder.path("plans.sqlite"), configuration: configuration))
        var named = article(3)
        named.previousTitle = "Question number 1?"
        named.relatedHints = ["Answer 2. More..."]
        _ = try await store.write((1...40).map { article($0) } + [named])
        statements.withLock { $0.removeAll() }
        _ = try await store.articles(inCategory: "bones", offset: 10, limit: 10)
        _ = try await store.neighbours(of: named)
        _ = try await store.neighbours(of: article(5))
        _ = try await store.resolveExcerpts(named.relatedHints + ["Question number 7?..."])
        _ = try await store.recentlyChanged(limit: 8, byReview: true)
        _ = try await store.recentlyChanged(limit: 8, byReview: false)
        _ = try await store.counts()
        _ = try await store.article(slug: "question-number-3")
        let reads = statements.withLock { $0 }.filter { $0.hasPrefix("SELECT") }
        #expect(reads.count >= 10)
        try await store.writer.read { db in
            for sql in reads {
                let plan = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, adapter: SuffixRowAdapter(fromIndex: 3))
                // "SCAN article", "SCAN article USING INDEX …": the table or an index of it read whole.
                let scans = plan.filter { $0 == "SCAN article" || $0.hasPrefix("SCAN article ") }
                let statusLed = plan.filter { $0.contains("article_by_") }
                #expect(scans.isEmpty, "\(sql)\n\(plan.joined(separator: "\n"))")
                // A status-led index reads every published article: only "recently changed" may use one.
                if !sql.contains("updated_at DESC") {
                    #expect(statusLed.isEmpty, "\(sql)\n\(plan.joined(separator: "\n"))")
                }
            }
        }
    }

    /// A database from before the maintained counts gets them from its articles when it opens.
    @Test func countsOfAnOlderDatabaseAreFilledWhenItOpens() async throws {
        let folder = try TemporaryFolder("sana-old"); defer { folder.remove() }
        let queue = try DatabaseQueue(path: folder.path("old.sqlite"))
        try SQLiteMigrations.migrator.migrate(queue, upTo: "v3-change-counter")
        try await queue.write { db in
            for a in [article(1), article(2, status: .draft), article(3, category: "Skin")] { try ArticleRecord(a, change: 1).insert(db) }
        }
        let store = try SQLiteStore(writer: queue)
        let counts = try await store.counts()
        #expect(counts.byStatus == [.published: 2, .draft: 1])
        #expect(counts.byCategory.map(\.count) == [1, 1])
        #expect(try await store.articles(inCategory: "bones", offset: 0, limit: 10).total == 1)
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be run again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

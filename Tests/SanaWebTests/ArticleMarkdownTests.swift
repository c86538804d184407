import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaSearch
import SanaStore
@testable import SanaWeb

/// Opens once; everyone waiting then goes on.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for w in waiting { w.resume() }
        waiting = []
    }
}

/// Counts the builds a page cache asks for.
private actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}

/// A site over the in-memory store holding `articles`, with its page cache in the test's hands.
private func site(_ articles: [Article]) async throws -> (PageCache, some ApplicationProtocol) {
    let store = InMemoryArticleStore()
    for a in articles { _ = try await store.upsert(a) }
    let cache = PageCache()
    let router = Router(context: SanaRequestContext.self)
    let index = try await loadSearchIndex(from: store)
    SiteRoutes(store: store, renderer: try await PageRenderer(), index: index,
               cache: cache, answers: PageCache(), conditions: ConditionsDirectory(index: index)).addRoutes(to: router)
    return (cache, Application(router: router))
}

@Suite struct ArticleMarkdownTests {
    @Test func articlePagesShowTheMarkdownAHealthArticleNeeds() async throws {
        let body = """
        Gallstones are *hard* pieces; see [the NHS page](https://www.nhs.uk/conditions/gallstones/).

        ## Treatment

        | Option | Stay |
        | --- | --- |
        | Keyhole surgery | 1 day |

        - Pain relief
          - paracetamol

        <script>alert(1)</script>

        [click](javascript:alert(1)) ![x](https://evil.example/t.png)

        > [!URGENT] Get medical help today if your skin turns yellow.
        """
        let article = Article(title: "What causes gallstones?", body: body, category: Category(name: "Digestive health"))
        let (_, app) = try await site([article])
        try await app.test(.router) { client in
            try await client.execute(uri: "/articles/what-causes-gallstones", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<p>Gallstones are <em>hard</em> pieces; see <a href="https://www.nhs.uk/conditions/gallstones/" rel="nofollow noopener">the NHS page</a>.</p>"#))
                #expect(html.contains("<th>Option</th>"))
                #expect(html.contains("<td>Keyhole surgery</td>"))
                #expect(html.contains("<ul><li>Pain relief<ul><li>paracetamol</li></ul></li></ul>"))
                #expect(html.contains(#"<div class="care care-urgent" role="note"><p class="care-label"><strong>Urgent: get medical help today</strong></p><p>Get medical help today if your skin turns yellow.</p></div>"#))
                #expect(!html.contains("alert(1)"))
                #expect(!html.contains("evil.example"))
                #expect(html.contains("<p>click x</p>"))
            }
        }
    }

    /// Single flight, counted by the build closure itself: every caller is let in (building or
    /// waiting for the build) before the one build may finish.
    @Test func concurrentCallersForOneUncachedPageBuildItOnce() async throws {
        let cache = PageCache()
        let gate = Gate()
        let builds = Counter()
        let callers = 12
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    let page = try await cache.page("article:a:1:0:1") {
                        await builds.increment()
                        await gate.wait()
                        return CachedPage("<p>the page</p>")
                    }
                    return String(buffer: page.body)
                }
            }
            let deadline = ContinuousClock.now + .seconds(30)  // a guard against hanging, not a timing
            while await builds.value + cache.joins < callers, ContinuousClock.now < deadline { await Task.yield() }
            await gate.open()
            var bodies: [String] = []
            for try await body in group { bodies.append(body) }
            #expect(bodies == Array(repeating: "<p>the page</p>", count: callers))
        }
        #expect(await builds.value == 1)
        #expect(cache.builds == 1)
        #expect(cache.joins == callers - 1)
        // Served from the cache afterwards.
        _ = try await cache.page("article:a:1:0:1") { await builds.increment(); return CachedPage("other") }
        #expect(await builds.value == 1)
    }

    @Test func concurrentRequestsForOneUncachedArticleRenderItOnce() async throws {
        let article = Article(title: "Heel spurs", body: "Bony growths on the heel.", category: Category(name: "Feet"))
        let (cache, app) = try await site([article])
        try await app.test(.router) { client in
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await client.execute(uri: "/articles/heel-spurs", method: .get) { String(buffer: $0.body) } }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(bodies.count == 16)
            #expect(Set(bodies).count == 1)
            #expect(bodies[0].contains("Bony growths on the heel."))
        }
        #expect(cache.builds == 1)
    }
}

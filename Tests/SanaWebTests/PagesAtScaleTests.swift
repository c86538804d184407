import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaTestSupport
import SanaCore
import SanaSearch
import SanaStore
@testable import SanaWeb

/// What keeps pages fast on a large site: A–Z pages in pages of names, and pages built from
/// indexed reads that still show a write at once.
@Suite struct PagesAtScaleTests {
    private static func condition(_ n: Int, _ name: String, category: String = "Digestion") -> Article {
        Article(id: "c\(n)", title: "What is \(name)?", body: "\(name) is a condition. It has causes.",
                category: Category(name: category), focus: name, position: n)
    }

    private static let gNames = ["Gallbladder polyps", "Gastritis", "Giardiasis", "Gilbert syndrome", "Glaucoma", "Gout", "Guttate psoriasis"]

    /// Seven G names, three a page: pages 1–3 hold them all in order, once; page links and
    /// previous/next go through `SitePath`; page 4 is not found and page 0 a bad request.
    @Test func conditionLettersArePagedWithLinks() async throws {
        let store = InMemoryArticleStore()
        _ = try await store.write(Self.gNames.enumerated().map { Self.condition($0.offset, $0.element) } + [Self.condition(9, "Asthma")])
        let index = try await loadSearchIndex(from: store)
        let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: index, conditionsPageSize: 3))
        try await app.test(.router) { client in
            var listed: [String] = []
            for page in 1...3 {
                let path = SitePath.conditions(letter: "g", page: page == 1 ? nil : page)
                try await client.execute(uri: path.href, method: .get) { response in
                    #expect(response.status == .ok)
                    let html = String(buffer: response.body)
                    let names = HTMLTag.parse(html).filter { $0.name == "a" && ($0.attribute("href") ?? "").hasPrefix("/articles/") }
                    listed += Self.gNames.filter { html.contains(">\($0)</a>") }
                    #expect(names.count == (page < 3 ? 3 : 1), "page \(page)")
                    #expect(html.contains("Page \(page) of 3"))
                    #expect(html.contains(#"<a href="\#(path.href)" aria-current="page">\#(page)</a>"#))
                    for other in (1...3).filter({ $0 != page }) {
                        #expect(html.contains(#"<a href="\#(SitePath.conditions(letter: "g", page: other == 1 ? nil : other).href)">\#(other)</a>"#))
                    }
                    #expect(html.contains(#"rel="prev""#) == (page > 1))
                    #expect(html.contains(#"rel="next""#) == (page < 3))
                    let canonical = HTMLTag.parse(html).first { $0.name == "link" && $0.attribute("rel") == "canonical" }?.attribute("href")
                    #expect(canonical?.hasSuffix(path.href) == true, "\(canonical ?? "no canonical link")")
                }
            }
            #expect(listed == Self.gNames)
            try await client.execute(uri: "/conditions/g?page=4", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/conditions/g?page=0", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/conditions/g?page=two", method: .get) { #expect($0.status == .badRequest) }
            // A letter that fits one page has no pager; an empty letter has its page 1 only.
            try await client.execute(uri: "/conditions/a", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("Page 1 of"))
            }
            try await client.execute(uri: "/conditions/q", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/conditions/q?page=2", method: .get) { #expect($0.status == .notFound) }
        }
    }

    /// After a write reaches the index (as the follower applies it), the home page, the category
    /// page and the A–Z page show it on the very next request.
    @Test func aWriteShowsOnHomeCategoryAndAToZAtOnce() async throws {
        let folder = try TemporaryFolder("sana-fresh"); defer { folder.remove() }
        let store = try SQLiteStore(path: folder.path("site.sqlite"))
        _ = try await store.write(Self.gNames.enumerated().map { Self.condition($0.offset, $0.element) })
        let index = try await loadSearchIndex(from: store)
        let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: index))
        try await app.test(.router) { client in
            func page(_ path: String) async throws -> String {
                try await client.execute(uri: path, method: .get) { String(buffer: $0.body) }
            }
            for path in ["/", "/categories/digestion", "/conditions/h"] { _ = try await page(path) }
            let added = Self.condition(20, "Hiatal hernia")
            _ = try await store.write([added])
            index.update(added)
            #expect(try await page("/").contains(#"href="/articles/\#(added.slug)""#))
            let category = try await page("/categories/digestion")
            #expect(category.contains(#"href="/articles/\#(added.slug)""#))
            #expect(category.contains("8 articles"))
            #expect(try await page("/conditions/h").contains(">Hiatal hernia</a>"))
        }
    }

    /// When reading the names was slow, a page after a write is served from the previous
    /// listing while the next is read in the background; the next listing then takes over.
    @Test func slowConditionListingsAreReadAgainInTheBackground() async throws {
        let store = InMemoryArticleStore()
        _ = try await store.write([Self.condition(1, "Gout")])
        let index = try await loadSearchIndex(from: store)
        let directory = ConditionsDirectory(index: index, backgroundAfter: .zero)
        let first = await directory.listing()
        #expect(first.generation == index.generation)
        index.update(Self.condition(2, "Glaucoma"))
        let served = await directory.listing()
        #expect(served.generation == first.generation, "the previous listing, not a wait")
        var latest = served
        for _ in 0..<1_000_000 where latest.generation < index.generation {
            await Task.yield()
            latest = await directory.listing()
        }
        #expect(latest.generation == index.generation)
        #expect(latest.byLetter["g"]?.map(\.name) == ["Glaucoma", "Gout"])
    }
}

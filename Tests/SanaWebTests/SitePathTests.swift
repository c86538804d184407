import Foundation
import SanaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaIngest
import SanaStore
@testable import SanaWeb

@Suite struct SitePathTests {
    /// A number per case. A case added to `SitePath` stops this compiling, and
    /// `everySitePathIsServed` then wants an example of it.
    static func kind(_ path: SitePath) -> Int {
        switch path {
        case .home: 0
        case .article: 1
        case .category: 2
        case .conditionsIndex: 3
        case .conditions: 4
        case .search: 5
        case .suggest: 6
        case .feed: 7
        case .sitemap: 8
        case .sitemapFile: 9
        case .robots: 10
        case .asset: 11
        }
    }
    static let kinds = 12

    /// Each path `SitePath` builds is one the router serves (over the samples, with a sitemap
    /// small enough to need numbered files).
    @Test func everySitePathIsServed() async throws {
        let folder = try TemporaryFolder("sana-paths"); defer { folder.remove() }
        let dir = folder.url
        let store = try SQLiteStore(path: dir.appendingPathComponent("site.sqlite").path)
        _ = try await SampleArticles.loadIfEmpty(into: store)
        let article = try #require(try await store.article(slug: "what-causes-gallstones"))
        let anchor = try #require(SectionParser.renderedSections(of: article.body).first { $0.section.heading != nil }?.section.anchor)
        let category = article.category.slug
        let examples: [(path: SitePath, status: HTTPResponse.Status)] = [
            (.home, .ok), (.article(slug: article.slug), .ok), (.article(slug: article.slug, section: anchor), .ok),
            (.category(slug: category), .ok), (.category(slug: category, page: 1), .ok),
            (.conditionsIndex, .movedPermanently), (.conditions(letter: "g"), .ok), (.conditions(letter: "g", page: 1), .ok), (.conditions(letter: "0-9"), .ok),
            (.search(), .ok), (.search(query: "what causes gallstones?"), .ok), (.search(query: "gallstones", category: category, page: 1), .ok),
            (.suggest(prefix: "gall"), .ok), (.feed, .ok), (.sitemap, .ok), (.sitemapFile(1), .ok), (.sitemapFile(2), .ok), (.robots, .ok),
            (.asset("site.css"), .ok), (.asset("site.js"), .ok), (.asset("icon.svg"), .ok),
        ]
        #expect(Set(examples.map { Self.kind($0.path) }) == Set(0..<Self.kinds), "an example of every case")
        let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store),
                                                  sitemapLimit: 3))
        try await app.test(.router) { client in
            for (path, status) in examples {
                // A browser keeps the fragment to itself.
                let target = String(path.href.prefix { $0 != "#" })
                try await client.execute(uri: target, method: .get) { response in
                    #expect(response.status == status, "\(path.href)")
                    if case .article(_, let section?) = path { #expect(String(buffer: response.body).contains(#"id="\#(section)""#)) }
                    if path == .conditionsIndex { #expect(response.headers[.location] == SitePath.conditions(letter: "a").href) }
                }
            }
        }
    }

    /// A question travels through its link unchanged, whatever characters it holds.
    @Test func aQuestionComesBackFromItsLinkAsAsked() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            for question in ["café & tea + 100% = #1?", "a/b?c=d&e", "what causes gallstones"] {
                try await client.execute(uri: SitePath.search(query: question).href, method: .get) { response in
                    #expect(response.status == .ok)
                    let boxes = HTMLTag.parse(String(buffer: response.body)).filter { $0.name == "input" && $0.attribute("name") == "q" }
                    #expect(!boxes.isEmpty && boxes.allSatisfy { $0.attribute("value") == question }, "\(question)")
                }
            }
        }
    }

    @Test func valuesArePercentEncoded() {
        #expect(SitePath.home.href == "/")
        #expect(SitePath.search().href == "/search")
        #expect(SitePath.search(query: "what causes gallstones?").href == "/search?q=what%20causes%20gallstones%3F")
        #expect(SitePath.search(query: "café & tea", category: "digestive-health", page: 2).href
            == "/search?q=caf%C3%A9%20%26%20tea&category=digestive-health&page=2")
        #expect(SitePath.suggest(prefix: "a+b").href == "/suggest?q=a%2Bb")
        #expect(SitePath.article(slug: "what-causes-gallstones", section: "causes").href == "/articles/what-causes-gallstones#causes")
        #expect(SitePath.article(slug: "τι-είναι").href == "/articles/%CF%84%CE%B9-%CE%B5%CE%AF%CE%BD%CE%B1%CE%B9")
        #expect(SitePath.article(slug: "a/b?c#d e;f").href == "/articles/a%2Fb%3Fc%23d%20e%3Bf")
        #expect(SitePath.category(slug: "digestive-health").href == "/categories/digestive-health")
        #expect(SitePath.category(slug: "digestive-health", page: 1).href == "/categories/digestive-health?page=1")
        #expect(SitePath.conditions(letter: "0-9").href == "/conditions/0-9")
        #expect(SitePath.sitemapFile(2).href == "/sitemaps/2.xml")
        #expect(SitePath.feed.url(siteURL: "https://sana.example") == "https://sana.example/feed.atom")
        #expect("\(SitePath.asset("site.css"))" == "/assets/site.css")
    }
}

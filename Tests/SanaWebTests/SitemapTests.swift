import Foundation
import SanaTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaIngest
import SanaStore
@testable import SanaWeb

@Suite struct SitemapTests {
    /// The protocol's limit: 50,000 URLs per file. One more article makes `/sitemap.xml` an index.
    @Test func beyondFiftyThousandURLsTheSitemapIsAnIndex() throws {
        let day = Date(timeIntervalSince1970: 1_700_000_000)
        let fits = Sitemap(siteURL: "https://sana.example", articles: (0..<49_999).map { ("a\($0)", day) })
        #expect(!fits.needsIndex)
        #expect(try XMLDocument(xmlString: fits.root, options: []).rootElement()?.name == "urlset")

        let over = Sitemap(siteURL: "https://sana.example", articles: (0..<50_000).map { ("a\($0)", day) })
        #expect(over.needsIndex)
        let index = try XMLDocument(xmlString: over.root, options: []).rootElement()
        #expect(index?.name == "sitemapindex")
        let locations = index?.elements(forName: "sitemap").compactMap { $0.elements(forName: "loc").first?.stringValue }
        #expect(locations == ["https://sana.example/sitemaps/1.xml", "https://sana.example/sitemaps/2.xml"])
        let first = try #require(over.file(1)), second = try #require(over.file(2))
        #expect(first.components(separatedBy: "<url>").count - 1 == 50_000)
        #expect(second.components(separatedBy: "<url>").count - 1 == 1)
        #expect(second.contains("https://sana.example/articles/a49999<"))
        #expect(over.file(3) == nil && over.file(0) == nil)
    }

    @Test func slugsArePercentEncodedInLocations() throws {
        let map = Sitemap(siteURL: "https://sana.example", articles: [("τι-είναι", Date())])
        #expect(map.root.contains("<loc>https://sana.example/articles/%CF%84%CE%B9-%CE%B5%CE%AF%CE%BD%CE%B1%CE%B9</loc>"))
    }

    /// Served: the index and its numbered files list every published article exactly once.
    @Test func servedIndexAndFilesCoverEveryArticle() async throws {
        let folder = try TemporaryFolder("sana-sitemap"); defer { folder.remove() }
        let dir = folder.url
        let store = try SQLiteStore(path: dir.appendingPathComponent("site.sqlite").path)
        _ = try await SampleArticles.loadIfEmpty(into: store)
        let published = try await store.publishedSlugs()
        #expect(published.count > 3)
        let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store), sitemapLimit: 3))
        try await app.test(.router) { client in
            let files = try await client.execute(uri: "/sitemap.xml", method: .get) { response in
                let root = try XMLDocument(xmlString: String(buffer: response.body), options: []).rootElement()
                #expect(root?.name == "sitemapindex")
                return root?.elements(forName: "sitemap").count ?? 0
            }
            #expect(files == (published.count + 1 + 2) / 3)
            var seen: [String] = []
            for n in 1...files {
                try await client.execute(uri: "/sitemaps/\(n).xml", method: .get) { response in
                    #expect(response.status == .ok)
                    let root = try XMLDocument(xmlString: String(buffer: response.body), options: []).rootElement()
                    #expect(root?.name == "urlset")
                    seen += root?.elements(forName: "url").compactMap { $0.elements(forName: "loc").first?.stringValue } ?? []
                }
            }
            #expect(seen.sorted() == (["http://localhost:8080/"] + published.map { "http://localhost:8080/articles/\($0.slug)" }).sorted())
            for bad in ["\(files + 1).xml", "0.xml", "x.xml", "1.txt"] {
                try await client.execute(uri: "/sitemaps/\(bad)", method: .get) { #expect($0.status == .notFound, "\(bad)") }
            }
        }
    }

    /// Half-typed health questions must not sit in shared caches.
    @Test func suggestionsArePrivate() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/suggest?q=gall", method: .get) { response in
                #expect(response.status == .ok)
                let cacheControl = response.headers[.cacheControl] ?? ""
                #expect(cacheControl.contains("private"))
                #expect(!cacheControl.contains("public"))
            }
        }
    }
}

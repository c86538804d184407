import CompressNIO
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaStore
@testable import SanaWeb

/// The answers page, browsing, metadata and HTTP behaviour, over the bundled samples.
@Suite struct SitePagesTests {
    @Test func answersPageShowsTheAnsweringSectionWithMarkedWords() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=what%20happens%20if%20gallstones%20are%20not%20treated", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                let first = try #require(html.components(separatedBy: #"<li class="result">"#).dropFirst().first)
                #expect(first.contains(#"href="/articles/what-are-the-consequences-of-untreated-gallstones""#))
                #expect(first.contains("<mark>"))
                #expect(first.contains("Answered in:"))
                #expect(html.contains(#"<meta name="robots" content="noindex">"#))
                #expect(html.contains(#"value="what happens if gallstones are not treated""#), "the box keeps the question")
            }
            // Forms send spaces as "+".
            try await client.execute(uri: "/search?q=what+causes+gallstones%3F", method: .get) { response in
                #expect(String(buffer: response.body).contains(#"value="what causes gallstones?""#))
            }
        }
    }

    @Test func answersPageOffersDidYouMeanAndAHelpfulEmptyPage() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=galstones", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"Did you mean <a href="/search?q=gallstones">gallstones</a>?"#))
            }
            try await client.execute(uri: "/search?q=zzqxv", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("We found no answer for “zzqxv”"))
                #expect(html.contains(#"href="/conditions/a""#))
            }
        }
    }

    @Test func redFlagQuestionsGetTheUrgentNoticeFirst() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=crushing+chest+pain+and+short+of+breath", method: .get) { response in
                let html = String(buffer: response.body)
                let notice = try #require(html.range(of: "urgent-notice"))
                if let firstResult = html.range(of: #"<li class="result">"#) { #expect(notice.lowerBound < firstResult.lowerBound) }
            }
            try await client.execute(uri: "/search?q=what+causes+gallstones", method: .get) { response in
                #expect(!String(buffer: response.body).contains("urgent-notice"))
            }
        }
    }

    @Test func answersCanBeFilteredByTopicAndPaged() async throws {
        let (store, _) = try await sampleSite()
        _ = try await store.write((1...25).map {
            Article(id: "z\($0)", title: "Zebra fever question \($0)?", body: "Zebra fever answer \($0).", category: Category(name: "Zebra topics"))
        }, skipInvalid: false, dryRun: false)
        let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store)))
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=zebra", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("25 matching articles · page 1 of 3"))
                #expect(html.components(separatedBy: #"<li class="result">"#).count - 1 == 10)
                #expect(html.contains(#"href="/search?q=zebra&amp;page=2" rel="next""#))
            }
            try await client.execute(uri: "/search?q=zebra&page=3", method: .get) { response in
                #expect(String(buffer: response.body).components(separatedBy: #"<li class="result">"#).count - 1 == 5)
            }
            try await client.execute(uri: "/search?q=zebra&category=bones-joints-and-spine", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("Zebra fever question"))
                #expect(html.contains(#"<option value="bones-joints-and-spine" selected>"#))
            }
            try await client.execute(uri: "/search?q=zebra&page=11", method: .get) { #expect($0.status == .badRequest) }
        }
    }

    @Test func conditionsAreListedFromAToZ() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/conditions/g", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains(#"<a href="/articles/what-causes-gallstones">Gallstones</a> · <a href="/search?q=Gallstones" class="small">all 2 articles</a>"#))
                #expect(html.contains(#"<a href="/conditions/g" aria-current="page">G</a>"#))
            }
            try await client.execute(uri: "/conditions/c", method: .get) { response in
                #expect(String(buffer: response.body).contains(#">Cholelithiasis</a> <span class="muted">(another name)</span>"#))
            }
            try await client.execute(uri: "/conditions", method: .get) { #expect($0.headers[.location] == "/conditions/a") }
            try await client.execute(uri: "/conditions/%C3%A9", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func namesAreFiledUnderTheirFirstLetterWithoutAccents() {
        let cases = ["gallstones": "g", "Gallstones": "g", "Zed": "z", "3-M syndrome": "0-9", "Éclampsia": "e",
                     "(Acute) bronchitis": "a", "'t Hooft syndrome": "t", "Ångström": "a", "": "", "…": ""]
        for (name, letter) in cases { #expect(ConditionsDirectory.indexLetter(of: name) == letter, "\(name)") }
    }

    @Test func articlePagesCarryMetadataAndStructuredData() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/articles/what-are-the-consequences-of-untreated-gallstones", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<link rel="canonical" href="http://localhost:8080/articles/what-are-the-consequences-of-untreated-gallstones">"#))
                #expect(html.contains(#"<meta property="og:type" content="article">"#))
                let json = try #require(html.firstMatch(of: /<script type="application\/ld\+json">([^<]+)<\/script>/)?.output.1)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                #expect(object["@type"] as? String == "MedicalWebPage")
                #expect((object["about"] as? [String: Any])?["@type"] as? String == "MedicalCondition")
                #expect((object["about"] as? [String: Any])?["name"] as? String == "Gallstones")
                for level in ["non-urgent", "urgent", "emergency"] { #expect(html.contains(#"class="care care-\#(level)""#), "\(level) card") }
                #expect(!html.contains("[!URGENT]"))
                #expect(html.contains(##"<a class="anchor" href="#when-to-see-a-doctor""##))
            }
        }
    }

    @Test func sitemapRobotsAndFeedListPublishedArticles() async throws {
        let (store, app) = try await sampleSite()
        _ = try await store.upsert(Article(id: "d", slug: "secret-draft", title: "Draft?", body: "x", category: Category(name: "X"), status: .draft))
        let published = try await store.publishedSlugs()
        try await app.test(.router) { client in
            try await client.execute(uri: "/sitemap.xml", method: .get) { response in
                let xml = String(buffer: response.body)
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(xml.components(separatedBy: "<url>").count - 1 == published.count + 1)
                #expect(!xml.contains("secret-draft"))
                let root = try XMLDocument(xmlString: xml, options: []).rootElement()?.name
                #expect(root == "urlset")
            }
            try await client.execute(uri: "/robots.txt", method: .get) { response in
                #expect(String(buffer: response.body).contains("Sitemap: http://localhost:8080/sitemap.xml"))
            }
            try await client.execute(uri: "/feed.atom", method: .get) { response in
                let xml = String(buffer: response.body)
                let root = try XMLDocument(xmlString: xml, options: []).rootElement()?.name
                #expect(root == "feed")
                #expect(xml.components(separatedBy: "<entry>").count - 1 == min(published.count, 50))
                #expect(!xml.contains("secret-draft"))
            }
        }
    }

    @Test func pagesRevalidateWithETagAndLastModified() async throws {
        let (_, app) = try await sampleSite()
        let uri = "/articles/what-causes-gallstones"
        try await app.test(.router) { client in
            let first = try await client.execute(uri: uri, method: .get)
            let etag = try #require(first.headers[.eTag])
            let modified = try #require(first.headers[.lastModified])
            #expect(first.headers[.cacheControl]?.contains("max-age") == true)
            let again = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let byDate = try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: modified])
            #expect(byDate.status == .notModified)
            let stale = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"other\""])
            #expect(stale.status == .ok)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.eTag] == etag)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func anEditedArticleIsServedAfreshWithANewETag() async throws {
        let (store, _) = try await sampleSite()
        let index = try await loadSearchIndex(from: store)
        let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: index, revisionCheckInterval: 0))
        let uri = "/articles/what-causes-gallstones"
        try await app.test(.router) { client in
            let before = try await client.execute(uri: uri, method: .get)
            var article = try #require(try await store.article(slug: "what-causes-gallstones"))
            article.title = "What causes gallstones, and who gets them?"
            _ = try await store.upsert(article)
            let after = try await client.execute(uri: uri, method: .get)
            #expect(String(buffer: after.body).contains("<h1>What causes gallstones, and who gets them?</h1>"))
            #expect(after.headers[.eTag] != before.headers[.eTag])
            let revalidated = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: before.headers[.eTag] ?? ""])
            #expect(revalidated.status == .ok)
        }
    }

    @Test func pagesAreGzippedWhenAccepted() async throws {
        let (_, app) = try await sampleSite()
        let uri = "/articles/what-causes-gallstones"
        try await app.test(.router) { client in
            let plain = try await client.execute(uri: uri, method: .get)
            var zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "br, gzip;q=0.8"]).body
            let response = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(response.headers[.contentEncoding] == "gzip")
            let zippedTag = try #require(response.headers[.eTag])
            #expect(zippedTag != plain.headers[.eTag], "the gzip copy is another representation")
            let again = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: zippedTag])
            #expect(again.status == .notModified)
            #expect(again.headers[.eTag] == zippedTag)
            #expect(response.headers[.vary] == "Accept-Encoding")
            #expect(zipped.readableBytes < plain.body.readableBytes)
            #expect(String(buffer: try zipped.decompress(with: .gzip())) == String(buffer: plain.body))
            let refused = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func malformedOrOversizedQueriesGetA400Page() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            let long = String(repeating: "a", count: 3000)
            for uri in ["/search?q=%zz", "/search?q=%C3%28", "/search?q=\(long)", "/search?q=a%00b", "/?x=%", "/search?q=" + String(repeating: "b", count: 501)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri.prefix(40))")
                    let html = String(buffer: response.body)
                    #expect(html.contains(#"name="q""#), "the 400 page keeps the search box")
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
            try await client.execute(uri: "/search?q=caf%C3%A9+%3Cscript%3E", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("<script>"))
            }
        }
    }

    @Test func theCacheStaysWithinItsCapacity() {
        let cache = PageCache(capacity: 3)
        for i in 0..<10 { _ = cache.pageNow("k\(i)") { CachedPage("page \(i)") } }
        #expect(cache.count <= 3)
        #expect(cache.count >= 1)
        let hit = cache.pageNow("k9") { CachedPage("rebuilt") }
        #expect(String(buffer: hit.body) == "page 9", "the newest page is still kept")
    }

    @Test func unexpectedErrorsGetA500PageWithTheSearchBox() async throws {
        struct Broken: Error {}
        let router = Router(context: SanaRequestContext.self)
        router.group().add(middleware: ErrorMiddleware(presenter: ErrorPages(renderer: try await PageRenderer()))).get("/broken") { _, _ -> Response in throw Broken() }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/broken", method: .get) { response in
                #expect(response.status == .internalServerError)
                let html = String(buffer: response.body)
                #expect(html.contains("Something went wrong"))
                #expect(html.contains(#"name="q""#))
                #expect(!html.contains("Broken"), "no internals on the page")
            }
        }
    }

    @Test func suggestionsCompleteTitlesAndNamesAsJSON() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/suggest?q=gall", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
                let items = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]] ?? []
                #expect(!items.isEmpty)
                #expect(items.allSatisfy { ($0["text"] as? String)?.lowercased().contains("gall") == true })
                // Each leads where SitePath says: its article, or the answers for its text.
                for item in items {
                    let text = try #require(item["text"] as? String)
                    let expected = (item["slug"] as? String).map { SitePath.article(slug: $0) } ?? .search(query: text)
                    #expect(item["href"] as? String == expected.href)
                }
                #expect(items.contains { $0["slug"] is String })
            }
            try await client.execute(uri: "/assets/site.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("/suggest?q="))
            }
            try await client.execute(uri: "/assets/..%2Fsecret.js", method: .get) { #expect($0.status == .notFound) }
        }
    }
}

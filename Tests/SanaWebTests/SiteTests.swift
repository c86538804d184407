import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaIngest
import SanaStore
@testable import SanaWeb

/// The site over the in-memory store holding the bundled samples (the store conformance suite
/// holds it to SQLite's behaviour; the CLI and browser suites serve a real SQLite file).
func sampleSite() async throws -> (InMemoryArticleStore, some ApplicationProtocol) {
    let store = InMemoryArticleStore()
    _ = try await SampleArticles.loadIfEmpty(into: store)
    let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store)))
    return (store, app)
}

@Suite struct SiteTests {
    @Test func healthChecksTheDatabase() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body) == #"{"status":"ok","database":"ok"}"#)
            }
        }
    }

    @Test func homeListsCategoriesAndArticles() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("Bones, joints and spine"))
                #expect(html.contains(#"href="/articles/what-causes-gallstones""#))
                #expect(html.contains("not a diagnosis"))
            }
        }
    }

    @Test func articlePageShowsSectionsNeighboursAndRelatedExcerpts() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/articles/what-causes-calcification-in-the-neck-and-how-is-it-treated", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<h1>What causes calcification in the neck, and how is it treated?</h1>"))
                for heading in ["Chronic Inflammation", "Degenerative Changes", "Injury", "Lifestyle Adjustment", "When To See A Doctor"] {
                    #expect(html.contains(">\(heading) <a class=\"anchor\" href=\"#"), "missing section \(heading)")
                }
                #expect(html.contains(#"<a href="/articles/what-are-the-symptoms-of-thoracic-and-abdominal-aneurysms" rel="prev">"#))
                #expect(html.contains(#"<a href="/articles/do-breast-cysts-need-treatment" rel="next">"#))
                let related = html.components(separatedBy: #"<aside class="related""#).last ?? ""
                let excerpts = related.matches(of: /<li><a href="\/articles\/[a-z0-9-]+">[^<]+<\/a><br><span class="excerpt">([^<]+)<\/span><\/li>/).map { String($0.output.1) }
                #expect(excerpts.count == 8)
                #expect(excerpts.allSatisfy { $0.hasSuffix("...") })
                #expect(excerpts.first?.hasPrefix("Breast cysts are fluid-filled sacs") == true)
                #expect(html.contains("not a diagnosis"))
            }
        }
    }

    @Test func relatedArticlesComeFromTheAnswerEngine() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/articles/what-causes-gallstones", method: .get) { response in
                let related = String(buffer: response.body).components(separatedBy: #"<aside class="related""#).last ?? ""
                let slugs = related.matches(of: /href="\/articles\/([a-z0-9-]+)"/).map { String($0.output.1) }
                #expect(slugs.first == "what-are-the-consequences-of-untreated-gallstones")
                #expect(!slugs.contains("what-causes-gallstones"))
            }
        }
    }

    @Test func categoryPagesPaginateInReadingOrder() async throws {
        let (store, app) = try await sampleSite()
        _ = try await store.write((1...60).map {
            Article(id: "p\($0)", title: "Paged question \($0)?", body: "Answer.", category: Category(name: "Paged"), position: $0)
        }, skipInvalid: false, dryRun: false)
        try await app.test(.router) { client in
            try await client.execute(uri: "/categories/paged", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("60 articles · page 1 of 2"))
                #expect(html.contains("/articles/paged-question-50\""))
                #expect(!html.contains("/articles/paged-question-51\""))
                #expect(html.contains(#"href="/categories/paged?page=2" rel="next""#))
            }
            try await client.execute(uri: "/categories/paged?page=2", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("/articles/paged-question-60\""))
                #expect(html.contains(#"href="/categories/paged?page=1" rel="prev""#))
            }
            try await client.execute(uri: "/categories/paged?page=3", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/categories/paged?page=abc", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/categories/nope", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func unknownInvalidAndDraftArticlesAre404WithTheSearchBox() async throws {
        let (store, app) = try await sampleSite()
        _ = try await store.upsert(Article(id: "d", slug: "a-draft", title: "Draft?", body: "Not yet.", category: Category(name: "X"), status: .draft))
        try await app.test(.router) { client in
            for uri in ["/articles/no-such-article", "/articles/%3Cscript%3E", "/articles/a-draft", "/nothing/here"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    if uri.hasPrefix("/articles") { #expect(String(buffer: response.body).contains(#"name="q""#)) }
                }
            }
        }
    }

    @Test func hostileTextIsEscapedAndUnsafeLinksDropped() async throws {
        let (store, app) = try await sampleSite()
        let evil = Article(id: "evil", slug: "evil", title: "<script>alert('x')</script>?",
                           body: "## <img src=x onerror=alert(1)>\n\nText & \"quotes\".", category: Category(name: "X"),
                           sources: [Source(title: "bad", url: "javascript:alert(1)")])
        _ = try await store.upsert(evil)
        try await app.test(.router) { client in
            try await client.execute(uri: "/articles/evil", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("<script>alert"))
                #expect(html.contains("&lt;script&gt;"))
                #expect(!html.contains("<img src=x"))
                #expect(!html.contains("javascript:"))
                #expect(html.contains(##"href="#""##))
            }
        }
    }

    @Test func everyResponseCarriesSecurityHeaders() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            for uri in ["/", "/articles/what-causes-gallstones", "/missing", "/assets/site.css"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[SecurityHeaders.frameOptions] == "DENY")
                }
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaAPIContract
import SanaCore
import SanaIngest
import SanaStore
@testable import SanaWeb

/// The API over the in-memory store holding the bundled samples.
func sampleAPI(api: APISettings = APISettings()) async throws -> (InMemoryArticleStore, some ApplicationProtocol) {
    let store = InMemoryArticleStore()
    _ = try await SampleArticles.loadIfEmpty(into: store)
    let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store), api: api))
    return (store, app)
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
}

@Suite struct APIReadTests {
    @Test func documentIsServedByteForByte() async throws {
        let (_, app) = try await sampleAPI()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let document = try APIContract.document()
                #expect(Data(buffer: response.body) == document)
            }
        }
    }

    @Test func articlesArePagedByCursorToTheEnd() async throws {
        let (store, app) = try await sampleAPI()
        let published = try await store.counts().byStatus[.published] ?? 0
        try await app.test(.router) { client in
            var seen: [String] = []
            var uri = "/api/v1/articles?limit=3"
            while true {
                let next: String? = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.accessControlAllowOrigin] == "*")
                    let body = try json(response.body)
                    let articles = try #require(body["articles"] as? [[String: Any]])
                    #expect(articles.count <= 3)
                    seen += articles.compactMap { $0["id"] as? String }
                    return body["next_cursor"] as? String
                }
                guard let next else { break }
                uri = "/api/v1/articles?limit=3&cursor=\(next)"
            }
            #expect(seen.count == published)
            #expect(Set(seen).count == seen.count, "no article twice")
        }
    }

    @Test func articlesFilterByCategoryAndDates() async throws {
        let (store, app) = try await sampleAPI()
        let category = try #require(try await store.counts().byCategory.first)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/articles?limit=100&category=\(category.category.slug)", method: .get) { response in
                let articles = try #require(try json(response.body)["articles"] as? [[String: Any]])
                #expect(articles.count == category.count)
                #expect(articles.allSatisfy { ($0["category"] as? [String: Any])?["slug"] as? String == category.category.slug })
            }
            try await client.execute(uri: "/api/v1/articles?updated_since=2999-01-01T00:00:00Z", method: .get) { response in
                let articles = try json(response.body)["articles"] as? [Any]
                #expect(articles?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/articles?language=xx", method: .get) { response in
                let articles = try json(response.body)["articles"] as? [Any]
                #expect(articles?.isEmpty == true)
            }
        }
    }

    @Test func badParametersAreProblemsNamingTheParameter() async throws {
        let (_, app) = try await sampleAPI()
        try await app.test(.router) { client in
            for (uri, field) in [("/api/v1/articles?limit=0", "limit"), ("/api/v1/articles?limit=101", "limit"),
                                 ("/api/v1/articles?cursor=nonsense", "cursor"), ("/api/v1/changes?since=bad", "since"),
                                 ("/api/v1/articles?updated_since=yesterday", "updated_since"), ("/api/v1/search?q=a&page=11", "page"),
                                 ("/api/v1/articles?limit=ten", "limit")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let errors = try json(response.body)["errors"] as? [[String: Any]]
                    #expect(errors?.first?["field"] as? String == field, "\(uri): \(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/api/v1/search", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func oneArticleByIdOrSlugWithSectionsAndETag() async throws {
        let (store, app) = try await sampleAPI()
        let a = try #require(try await store.article(slug: "what-causes-gallstones"))
        try await app.test(.router) { client in
            for key in [a.slug, a.id] {
                try await client.execute(uri: "/api/v1/articles/\(key)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.eTag] == "\"\(a.revision)\"")
                    let body = try json(response.body)
                    #expect(body["id"] as? String == a.id)
                    #expect(body["markdown"] as? String == a.body)
                    let sections = try #require(body["sections"] as? [[String: Any]])
                    #expect(!sections.isEmpty)
                    #expect(sections.allSatisfy { $0["aspect"] is String && $0["html"] is String })
                    #expect(body["related"] is [Any])
                }
            }
            try await client.execute(uri: "/api/v1/articles/no-such-article", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let status = try json(response.body)["status"] as? Int
                #expect(status == 404)
            }
        }
    }

    /// A client holding the current copy gets 304 without a body (RFC 9110: weak comparison,
    /// lists, `*`); an older copy or another tag gets the article.
    @Test func aCurrentCopyIsNotSentAgain() async throws {
        let (store, app) = try await sampleAPI()
        let a = try #require(try await store.article(slug: "what-causes-gallstones"))
        let current = "\"\(a.revision)\"", stale = "\"\(a.revision + 1)\""
        try await app.test(.router) { client in
            for held in [current, "W/\(current)", "\"x\", \(current)", "*"] {
                try await client.execute(uri: "/api/v1/articles/\(a.slug)", method: .get, headers: [.ifNoneMatch: held]) { response in
                    #expect(response.status == .notModified, "If-None-Match: \(held)")
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] == current)
                }
            }
            for held in [stale, "\"r\(a.revision)\"", ""] {
                try await client.execute(uri: "/api/v1/articles/\(a.slug)", method: .get, headers: [.ifNoneMatch: held]) { response in
                    #expect(response.status == .ok, "If-None-Match: \(held)")
                    let body = try json(response.body)
                    #expect(body["id"] as? String == a.id)
                }
            }
        }
    }

    @Test func searchGivesWhatTheAnswersPageShows() async throws {
        let (_, app) = try await sampleAPI()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/search?q=what%20causes%20gallstones", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                let results = try #require(body["results"] as? [[String: Any]])
                #expect(results.first?["slug"] as? String == "what-causes-gallstones")
                #expect(results.first?["best_section"] is [String: Any])
                #expect(body["no_good_answer"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/search?q=crushing%20chest%20pain%20and%20cannot%20breathe", method: .get) { response in
                let body = try json(response.body)
                #expect((body["urgent_care"] as? [String: Any])?["message"] is String)
            }
            try await client.execute(uri: "/api/v1/suggest?q=gall", method: .get) { response in
                #expect(response.status == .ok)
                let suggestions = try json(response.body)["suggestions"]
                #expect(suggestions is [Any])
            }
            try await client.execute(uri: "/api/v1/categories", method: .get) { response in
                #expect(response.status == .ok)
                let categories = try json(response.body)["categories"] as? [Any]
                #expect(categories?.isEmpty == false)
            }
        }
    }

    @Test func changesFeedCarriesEveryPublishedArticleThenArchives() async throws {
        let (store, app) = try await sampleAPI()
        let published = try await store.counts().byStatus[.published] ?? 0
        try await app.test(.router) { client in
            var cursor: String?
            var kinds: [String] = []
            repeat {
                let uri = "/api/v1/changes?limit=7" + (cursor.map { "&since=\($0)" } ?? "")
                let (page, next): ([[String: Any]], String) = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let body = try json(response.body)
                    return (try #require(body["changes"] as? [[String: Any]]), try #require(body["cursor"] as? String))
                }
                kinds += page.compactMap { $0["kind"] as? String }
                if page.isEmpty { break }
                cursor = next
            } while true
            #expect(kinds.count == published)
            let archived = try #require(try await store.article(slug: "what-causes-gallstones"))
            _ = try await store.archive(id: archived.id)
            try await client.execute(uri: "/api/v1/changes?since=\(try #require(cursor))", method: .get) { response in
                let changes = try #require(try json(response.body)["changes"] as? [[String: Any]])
                #expect(changes.count == 1)
                #expect(changes.first?["kind"] as? String == "archived")
                #expect(changes.first?["id"] as? String == archived.id)
            }
        }
    }

    @Test func errorsUnderTheAPIAreProblemDocuments() async throws {
        let (_, app) = try await sampleAPI()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/v1/articles?q=%zz", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func corsAnswersPreflightForReads() async throws {
        let (_, app) = try await sampleAPI()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/articles", method: .options, headers: [.origin: "https://clinic.example"]) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlAllowMethods] == "GET, HEAD, OPTIONS")
                #expect(response.headers[.accessControlAllowCredentials] == nil)
            }
            try await client.execute(uri: "/api/v1/categories", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
        }
    }

    @Test func rateLimitAnswers429WithRetryAfterPerClientAddress() async throws {
        let limiter = RateLimiter(perMinute: 60, burst: 2, now: { Date(timeIntervalSince1970: 0) })
        let (_, app) = try await sampleAPI(api: APISettings(limiter: limiter))
        try await app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/categories", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/api/v1/categories", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "1")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    /// On a route of its own until the API's writes exist.
    @Test func bodiesAreBoundedAndMustBeJSON() async throws {
        let router = Router(context: SanaRequestContext.self)
        router.group(RouterPath(API.path)).add(middleware: API(limiter: RateLimiter()).chain).add(middleware: RequestBodyMiddleware(maxBytes: API.maxBodyBytes))
            .post("/echo") { request, _ -> Response in Response(status: .ok, body: .init(byteBuffer: try await request.body.collect(upTo: .max))) }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/echo", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "hello")) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: API.maxBodyBytes + 1)
            try await client.execute(uri: "/api/echo", method: .post, headers: [.contentType: "application/json"], body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/echo", method: .post, headers: [.contentType: "application/json; charset=utf-8"], body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{}")
            }
        }
    }
}

@Suite struct ClientAddressTests {
    @Test func thePeerIsTheClientUnlessItIsATrustedProxy() throws {
        let proxies = [try #require(AddressBlock("10.0.0.0/8")), try #require(AddressBlock("::1"))]
        #expect(ClientAddressMiddleware.client(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"], trusted: proxies) == "203.0.113.9")
        #expect(ClientAddressMiddleware.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"], trusted: proxies) == "198.51.100.1")
        // The left of the header is whatever the client wrote: the right-most untrusted hop counts.
        #expect(ClientAddressMiddleware.client(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 198.51.100.1, 10.9.9.9"], trusted: proxies) == "198.51.100.1")
        #expect(ClientAddressMiddleware.client(peer: "::1", forwardedFor: ["not an address"], trusted: proxies) == "::1")
        #expect(ClientAddressMiddleware.client(peer: "10.1.2.3", forwardedFor: [], trusted: proxies) == "10.1.2.3")
        #expect(ClientAddressMiddleware.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"], trusted: []) == "10.1.2.3")
        #expect(ClientAddressMiddleware.client(peer: nil, forwardedFor: [], trusted: proxies) == "unknown")
    }

    @Test func blocksParseAndMatch() throws {
        let block = try #require(AddressBlock("192.168.0.0/16"))
        #expect(block.contains("192.168.200.1"))
        #expect(!block.contains("192.169.0.1"))
        #expect(block.contains("::ffff:192.168.1.1"))
        #expect(try #require(AddressBlock("2001:db8::/32")).contains("2001:db8:1::5"))
        #expect(AddressBlock("10.0.0.0/33") == nil)
        #expect(AddressBlock("example.com") == nil)
    }
}

@Suite struct APIContractTests {
    /// The generated server registers a route for every operation in the document; this checks
    /// the other way: every route under /api is an operation of the document.
    @Test func everyAPIRouteIsInTheDocumentAndEveryOperationHasARoute() async throws {
        let store = InMemoryArticleStore()
        let router = try buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store))
        let routes = Set(router.routes.filter { "\($0.path)".hasPrefix("/api") && $0.method != .head }.map { "\($0.method) \($0.path)" })
        let root = try #require(try JSONSerialization.jsonObject(with: try APIContract.document()) as? [String: Any])
        let paths = try #require(root["paths"] as? [String: [String: Any]])
        let operations = Set(paths.flatMap { path, item in item.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(routes == operations)
        #expect(operations.count == 19)
    }

    @Test func aDocumentedPathWithAnotherMethodIs405WithAllow() async throws {
        let (_, app) = try await sampleAPI()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/categories", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/v1/articles/gout", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS, PATCH, PUT")
            }
            try await client.execute(uri: "/api/v1/articles/gout/submit", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "OPTIONS, POST")
            }
            // OPTIONS says what the resource takes; CORS still lets browsers send only reads.
            try await client.execute(uri: "/api/v1/articles/gout", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS, PATCH, PUT")
                #expect(response.headers[.accessControlAllowMethods] == "GET, HEAD, OPTIONS")
            }
        }
    }
}

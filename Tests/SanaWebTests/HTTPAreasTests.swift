import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SanaWeb

/// Each area of the router answers errors its own way: problem documents under /api, HTML pages
/// on the site, plain text for the plumbing; security headers everywhere.
@Suite struct HTTPAreasTests {
    static let badQueries = ["q=%zz", "q=%C3%28", "q=a%00b", "x=%", "q=" + String(repeating: "a", count: 3000)]

    static func problem(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProblemDetails {
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.headers[.contentSecurityPolicy] != nil, sourceLocation: sourceLocation)
        let body = String(buffer: response.body)
        #expect(!body.contains("<"), "no HTML under /api: \(body)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(ProblemDetails.self, from: Data(body.utf8))
    }

    @Test func unknownAPIPathsAre404ProblemDocuments() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            let requests: [(String, HTTPRequest.Method)] = [("/api", .get), ("/api/anything", .get), ("/api/v1/nothing/what-causes-gallstones", .get),
                                                            ("/api/anything", .post), ("/api/v1/x", .delete), ("/api/", .put)]
            for (uri, method) in requests {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .notFound, "\(method) \(uri)")
                    let problem = try Self.problem(response)
                    #expect(problem == ProblemDetails(status: .notFound))
                    #expect(problem.type == "about:blank" && problem.title == "Not Found" && problem.status == 404)
                }
            }
        }
    }

    /// The same malformed query: a 400 problem document under /api, the 400 page on the site.
    @Test func badQueriesAre400ProblemsUnderAPIAndThe400PageOnTheSite() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            for query in Self.badQueries {
                try await client.execute(uri: "/api/v1/search?" + query, method: .get) { response in
                    #expect(response.status == .badRequest, "\(query.prefix(20))")
                    let problem = try Self.problem(response)
                    #expect(problem.status == 400 && problem.title == "Bad Request")
                    #expect(problem.detail == QueryValidationMiddleware.problem(in: query))
                }
                try await client.execute(uri: "/search?" + query, method: .get) { response in
                    #expect(response.status == .badRequest, "\(query.prefix(20))")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(String(buffer: response.body).contains(#"name="q""#), "the 400 page keeps the search box")
                }
            }
        }
    }

    /// An unexpected failure under /api is a 500 problem that names no internals.
    @Test func apiFailuresAre500ProblemsWithoutInternals() async throws {
        struct Broken: Error {}
        let router = Router(context: SanaRequestContext.self)
        router.group(RouterPath(API.path)).add(middleware: API(limiter: RateLimiter()).chain).get("/broken") { _, _ -> Response in throw Broken() }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/broken", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = String(buffer: response.body)
                #expect(!body.contains("Broken"))
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(body.utf8))
                #expect(problem == ProblemDetails(status: .internalServerError))
            }
        }
    }

    /// Paths no route serves are the site's 404 page, whatever the method.
    @Test func siteMissesAreThe404Page() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            for (uri, method) in [("/nothing/here", HTTPRequest.Method.get), ("/articles/what-causes-gallstones", .post), ("/apix", .get)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .notFound, "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(String(buffer: response.body).contains(#"name="q""#))
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
        }
    }

    /// The health check and the assets answer errors as plain text, not as pages.
    @Test func plumbingErrorsArePlainText() async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            for (uri, status) in [("/assets/missing.css", HTTPResponse.Status.notFound), ("/assets/..%2Fsecret.js", .notFound), ("/health?q=%zz", .badRequest)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                    #expect(!String(buffer: response.body).contains("<"))
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaIngest
@testable import SanaStore
@testable import SanaWeb

/// The API as a hostile or careless client uses it: requests the README's examples send as they
/// are, limits that must hold per token, tokens that must not open more than their owner may.
@Suite struct APIHostileClientTests {
    typealias Fixture = APIWriteTests.Fixture

    static func headers(_ secret: String, ifMatch: String? = nil, contentType: String? = nil, forwardedFor: String? = nil) -> HTTPFields {
        var h: HTTPFields = [.authorization: "Bearer " + secret]
        if let ifMatch { h[.ifMatch] = ifMatch }
        if let contentType { h[.contentType] = contentType }
        if let forwardedFor { h[.init("X-Forwarded-For")!] = forwardedFor }
        return h
    }

    static func forwarded(_ address: String) -> HTTPFields {
        var h = HTTPFields()
        h[.init("X-Forwarded-For")!] = address
        return h
    }

    static func articleInput(_ markdown: String) throws -> ByteBuffer {
        try APIWriteTests.body(["title": "What is gout?", "category": "Bones, joints and spine", "markdown": markdown])
    }

    /// `curl -X POST …/submit` sends neither a body nor a `Content-Type`: the steps that take no
    /// body must not answer 415, and a step that needs one refuses its absence as a problem (400).
    @Test func stepsWithoutABodyNeedNoContentType() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        let writer = try await fixture.token([.write], owner: "wendy")
        let reviewer = try await fixture.token([.review], owner: "rita")
        let app = try await fixture.site.application(revisionCheckInterval: 0)
        try await app.test(.router) { client in
            let id = try await client.execute(uri: "/api/v1/articles", method: .post, headers: Self.headers(writer, contentType: "application/json"),
                                              body: try Self.articleInput("Gout is arthritis.")) { response in
                try #require(try json(response.body)["article_id"] as? String)
            }
            try await client.execute(uri: "/api/v1/articles/\(id)/submit", method: .post, headers: Self.headers(writer, ifMatch: "\"r1\"")) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/v1/articles/\(id)/approve", method: .post, headers: Self.headers(reviewer, ifMatch: "\"r1\"")) { response in
                #expect(response.status == .badRequest, "\(String(buffer: response.body))")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            // A body that comes without its type is still refused.
            try await client.execute(uri: "/api/v1/articles/\(id)/approve", method: .post, headers: Self.headers(reviewer, ifMatch: "\"r1\""),
                                     body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            #expect(try await RevisionStore(sharingDatabaseOf: fixture.site.accounts).latest(articleID: id)?.state == .submitted)
        }
    }

    /// A token is limited on its own, whatever addresses it comes from: each request here comes
    /// through a trusted proxy from an address of its own, so no address's limit can trip first.
    @Test func eachTokenIsRateLimitedOnItsOwn() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        _ = try await SampleArticles.loadIfEmpty(into: fixture.site.store)
        let busy = try await fixture.token([.readDrafts], owner: "wendy")
        let other = try await fixture.token([.readDrafts], owner: "wendy")
        let limiter = RateLimiter(perMinute: 60, burst: 2, now: { Date(timeIntervalSince1970: 0) })
        let proxies = ["127.0.0.0/8", "::1/128"].compactMap(AddressBlock.init)
        let app = try await fixture.site.application(api: APISettings(limiter: limiter, trustedProxies: proxies))
        let uri = "/api/v1/articles/what-causes-gallstones/revisions"
        try await app.test(.live) { client in
            func get(_ secret: String, from address: Int) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .get, headers: Self.headers(secret, forwardedFor: "198.51.100.\(address)"))
            }
            #expect(try await get(busy, from: 1).status == .ok)
            #expect(try await get(busy, from: 2).status == .ok)
            let refused = try await get(busy, from: 3)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(String(buffer: refused.body).contains("this token"))
            // Another token, and a public read, are not held back by it.
            #expect(try await get(other, from: 3).status == .ok)
            try await client.execute(uri: "/api/v1/categories", method: .get, headers: Self.forwarded("198.51.100.4")) {
                #expect($0.status == .ok)
            }
        }
    }

    /// In a merge patch `null` removes a field (RFC 7396): a removed summary or focus is gone, a
    /// removed title is refused by name; never taken as "leave it as it is".
    @Test func aMergePatchNullRemovesTheFieldOrIsRefused() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        let writer = try await fixture.token([.write], owner: "wendy")
        let revisions = RevisionStore(sharingDatabaseOf: fixture.site.accounts)
        let app = try await fixture.site.application()
        let patch = "application/merge-patch+json"
        try await app.test(.router) { client in
            let id = try await client.execute(uri: "/api/v1/articles", method: .post, headers: Self.headers(writer, contentType: "application/json"),
                                              body: try APIWriteTests.body(["title": "What is gout?", "category": "Bones, joints and spine",
                                                                            "markdown": "Gout is arthritis from urate crystals.",
                                                                            "summary": "Short.", "focus": "Gout"])) { response in
                try #require(try json(response.body)["article_id"] as? String)
            }
            try await client.execute(uri: "/api/v1/articles/\(id)", method: .patch, headers: Self.headers(writer, ifMatch: "\"r1\"", contentType: patch),
                                     body: ByteBuffer(string: #"{"summary": null, "focus": null}"#)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            let second = try #require(try await revisions.latest(articleID: id))
            #expect(second.number == 2 && second.article.focus == nil && second.article.summary != "Short.")
            try await client.execute(uri: "/api/v1/articles/\(id)", method: .patch, headers: Self.headers(writer, ifMatch: "\"r2\"", contentType: patch),
                                     body: ByteBuffer(string: #"{"title": null}"#)) { response in
                #expect(response.status == .unprocessableContent, "\(String(buffer: response.body))")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: response.body).contains(#""field":"title""#))
            }
            #expect(try await revisions.latest(articleID: id)?.number == 2)
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaAPIContract
import SanaCore
import SanaIngest
@testable import SanaStore
@testable import SanaWeb

/// The API's writes over a real SQLite file, with real tokens: who may do what (one table, from
/// the document's own scopes), the whole draft → publish path, If-Match, and hostile content.
@Suite struct APIWriteTests {
    /// A caller of the matrix: no token, a token with one scope, or a dead one.
    enum Caller: CustomStringConvertible, CaseIterable {
        case anonymous, expired, revoked
        case scoped(APIScope)
        static var allCases: [Caller] { [.anonymous, .expired, .revoked] + APIScope.allCases.map(Caller.scoped) }
        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .expired: "expired token"
            case .revoked: "revoked token"
            case let .scoped(scope): "token with \(scope.rawValue)"
            }
        }
    }

    /// The site with accounts, and tokens made through the store as `sana token add` makes them.
    struct Fixture {
        let site: EditorSite
        let tokens: APITokenStore

        init() async throws {
            site = try EditorSite()
            tokens = APITokenStore(sharingDatabaseOf: site.accounts)
            for (name, role) in [("wendy", EditorRole.writer), ("rita", .reviewer), ("ed", .editor), ("ada", .admin)] {
                try await site.accounts.addUser(name: name, role: role, password: EditorSite.password, by: "test")
            }
        }

        func token(_ scopes: Set<APIScope>, owner: String, days: Int = 90) async throws -> String {
            try await tokens.add(name: "t-" + UUID().uuidString.prefix(8).lowercased(), scopes: scopes, owner: owner, expiresInDays: days, by: "ada").secret
        }

        /// The account whose role holds `scope` (a token never holds more than its owner's role).
        static func owner(of scope: APIScope) -> String {
            switch scope {
            case .readDrafts, .write: "wendy"
            case .review: "rita"
            case .publish: "ed"
            case .admin: "ada"
            }
        }

        /// The secret a caller sends, if any.
        func secret(for caller: Caller) async throws -> String? {
            switch caller {
            case .anonymous: return nil
            case let .scoped(scope): return try await token([scope], owner: Self.owner(of: scope))
            case .revoked:
                let issued = try await tokens.add(name: "revoked-" + UUID().uuidString.prefix(8).lowercased(), scopes: APIScope.allowed(for: .writer),
                                                  owner: "wendy", by: "ada")
                try await tokens.revoke(id: issued.token.id, by: "ada")
                return issued.secret
            case .expired:
                let secret = try await token(APIScope.allowed(for: .writer), owner: "wendy", days: 1)
                site.clock.advance(2 * 86_400)
                return secret
            }
        }
    }

    static func headers(_ secret: String?, contentType: String = "application/json", ifMatch: String? = nil) -> HTTPFields {
        var h: HTTPFields = [.contentType: contentType]
        if let secret { h[.authorization] = "Bearer " + secret }
        if let ifMatch { h[.ifMatch] = ifMatch }
        return h
    }

    static func body(_ object: [String: Any]) throws -> ByteBuffer { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object)) }

    /// Every operation the document guards, with its path filled in: an existing article, revision 1.
    static func guardedOperations() throws -> [(method: HTTPRequest.Method, path: String, scope: APIScope)] {
        try RequiredScopes(document: try APIContract.document()).byOperation.map { key, scope in
            let parts = key.split(separator: " ", maxSplits: 1)
            let path = String(parts[1]).replacingOccurrences(of: "{idOrSlug}", with: "what-causes-gallstones")
                .replacingOccurrences(of: "{number}", with: "1")
            return (HTTPRequest.Method(String(parts[0]))!, path + (path.hasSuffix("/diff") ? "?from=1&to=1" : ""), scope)
        }.sorted { $0.path + $0.method.rawValue < $1.path + $1.method.rawValue }
    }

    @Test(arguments: Caller.allCases)
    func everyGuardedOperationAnswersEachCallerAsItsScopeSays(caller: Caller) async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        _ = try await SampleArticles.loadIfEmpty(into: fixture.site.store)
        let secret = try await fixture.secret(for: caller)
        let operations = try Self.guardedOperations()
        #expect(operations.count == 12, "nine writes and three reads of drafts are guarded")
        let app = try await fixture.site.application()
        try await app.test(.router) { client in
            for op in operations {
                let contentType = op.method == .patch ? "application/merge-patch+json" : "application/json"
                let body = op.method == .get ? nil : try Self.body([:])
                try await client.execute(uri: op.path, method: op.method, headers: Self.headers(secret, contentType: contentType), body: body) { response in
                    let label = "\(caller) \(op.method) \(op.path): \(String(buffer: response.body))"
                    #expect(response.headers[.contentType] == "application/problem+json" || response.status.code < 300, "\(label)")
                    switch caller {
                    case .anonymous, .expired, .revoked:
                        #expect(response.status == .unauthorized, "\(label)")
                        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(label)")
                    case let .scoped(scope) where scope == op.scope:
                        #expect(![.unauthorized, .forbidden].contains(response.status), "\(label)")
                        #expect(response.status.code < 500, "\(label)")
                    case .scoped:
                        #expect(response.status == .forbidden, "\(label)")
                    }
                }
            }
        }
    }

    @Test func aTokenNeverHoldsMoreThanItsOwnersRole() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        _ = try await SampleArticles.loadIfEmpty(into: fixture.site.store)
        // A writer's token cannot be given publish or review; an admin's cannot review.
        await #expect(throws: APITokenError.self) { try await fixture.token([.publish], owner: "wendy") }
        await #expect(throws: APITokenError.self) { try await fixture.token([.write, .review], owner: "wendy") }
        await #expect(throws: APITokenError.self) { try await fixture.token([.review], owner: "ada") }
        #expect(try await fixture.tokens.tokens().isEmpty, "nothing was stored")
        // A token made for an editor whose account later became a writer's loses publish when used.
        let publisher = try await fixture.token([.publish, .readDrafts], owner: "ed")
        try await fixture.site.accounts.writer.write { db in try db.execute(sql: "UPDATE editor_user SET role = 'writer' WHERE name = 'ed'") }
        let used = try #require(try await fixture.tokens.authenticate(publisher))
        #expect(used.scopes == [.readDrafts])
        let app = try await fixture.site.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/articles/what-causes-gallstones/publish", method: .post,
                                     headers: Self.headers(publisher), body: try Self.body([:])) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func anArticleGoesFromDraftToPublishedThroughTheAPIAlone() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        let writer = try await fixture.token([.write, .readDrafts], owner: "wendy")
        let reviewer = try await fixture.token([.review], owner: "rita")
        let publisher = try await fixture.token([.publish], owner: "ed")
        let app = try await fixture.site.application(revisionCheckInterval: 0)
        try await app.test(.router) { client in
            func call(_ method: HTTPRequest.Method, _ path: String, _ secret: String, ifMatch: String? = nil, body: [String: Any]? = nil,
                      contentType: String = "application/json") async throws -> (HTTPResponse.Status, [String: Any], String?) {
                try await client.execute(uri: path, method: method, headers: Self.headers(secret, contentType: contentType, ifMatch: ifMatch),
                                         body: try body.map(Self.body)) { response in
                    let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
                    return (response.status, object, response.headers[.eTag])
                }
            }
            let (created, draft, tag1) = try await call(.post, "/api/v1/articles", writer,
                                                        body: ["title": "What is gout?", "category": "Bones, joints and spine", "markdown": "Gout is arthritis."])
            #expect(created == .created)
            #expect(tag1 == "\"r1\"")
            let id = try #require(draft["article_id"] as? String)
            let base = "/api/v1/articles/\(id)"

            // Concurrency: no If-Match is 428, a stale one 412.
            #expect(try await call(.patch, base, writer, body: ["markdown": "x"], contentType: "application/merge-patch+json").0 == .preconditionRequired)
            #expect(try await call(.patch, base, writer, ifMatch: "\"r9\"", body: ["markdown": "x"], contentType: "application/merge-patch+json").0 == .preconditionFailed)
            let (patched, _, tag2) = try await call(.patch, base, writer, ifMatch: "\"r1\"", body: ["markdown": "Gout is arthritis. Unreviewed claim."],
                                                    contentType: "application/merge-patch+json")
            #expect(patched == .ok && tag2 == "\"r2\"")
            #expect(try await call(.put, base, writer, ifMatch: "\"r2\"", body: ["title": "", "category": "x", "markdown": "y"]).1["errors"] != nil)

            #expect(try await call(.post, base + "/submit", writer, ifMatch: "\"r2\"").0 == .ok)
            // The writer cannot sign off this writing: a writer's token holds no review scope.
            #expect(try await call(.post, base + "/approve", writer, ifMatch: "\"r2\"", body: [:]).0 == .forbidden)
            #expect(try await call(.post, base + "/reject", reviewer, ifMatch: "\"r2\"", body: [:]).0 == .unprocessableContent)
            #expect(try await call(.post, base + "/reject", reviewer, ifMatch: "\"r2\"", body: ["comment": "Cite a source."]).1["state"] as? String == "rejected")
            // Nobody publishes what was not approved.
            #expect(try await call(.post, base + "/publish", publisher, ifMatch: "\"r2\"").0 == .conflict)

            let (fixed, _, tag3) = try await call(.put, base, writer, ifMatch: "\"r2\"",
                                                  body: ["title": "What is gout?", "category": "Bones, joints and spine", "markdown": "Gout is arthritis from urate crystals."])
            #expect(fixed == .ok && tag3 == "\"r3\"")
            #expect(try await call(.post, base + "/submit", writer, ifMatch: "\"r3\"").0 == .ok)
            #expect(try await call(.post, base + "/approve", reviewer, ifMatch: "\"r3\"", body: ["comment": "Good."]).1["state"] as? String == "approved")
            #expect(try await call(.post, base + "/publish", publisher, ifMatch: "\"r3\"").1["state"] as? String == "published")

            let (read, article, _) = try await call(.get, base, writer)
            #expect(read == .ok)
            #expect((article["review"] as? [String: Any])?["reviewer"] as? String == "rita")
            #expect(article["markdown"] as? String == "Gout is arthritis from urate crystals.")
            let slug = try #require(article["slug"] as? String)
            let page = String(buffer: try await client.get("/articles/\(slug)").body)
            #expect(page.contains("Reviewed by rita"))
            // A write that changes nothing makes no revision and keeps the published one's state.
            let (unchanged, same, tagSame) = try await call(.patch, base, writer, ifMatch: "\"r3\"", body: [:],
                                                            contentType: "application/merge-patch+json")
            #expect(unchanged == .ok && tagSame == "\"r3\"" && same["state"] as? String == "published")
            let repeated = try await call(.put, base, writer, ifMatch: "\"r3\"",
                                          body: ["title": "What is gout?", "category": "Bones, joints and spine", "markdown": "Gout is arthritis from urate crystals."])
            #expect(repeated.0 == .ok && repeated.2 == "\"r3\"")

            #expect((try await call(.get, base + "/revisions", writer).1["revisions"] as? [Any])?.count == 3)
            #expect((try await call(.get, base + "/revisions/2", writer).1["content"] as? [String: Any])?["markdown"] as? String
                    == "Gout is arthritis. Unreviewed claim.")
            #expect((try await call(.get, base + "/diff?from=2&to=3", writer).1["lines"] as? [Any])?.isEmpty == false)
            let (restored, _, tag4) = try await call(.post, base + "/revisions/1/restore", writer, ifMatch: "\"r3\"")
            #expect(restored == .ok && tag4 == "\"r4\"")
            // The public page keeps the reviewed version while the restored draft waits.
            #expect(try await call(.get, base, writer).1["markdown"] as? String == "Gout is arthritis from urate crystals.")

            #expect(try await call(.post, base + "/archive", publisher, ifMatch: "\"r4\"").0 == .ok)
            #expect(try await call(.get, base, writer).0 == .notFound)
            let actions = try await fixture.site.accounts.auditLog(limit: 100).filter { $0.action.hasPrefix("api.") }
            #expect(actions.count >= 10 && actions.allSatisfy { $0.actor.hasPrefix("token:") })
        }
    }

    @Test func hostileContentThroughTheAPIRendersInert() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        let writer = try await fixture.token([.write], owner: "wendy")
        let reviewer = try await fixture.token([.review], owner: "rita")
        let publisher = try await fixture.token([.publish], owner: "ed")
        let app = try await fixture.site.application(revisionCheckInterval: 0)
        try await app.test(.router) { client in
            func post(_ path: String, _ secret: String, _ tag: String?, _ body: [String: Any]? = nil) async throws -> [String: Any] {
                try await client.execute(uri: path, method: .post, headers: Self.headers(secret, ifMatch: tag), body: try body.map(Self.body)) { response in
                    #expect(response.status.code < 300, "\(path): \(String(buffer: response.body))")
                    return (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
                }
            }
            let created = try await post("/api/v1/articles", writer, nil, ["title": EditorReviewTests.hostileTitle, "category": "Ear <b>now</b>",
                                                                           "markdown": EditorReviewTests.hostileBody + "\n\nZ\u{0351}\u{0352}a\u{0353}l\u{0354}g\u{0355}o"])
            let id = try #require(created["article_id"] as? String)
            _ = try await post("/api/v1/articles/\(id)/submit", writer, "\"r1\"")
            _ = try await post("/api/v1/articles/\(id)/approve", reviewer, "\"r1\"", [:])
            _ = try await post("/api/v1/articles/\(id)/publish", publisher, "\"r1\"")
            let article = try #require(try await fixture.site.store.article(id: id))
            let page = String(buffer: try await client.get("/articles/\(article.slug)").body)
            #expect(page.contains("sore throat"))
            EditorReviewTests.expectInert(page)
            // The API's rendered sections are the page's: inert too (its `markdown` is the text as written, data to escape).
            let json = try await client.execute(uri: "/api/v1/articles/\(id)", method: .get) { try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) }
            let sections = try #require((json as? [String: Any])?["sections"] as? [[String: Any]])
            EditorReviewTests.expectInert(sections.compactMap { $0["html"] as? String }.joined())
        }
    }

    /// Each error status the API answers is a problem document naming that status (429: `APIReadTests`).
    @Test func everyErrorStatusIsAProblemDocument() async throws {
        let fixture = try await Fixture()
        defer { fixture.site.remove() }
        let writer = try await fixture.token([.write], owner: "wendy")
        let publisher = try await fixture.token([.publish], owner: "ed")
        let app = try await fixture.site.application()
        try await app.test(.router) { client in
            let id = try await client.execute(uri: "/api/v1/articles", method: .post, headers: Self.headers(writer),
                                              body: try Self.body(["title": "What is gout?", "category": "Bones", "markdown": "Gout."])) { response in
                try #require((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["article_id"] as? String)
            }
            let article = "/api/v1/articles/\(id)"
            let patch = "application/merge-patch+json"
            let cases: [(HTTPResponse.Status, String, HTTPRequest.Method, HTTPFields, ByteBuffer?)] = [
                (.badRequest, "/api/v1/articles?limit=0", .get, [:], nil),
                (.unauthorized, "/api/v1/articles", .post, Self.headers(nil), try Self.body([:])),
                (.forbidden, article + "/publish", .post, Self.headers(writer, ifMatch: "\"r1\""), nil),
                (.notFound, "/api/v1/articles/no-such-article", .get, [:], nil),
                (.methodNotAllowed, "/api/v1/categories", .delete, [:], nil),
                (.conflict, article + "/publish", .post, Self.headers(publisher, ifMatch: "\"r1\""), nil),
                (.preconditionFailed, article, .patch, Self.headers(writer, contentType: patch, ifMatch: "\"r7\""), try Self.body(["title": "x"])),
                (.contentTooLarge, "/api/v1/articles", .post, Self.headers(writer), ByteBuffer(repeating: 32, count: API.maxBodyBytes + 1)),
                (.unsupportedMediaType, "/api/v1/articles", .post, Self.headers(writer, contentType: "text/plain"), ByteBuffer(string: "hi")),
                (.unprocessableContent, "/api/v1/articles", .post, Self.headers(writer), try Self.body(["title": " ", "category": "Bones", "markdown": ""])),
                (.preconditionRequired, article, .patch, Self.headers(writer, contentType: patch), try Self.body(["title": "x"])),
            ]
            for (status, uri, method, headers, body) in cases {
                try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
                    #expect(response.status == status, "\(method) \(uri): \(String(buffer: response.body))")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(status)")
                    let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
                    #expect(problem.status == status.code && problem.title == status.reasonPhrase && problem.type == "about:blank")
                }
            }
        }
    }
}

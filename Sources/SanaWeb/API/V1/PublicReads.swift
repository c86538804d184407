import Foundation
import OpenAPIRuntime
import SanaAPIContract
import SanaCore
import SanaSearch
import SanaStore

/// The API's reads of published content (no token). Each answer is built from what the public
/// site computes — its search, related articles, rendered sections and counts (`SiteRoutes`) —
/// so a reader of the API and of the pages are told the same.
extension APIv1 {
    static var defaultLimit: Int { 20 }

    func listArticles(_ input: Operations.ListArticles.Input) async throws -> Operations.ListArticles.Output {
        let q = input.query
        let limit = try Self.limit(q.limit)
        let before = try q.cursor.map { try Cursor.decode($0, kind: "articles", field: "cursor") }
        let filter = ArticleFilter(category: q.category, focus: q.focus, language: q.language,
                                   updatedSince: q.updatedSince, reviewedBefore: q.reviewedBefore)
        let listing = try await site.store.publishedArticles(matching: filter, before: before, limit: limit)
        return .ok(.init(body: .json(.init(articles: listing.articles.map(Self.summary),
                                           nextCursor: listing.next.map { Cursor.encode($0, kind: "articles") }))))
    }

    func getArticle(_ input: Operations.GetArticle.Input) async throws -> Operations.GetArticle.Output {
        let key = input.path.idOrSlug
        var found = try await site.store.article(id: key)
        if found?.status != .published { found = Slug.isValid(key) ? try await site.store.article(slug: key) : nil }
        guard let a = found, a.status == .published else {
            throw ProblemDetails(status: .notFound, detail: "No published article has the id or slug '\(key.prefix(100))'.")
        }
        if let held = input.headers.ifNoneMatch, ETag.matches(held, ETag.of(a)) {
            return .notModified(.init(headers: .init(eTag: ETag.of(a))))
        }
        let (previous, next) = try await site.store.neighbours(of: a)
        let related = try await site.related(to: a)
        let sections = SectionParser.renderedSections(of: a.body).map { r in
            Components.Schemas.Section(heading: r.section.heading, anchor: r.section.anchor, aspect: r.section.aspect.rawValue,
                                       html: r.html, text: r.section.text)
        }
        let body = Components.Schemas.Article(
            id: a.id, slug: a.slug, title: a.title, summary: a.summary, category: .init(slug: a.category.slug, name: a.category.name),
            focus: a.focus, alsoCalled: a.alsoCalled, tags: a.tags, language: a.language, status: .published,
            createdAt: a.createdAt, updatedAt: a.updatedAt, revision: a.revision, url: SitePath.article(slug: a.slug).href,
            review: Self.review(a), markdown: a.body, sections: sections,
            sources: a.sources.map { .init(title: $0.title, url: PageRenderer.safeURL($0.url), licence: $0.licence) },
            related: related.map(Self.link), previous: previous.map(Self.link), next: next.map(Self.link))
        return .ok(.init(headers: .init(eTag: ETag.of(a)), body: .json(body)))
    }

    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        let page = input.query.page ?? 1
        guard (1...10).contains(page) else { throw BadRequest("page must be a whole number from 1 to 10.", field: "page") }
        let category = input.query.category.flatMap { $0.isEmpty ? nil : $0 }
        let query = input.query.q
        guard let answers = try site.answerSearch(query, category: category, page: page) else {
            return .ok(.init(body: .json(.init(query: query, total: 0, types: [], focus: [], noGoodAnswer: false, results: [], page: 1, pages: 1))))
        }
        let r = answers.response
        let results = answers.listed.map { s in
            Components.Schemas.SearchResult(
                id: s.id, slug: s.slug, title: s.title, url: SitePath.article(slug: s.slug).href, category: s.categorySlug,
                snippet: s.snippet, highlights: s.highlights, confidence: s.confidence,
                confidenceLabel: PageRenderer.confidenceLabel(s.confidence),
                bestSection: .init(heading: s.section.heading, aspect: s.section.aspect.rawValue,
                                   url: s.section.heading.map { SitePath.article(slug: s.slug, section: Section(heading: $0, aspect: s.section.aspect, text: "").anchor).href }),
                alsoOn: s.alsoOn.map { .init(id: $0.id, slug: $0.slug, title: $0.title, url: SitePath.article(slug: $0.slug).href) })
        }
        return .ok(.init(body: .json(.init(
            query: r.query, total: r.total, types: r.types.map(\.rawValue), focus: r.focus, didYouMean: r.didYouMean,
            urgentCare: r.urgent.map { .init(kind: $0.kind, message: $0.message, crisis: $0.crisis) },
            noGoodAnswer: answers.noGoodAnswer, focusWithoutArticle: answers.focusWithoutArticle, results: results,
            page: page, pages: answers.pages))))
    }

    func suggest(_ input: Operations.Suggest.Input) async throws -> Operations.Suggest.Output {
        guard input.query.q.count <= 100 else { throw BadRequest("The text to complete is too long: at most 100 characters.", field: "q") }
        let suggestions = site.index.suggest(input.query.q, limit: 8).map(SuggestionLink.init).map {
            Components.Schemas.Suggestion(text: $0.text, slug: $0.slug, articles: $0.articles, url: $0.href)
        }
        return .ok(.init(body: .json(.init(suggestions: suggestions))))
    }

    func listCategories(_ input: Operations.ListCategories.Input) async throws -> Operations.ListCategories.Output {
        let categories = try await site.counts().byCategory.map {
            Components.Schemas.CategoryCount(slug: $0.category.slug, name: $0.category.name, articles: $0.count,
                                             url: SitePath.category(slug: $0.category.slug).href)
        }
        return .ok(.init(body: .json(.init(categories: categories))))
    }

    /// Published and archived articles in the order they were written; drafts are passed over
    /// (the cursor still moves past them) until a page is full or the store has no more.
    func listChanges(_ input: Operations.ListChanges.Input) async throws -> Operations.ListChanges.Output {
        let limit = try Self.limit(input.query.limit)
        var after = try input.query.since.map { try Cursor.decode($0, kind: "changes", field: "since") } ?? 0
        let latest = try await site.store.latestChange()
        var changes: [Components.Schemas.Change] = []
        while changes.count < limit, after < latest {
            let page = try await site.store.changes(after: after, limit: limit - changes.count)
            if page.last <= after { break }
            for a in page.articles where a.status == .published || a.status == .archived {
                let kind: Components.Schemas.Change.KindPayload = a.status == .archived ? .archived : a.revision == 1 ? .created : .updated
                changes.append(.init(kind: kind, id: a.id, slug: a.slug, title: a.title, revision: a.revision, at: a.updatedAt,
                                     url: a.status == .published ? SitePath.article(slug: a.slug).href : nil))
            }
            after = page.last
        }
        return .ok(.init(body: .json(.init(changes: changes, cursor: Cursor.encode(after, kind: "changes")))))
    }

    /// The document, typed. `GeneratedResponseFixes` answers this route with the document's own
    /// bytes before it is reached; this answer (the same JSON, re-encoded) stands behind it.
    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws -> Operations.GetOpenAPIDocument.Output {
        .ok(.init(body: .json(try JSONDecoder().decode(OpenAPIObjectContainer.self, from: document))))
    }

    // MARK: Shapes

    static func limit(_ value: Int?) throws -> Int {
        let limit = value ?? defaultLimit
        guard (1...100).contains(limit) else { throw BadRequest("limit must be from 1 to 100.", field: "limit") }
        return limit
    }

    static func summary(_ a: Article) -> Components.Schemas.ArticleSummary {
        .init(id: a.id, slug: a.slug, title: a.title, summary: a.summary, category: .init(slug: a.category.slug, name: a.category.name),
              focus: a.focus, language: a.language, updatedAt: a.updatedAt, revision: a.revision, review: review(a),
              url: SitePath.article(slug: a.slug).href)
    }

    static func review(_ a: Article) -> Components.Schemas.Review? {
        guard a.reviewedAt != nil || a.reviewer != nil || a.nextReviewDue != nil else { return nil }
        return .init(reviewer: a.reviewer, reviewedAt: a.reviewedAt, nextReviewDue: a.nextReviewDue)
    }

    static func link(_ l: ArticleLink) -> Components.Schemas.ArticleLink {
        .init(id: l.id, slug: l.slug, title: l.title, summary: l.summary, url: SitePath.article(slug: l.slug).href)
    }
}

/// An article's version as HTTP names it: its revision, quoted.
enum ETag {
    static func of(_ a: Article) -> String { "\"\(a.revision)\"" }

    /// Whether an `If-None-Match` value names `tag`: `*`, or a list of entity tags one of which
    /// equals it by weak comparison (RFC 9110 §13.1.2: `W/` ignored).
    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        func opaque<S: StringProtocol>(_ t: S) -> String {
            let t = t.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("W/") ? String(t.dropFirst(2)) : t
        }
        if ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" { return true }
        return ifNoneMatch.split(separator: ",").contains { opaque($0) == opaque(tag) }
    }
}

/// A place in a listing, opaque to clients: a write number under a kind, base64url.
enum Cursor {
    static func encode(_ position: Int, kind: String) -> String {
        Data("\(kind):\(position)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String, kind: String, field: String) throws -> Int {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        guard text.count <= 64, let data = Data(base64Encoded: b64), let s = String(data: data, encoding: .utf8),
              s.hasPrefix(kind + ":"), let n = Int(s.dropFirst(kind.count + 1)), n >= 0 else {
            throw BadRequest("\(field) is not a cursor this API gave out.", field: field)
        }
        return n
    }
}

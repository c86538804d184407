import Foundation
import SanaCore

/// The exchange shape of an article: what `sana export` writes and the jsonl and Markdown front
/// matter readers accept. Keys are snake_case; only `title`, `body` (except for drafts) and
/// `category` are required.
public struct ArticleDocument: Codable, Sendable {
    public var id: String?
    public var slug: String?
    public var title: String?
    public var summary: String?
    public var body: String?
    public var category: String?
    public var categorySlug: String?
    public var focus: String?
    public var alsoCalled: [String]?
    public var tags: [String]?
    public var language: String?
    public var sources: [Source]?
    public var status: String?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var reviewedAt: Date?
    public var nextReviewDue: Date?
    public var reviewer: String?
    public var revision: Int?
    public var position: Int?
    public var previousTitle: String?
    public var nextTitle: String?
    public var relatedHints: [String]?

    enum CodingKeys: String, CodingKey {
        case id, slug, title, summary, body, category
        case categorySlug = "category_slug", focus, alsoCalled = "also_called", tags, language, sources, status
        case createdAt = "created_at", updatedAt = "updated_at", reviewedAt = "reviewed_at"
        case nextReviewDue = "next_review_due", reviewer, revision, position
        case previousTitle = "previous_title", nextTitle = "next_title", relatedHints = "related_hints"
    }

    public init(_ a: Article) {
        id = a.id; slug = a.slug; title = a.title; summary = a.summary; body = a.body
        category = a.category.name; categorySlug = a.category.slug; focus = a.focus
        alsoCalled = a.alsoCalled; tags = a.tags; language = a.language; sources = a.sources
        status = a.status.rawValue; createdAt = a.createdAt; updatedAt = a.updatedAt
        reviewedAt = a.reviewedAt; nextReviewDue = a.nextReviewDue; reviewer = a.reviewer
        revision = a.revision; position = a.position; previousTitle = a.previousTitle
        nextTitle = a.nextTitle; relatedHints = a.relatedHints
    }

    /// Validates the document and builds the article; the error names the offending field.
    /// Line ends in the running text are made Unix ones first (a JSON string may hold "\r\n").
    public func article(now: Date) throws(FieldError) -> Article {
        var doc = self
        doc.body = body.map(TextFile.normalizingLineEnds)
        doc.summary = summary.map(TextFile.normalizingLineEnds)
        return try doc.validated(now: now)
    }

    private func validated(now: Date) throws(FieldError) -> Article {
        func required(_ value: String?, _ field: CodingKeys) throws(FieldError) -> String {
            guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else {
                throw FieldError(field: field.rawValue, message: "is required")
            }
            return v
        }
        if let (field, c) = firstControlCharacter() {
            throw FieldError(field: field, message: "contains control character \(ControlCharacters.name(c))")
        }
        let title = try required(title, .title)
        // A draft may wait for its text (MedQuAD pairs without an answer); nothing else may.
        let body = status == ArticleStatus.draft.rawValue ? (body ?? "") : try required(body, .body)
        let categoryName = try required(category, .category)
        if title.count > 300 { throw FieldError(field: "title", message: "is \(title.count) characters; the limit is 300") }
        if let slug, !Slug.isValid(slug) {
            throw FieldError(field: "slug", message: "'\(slug)' is not URL-safe (use a-z, 0-9 and single hyphens)")
        }
        if let categorySlug, !Slug.isValid(categorySlug) {
            throw FieldError(field: "category_slug", message: "'\(categorySlug)' is not URL-safe")
        }
        if let summary, summary.count > Summary.maxLength {
            throw FieldError(field: "summary", message: "is \(summary.count) characters; the limit is \(Summary.maxLength)")
        }
        var parsedStatus = ArticleStatus.published
        if let status {
            guard let s = ArticleStatus(rawValue: status) else {
                throw FieldError(field: "status", message: "'\(status)' is not one of draft, in_review, published, archived")
            }
            parsedStatus = s
        }
        if let revision, !(1...Self.maxRevision).contains(revision) {
            throw FieldError(field: "revision", message: "must be from 1 to \(Self.maxRevision)")
        }
        for (i, s) in (sources ?? []).enumerated() {
            guard let url = URL(string: s.url), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
                throw FieldError(field: "sources[\(i)].url", message: "'\(s.url)' is not an http(s) URL")
            }
        }
        let created = createdAt ?? now
        return Article(
            id: id, slug: slug, title: title, summary: summary, body: body,
            category: Category(name: categoryName, slug: categorySlug), focus: focus,
            alsoCalled: alsoCalled ?? [], tags: tags ?? [], language: language ?? "en",
            sources: sources ?? [], status: parsedStatus, createdAt: created, updatedAt: updatedAt ?? created,
            reviewedAt: reviewedAt, nextReviewDue: nextReviewDue, reviewer: reviewer,
            revision: revision ?? 1, position: position ?? 0, previousTitle: previousTitle,
            nextTitle: nextTitle, relatedHints: relatedHints ?? [])
    }
}

extension ArticleDocument {
    /// The largest integer every JSON reader keeps exactly (2^53 - 1); it also leaves the store
    /// room to count revisions on without overflowing.
    static let maxRevision = 9_007_199_254_740_991

    /// The first field holding a control character, checked before anything else so that no
    /// message prints one.
    func firstControlCharacter() -> (field: String, scalar: Unicode.Scalar)? {
        ControlCharacters.first(
            inFields: [("id", id), ("slug", slug), ("title", title), ("category", category), ("category_slug", categorySlug),
                       ("focus", focus), ("language", language), ("status", status), ("reviewer", reviewer),
                       ("previous_title", previousTitle), ("next_title", nextTitle)],
            lists: [("also_called", alsoCalled ?? []), ("tags", tags ?? []), ("related_hints", relatedHints ?? [])],
            sources: sources ?? [], text: [("summary", summary), ("body", body)])
    }
}

/// A field that failed validation.
public struct FieldError: Error, Sendable {
    public var field: String
    public var message: String
}

extension DecodingError {
    /// The dotted path of the field a decoding error is about, and a short message.
    var fieldAndMessage: (String?, String) {
        func path(_ keys: [any CodingKey]) -> String? {
            let p = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
            return p.isEmpty ? nil : p
        }
        switch self {
        case let .typeMismatch(type, ctx): return (path(ctx.codingPath), "expected \(Self.describe(type))")
        case let .valueNotFound(type, ctx): return (path(ctx.codingPath), "expected \(Self.describe(type)), found null")
        case let .keyNotFound(key, ctx): return (path(ctx.codingPath + [key]), "is required")
        case let .dataCorrupted(ctx):
            return (path(ctx.codingPath), ctx.underlyingError.map { "malformed: \($0.localizedDescription)" } ?? ctx.debugDescription)
        @unknown default: return (nil, "\(self)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Date.Type: "an ISO 8601 date"
        default: "\(type)".hasPrefix("Array") ? "an array" : "\(type)"
        }
    }
}

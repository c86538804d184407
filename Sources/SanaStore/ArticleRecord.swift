import Foundation
import GRDB
import SanaCore

/// A row of the `article` table: an `Article` with its category in two columns, its lists as
/// JSON text, and the number of the write that last changed it. The coding keys are the column
/// names, written once: GRDB reads and writes the row through them, and queries name columns
/// through `Columns`.
struct ArticleRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article"

    var id: String
    var slug: String
    var title: String
    var summary: String
    var body: String
    var categoryName: String
    var categorySlug: String
    var focus: String?
    var alsoCalled: [String]
    var tags: [String]
    var language: String
    var sources: [Source]
    var status: ArticleStatus
    var createdAt: Date
    var updatedAt: Date
    var reviewedAt: Date?
    var nextReviewDue: Date?
    var reviewer: String?
    var revision: Int
    var position: Int
    var previousTitle: String?
    var nextTitle: String?
    var relatedHints: [String]
    /// See `ArticleStore.changes(after:limit:)`.
    var changeSeq: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, slug, title, summary, body
        case categoryName = "category_name", categorySlug = "category_slug"
        case focus, alsoCalled = "also_called", tags, language, sources, status
        case createdAt = "created_at", updatedAt = "updated_at", reviewedAt = "reviewed_at"
        case nextReviewDue = "next_review_due", reviewer, revision, position
        case previousTitle = "previous_title", nextTitle = "next_title", relatedHints = "related_hints"
        case changeSeq = "change_seq"
    }

    /// The columns queries filter and order by.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let slug = Column(CodingKeys.slug)
        static let title = Column(CodingKeys.title)
        static let summary = Column(CodingKeys.summary)
        static let body = Column(CodingKeys.body)
        static let categoryName = Column(CodingKeys.categoryName)
        static let categorySlug = Column(CodingKeys.categorySlug)
        static let status = Column(CodingKeys.status)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let reviewedAt = Column(CodingKeys.reviewedAt)
        static let position = Column(CodingKeys.position)
        static let changeSeq = Column(CodingKeys.changeSeq)
    }

    /// Lists are stored as compact JSON with sorted keys and unescaped slashes, as Sana always
    /// stored them.
    private static let listEncoder: JSONEncoder = {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]; return e
    }()
    private static let listDecoder = JSONDecoder()
    static func databaseJSONEncoder(for column: String) -> JSONEncoder { listEncoder }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { listDecoder }

    init(_ a: Article, change: Int) {
        id = a.id; slug = a.slug; title = a.title; summary = a.summary; body = a.body
        categoryName = a.category.name; categorySlug = a.category.slug
        focus = a.focus; alsoCalled = a.alsoCalled; tags = a.tags
        language = a.language; sources = a.sources; status = a.status
        createdAt = a.createdAt; updatedAt = a.updatedAt; reviewedAt = a.reviewedAt
        nextReviewDue = a.nextReviewDue; reviewer = a.reviewer; revision = a.revision
        position = a.position; previousTitle = a.previousTitle; nextTitle = a.nextTitle
        relatedHints = a.relatedHints; changeSeq = change
    }

    var article: Article {
        Article(
            id: id, slug: slug, title: title, summary: summary, body: body,
            category: Category(name: categoryName, slug: categorySlug), focus: focus,
            alsoCalled: alsoCalled, tags: tags, language: language, sources: sources,
            status: status, createdAt: createdAt, updatedAt: updatedAt,
            reviewedAt: reviewedAt, nextReviewDue: nextReviewDue, reviewer: reviewer, revision: revision,
            position: position, previousTitle: previousTitle, nextTitle: nextTitle, relatedHints: relatedHints)
    }

    var link: ArticleLink { ArticleLink(id: id, slug: slug, title: title, summary: summary, position: position) }
}

/// A stored earlier version of an article.
struct RevisionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article_revision"
    var articleId: String
    var revision: Int
    var savedAt: Date
    /// The whole article as JSON (`RevisionDocument`), so a revision survives later schema changes.
    var document: String

    enum CodingKeys: String, CodingKey {
        case articleId = "article_id", revision, savedAt = "saved_at", document
    }

    enum Columns {
        static let articleId = Column(CodingKeys.articleId)
        static let revision = Column(CodingKeys.revision)
    }
}

/// How a revision is kept: the article as JSON with ISO 8601 dates, whole seconds. Every store
/// keeps revisions this way, so an earlier version reads back alike from any of them.
enum RevisionDocument {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]; e.dateEncodingStrategy = .iso8601; return e
    }()
    private static let decoder: JSONDecoder = {
        let d = JSONDecoder(); d.dateDecodingStrategy = .iso8601; return d
    }()

    static func encode(_ a: Article) throws -> String { String(decoding: try encoder.encode(a), as: UTF8.self) }
    static func decode(_ document: String) throws -> Article { try decoder.decode(Article.self, from: Data(document.utf8)) }
}

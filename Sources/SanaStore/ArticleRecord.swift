import Foundation
import GRDB
import SanaCore

/// Maps an `Article` to the columns of the `article` table; list fields are stored as JSON text.
struct ArticleRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "article"

    var id: String
    var slug: String
    var title: String
    var summary: String
    var body: String
    var categoryName: String
    var categorySlug: String
    var focus: String?
    var alsoCalled: String
    var tags: String
    var language: String
    var sources: String
    var status: String
    var createdAt: Date
    var updatedAt: Date
    var reviewedAt: Date?
    var nextReviewDue: Date?
    var reviewer: String?
    var revision: Int
    var position: Int
    var previousTitle: String?
    var nextTitle: String?
    var relatedHints: String

    static let columns = ["id", "slug", "title", "summary", "body", "category_name", "category_slug", "focus",
                          "also_called", "tags", "language", "sources", "status", "created_at", "updated_at",
                          "reviewed_at", "next_review_due", "reviewer", "revision", "position",
                          "previous_title", "next_title", "related_hints"]

    /// Explicit column mapping: Codable records cost a third of import time.
    init(row: Row) {
        id = row[0]; slug = row[1]; title = row[2]; summary = row[3]; body = row[4]
        categoryName = row[5]; categorySlug = row[6]; focus = row[7]; alsoCalled = row[8]; tags = row[9]
        language = row[10]; sources = row[11]; status = row[12]; createdAt = row[13]; updatedAt = row[14]
        reviewedAt = row[15]; nextReviewDue = row[16]; reviewer = row[17]; revision = row[18]
        position = row[19]; previousTitle = row[20]; nextTitle = row[21]; relatedHints = row[22]
    }

    var values: [(any DatabaseValueConvertible)?] {
        [id, slug, title, summary, body, categoryName, categorySlug, focus, alsoCalled, tags, language,
         sources, status, createdAt, updatedAt, reviewedAt, nextReviewDue, reviewer, revision, position,
         previousTitle, nextTitle, relatedHints]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in zip(Self.columns, values) { container[column] = value }
    }

    static let selection = "SELECT " + columns.joined(separator: ", ") + " FROM article"
    /// `selection` with each row's change number (see `SQLiteStore.changes(after:limit:)`).
    static let selectionWithChange = "SELECT " + columns.joined(separator: ", ") + ", change_seq FROM article"

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]; return e
    }()

    init(_ a: Article) throws {
        func json<T: Encodable>(_ v: T) throws -> String { String(decoding: try Self.encoder.encode(v), as: UTF8.self) }
        id = a.id; slug = a.slug; title = a.title; summary = a.summary; body = a.body
        categoryName = a.category.name; categorySlug = a.category.slug
        focus = a.focus; alsoCalled = try json(a.alsoCalled); tags = try json(a.tags)
        language = a.language; sources = try json(a.sources); status = a.status.rawValue
        createdAt = a.createdAt; updatedAt = a.updatedAt; reviewedAt = a.reviewedAt
        nextReviewDue = a.nextReviewDue; reviewer = a.reviewer; revision = a.revision
        position = a.position; previousTitle = a.previousTitle; nextTitle = a.nextTitle
        relatedHints = try json(a.relatedHints)
    }

    func article() throws -> Article {
        let d = JSONDecoder()
        func list<T: Decodable>(_ s: String, _ t: T.Type) throws -> T { try d.decode(T.self, from: Data(s.utf8)) }
        return Article(
            id: id, slug: slug, title: title, summary: summary, body: body,
            category: Category(name: categoryName, slug: categorySlug), focus: focus,
            alsoCalled: try list(alsoCalled, [String].self), tags: try list(tags, [String].self),
            language: language, sources: try list(sources, [Source].self),
            status: ArticleStatus(rawValue: status) ?? .draft, createdAt: createdAt, updatedAt: updatedAt,
            reviewedAt: reviewedAt, nextReviewDue: nextReviewDue, reviewer: reviewer, revision: revision,
            position: position, previousTitle: previousTitle, nextTitle: nextTitle,
            relatedHints: try list(relatedHints, [String].self))
    }

    var link: ArticleLink { ArticleLink(id: id, slug: slug, title: title, summary: summary, position: position) }
}

/// A stored earlier version of an article.
struct RevisionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article_revision"
    var articleId: String
    var revision: Int
    var savedAt: Date
    /// The whole article as JSON, so a revision survives later schema changes.
    var document: String
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

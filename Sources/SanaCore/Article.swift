import Foundation

/// Where an article stands in the editorial workflow. Only `published` articles reach readers.
public enum ArticleStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case inReview = "in_review"
    case published
    case archived
}

/// A category groups articles for browsing and orders them for previous/next navigation.
public struct Category: Codable, Sendable, Hashable {
    public var name: String
    public var slug: String

    public init(name: String, slug: String? = nil) {
        self.name = name
        self.slug = slug ?? Slug.make(from: name)
    }
}

/// A cited source. MedQuAD-derived articles carry their NIH page and licence here.
public struct Source: Codable, Sendable, Hashable {
    public var title: String
    public var url: String
    public var licence: String?

    public init(title: String, url: String, licence: String? = nil) {
        self.title = title
        self.url = url
        self.licence = licence
    }
}

/// An answer article: the title is the question it answers.
///
/// Derived values (slug, summary, sections) are filled by `init` when absent so that every
/// importer produces the same shape.
public struct Article: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var summary: String
    public var body: String
    public var category: Category
    public var focus: String?
    public var alsoCalled: [String]
    public var tags: [String]
    public var language: String
    public var sources: [Source]
    public var status: ArticleStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var reviewedAt: Date?
    public var nextReviewDue: Date?
    public var reviewer: String?
    public var revision: Int
    public var position: Int
    /// Title of the previous article as the source page named it (`<<:`); resolved when shown.
    public var previousTitle: String?
    /// Title of the next article as the source page named it (`>>:`); resolved when shown.
    public var nextTitle: String?
    /// Related-article excerpts from a scraped page, matched to articles by title or body prefix.
    public var relatedHints: [String]

    /// Sections are derived from the body, never stored separately, so they cannot disagree.
    public var sections: [Section] { SectionParser.sections(of: body) }

    public init(
        id: String? = nil, slug: String? = nil, title: String, summary: String? = nil, body: String,
        category: Category, focus: String? = nil, alsoCalled: [String] = [], tags: [String] = [],
        language: String = "en", sources: [Source] = [], status: ArticleStatus = .published,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date? = nil,
        reviewedAt: Date? = nil, nextReviewDue: Date? = nil, reviewer: String? = nil,
        revision: Int = 1, position: Int = 0, previousTitle: String? = nil, nextTitle: String? = nil,
        relatedHints: [String] = []
    ) {
        let slug = (slug?.isEmpty == false ? slug! : Slug.make(from: title, fallback: id))
        self.id = id?.isEmpty == false ? id! : slug
        self.slug = slug
        self.title = title
        self.summary = (summary?.isEmpty == false) ? summary! : Summary.derive(from: body)
        self.body = body
        self.category = category
        self.focus = focus
        self.alsoCalled = alsoCalled
        self.tags = tags
        self.language = language
        self.sources = sources
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.reviewedAt = reviewedAt
        self.nextReviewDue = nextReviewDue
        self.reviewer = reviewer
        self.revision = revision
        self.position = position
        self.previousTitle = previousTitle
        self.nextTitle = nextTitle
        self.relatedHints = relatedHints
    }

    /// True when the editorial content is the same, ignoring bookkeeping (revision, timestamps,
    /// position). Imports use it to leave identical articles untouched.
    /// Dates agree when within a millisecond, the precision SQLite keeps them at, so a stored
    /// article equals the input it came from even when that input gave microseconds.
    public func hasSameContent(as other: Article) -> Bool {
        var a = self, b = other
        for x in [\Article.revision, \Article.position] { a[keyPath: x] = 0; b[keyPath: x] = 0 }
        a.createdAt = .distantPast; b.createdAt = .distantPast
        a.updatedAt = .distantPast; b.updatedAt = .distantPast
        for x in [\Article.reviewedAt, \Article.nextReviewDue] {
            if let d = a[keyPath: x], let e = b[keyPath: x], abs(d.timeIntervalSince(e)) < 0.001 { b[keyPath: x] = d }
        }
        return a == b
    }
}

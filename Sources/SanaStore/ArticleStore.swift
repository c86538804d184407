import Foundation
import SanaCore

/// What happened to one article in a write.
public enum UpsertOutcome: String, Sendable, Equatable {
    case added, updated, unchanged
}

/// Totals of a batch write, reported by imports.
public struct WriteTally: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.added = added; self.updated = updated; self.unchanged = unchanged
    }
    public mutating func count(_ outcome: UpsertOutcome) {
        switch outcome {
        case .added: added += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// The outcome of a batch write.
public struct WriteReport: Sendable {
    public var tally = WriteTally()
    /// Articles left out under `skipInvalid`, by their index in the batch.
    public var rejected: [(index: Int, error: StoreError)] = []
    public init() {}
}

/// A light reference to an article, for links.
public struct ArticleLink: Sendable, Equatable, Codable {
    public var id: String
    public var slug: String
    public var title: String
    public var summary: String
    /// Place in the category's reading order.
    public var position: Int
    public init(id: String, slug: String, title: String, summary: String, position: Int = 0) {
        self.id = id; self.slug = slug; self.title = title; self.summary = summary; self.position = position
    }
}

/// One page of a listing.
public struct ArticlePage: Sendable {
    public var items: [ArticleLink]
    public var total: Int
    public var offset: Int
    public var limit: Int
}

public struct CategoryCount: Sendable, Equatable, Codable {
    public var category: Category
    public var count: Int
}

public struct StoreCounts: Sendable, Equatable {
    public var byStatus: [ArticleStatus: Int]
    /// Published articles per category, by name.
    public var byCategory: [CategoryCount]
    public var total: Int { byStatus.values.reduce(0, +) }
}

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case duplicateSlug(slug: String, id: String, existingID: String)
    case invalid(id: String, field: String, message: String)
    case notFound(id: String)

    public var description: String {
        switch self {
        case let .duplicateSlug(slug, id, existingID):
            "slug: '\(slug)' of article '\(id)' is already used by article '\(existingID)'"
        case let .invalid(id, field, message): "\(field): \(message) (article '\(id)')"
        case let .notFound(id): "no article with id '\(id)'"
        }
    }
}

/// Storage of articles and their revisions. `SQLiteStore` keeps them in a file;
/// `InMemoryArticleStore` keeps them in memory with the same semantics, for tests.
///
/// Text compares byte for byte in UTF-8, as SQLite does by default: in lookups by id, slug and
/// title, and in every order below.
public protocol ArticleStore: Sendable {
    /// Inserts or replaces by id. An identical article is left untouched; a changed one keeps its
    /// previous version in the revisions and gets the next revision number.
    func upsert(_ article: Article) async throws -> UpsertOutcome
    /// Writes all articles in one transaction: all of them or, on any error, none. With
    /// `skipInvalid` an article the store rejects is reported and left out instead; with `dryRun`
    /// the transaction is rolled back after counting what it would have done.
    func write(_ articles: [Article], skipInvalid: Bool, dryRun: Bool) async throws -> WriteReport
    func article(id: String) async throws -> Article?
    /// Every article's slug by id, to settle the slugs of an import before writing it.
    func slugsByID() async throws -> [String: String]
    func article(slug: String) async throws -> Article?
    /// Published articles of a category in reading order (position, then title, then id).
    func articles(inCategory slug: String, offset: Int, limit: Int) async throws -> ArticlePage
    /// The published articles before and after this one: the titles its source page named when
    /// such articles exist, else its neighbours in the category's reading order.
    func neighbours(of article: Article) async throws -> (previous: ArticleLink?, next: ArticleLink?)
    /// For each excerpt of at least 8 characters (the "..." removed), the published article whose
    /// title, body or summary starts with it, as SQL's `LIKE` matches (ASCII letters in either
    /// case): one whose title does first, then the smallest id; each article once.
    func resolveExcerpts(_ excerpts: [String]) async throws -> [ArticleLink]
    func counts() async throws -> StoreCounts
    /// Published articles, most recently changed first (for the home page and the feed); `byReview`
    /// puts reviewed articles first, latest review first. Ties go by id.
    func recentlyChanged(limit: Int, byReview: Bool) async throws -> [Article]
    /// Articles of one status, most recently changed first, ties by id (the editors' lists).
    func articles(withStatus status: ArticleStatus, limit: Int) async throws -> [Article]
    /// Published articles whose next review was due before `date`, most overdue first, ties by id.
    func reviewsDue(before date: Date, limit: Int) async throws -> [Article]
    /// Every published article's slug and when it last changed, for the sitemap.
    func publishedSlugs() async throws -> [(slug: String, updatedAt: Date)]
    /// Every article, in id order, read in batches so memory stays flat.
    func allArticles() -> AsyncThrowingStream<Article, any Error>
    /// The number of the latest write (0 for none); see `changes(after:limit:)`.
    func latestChange() async throws -> Int
    /// Articles written after write number `sequence`, in the order they were written, whatever
    /// their status, at most `limit` (at least one); `last` is the number to ask after next time.
    /// Every write that changes an article takes the next number, never one taken before.
    func changes(after sequence: Int, limit: Int) async throws -> ChangedArticles
    /// Published articles that `filter` keeps, most recently written first, those written before
    /// write number `before` (nil: from the latest), at most `limit` (at least one).
    func publishedArticles(matching filter: ArticleFilter, before: Int?, limit: Int) async throws -> ArticleListing
    /// Earlier versions of an article, oldest first.
    func revisions(id: String) async throws -> [Article]
    /// Marks an article archived (a new revision); returns false when it does not exist.
    func archive(id: String) async throws -> Bool
    /// Throws when the database cannot answer.
    func checkHealth() async throws
}

/// A page of articles written since some point (see `ArticleStore.changes(after:limit:)`).
public struct ChangedArticles: Sendable {
    public var articles: [Article]
    public var last: Int

    public init(articles: [Article], last: Int) {
        self.articles = articles
        self.last = last
    }
}

import Foundation
import SanaCore

/// Which published articles a listing keeps (the API's `GET /api/v1/articles`). Nil keeps all.
/// Text compares byte for byte, as everywhere in the store.
public struct ArticleFilter: Sendable, Equatable {
    public var category: String?
    public var focus: String?
    public var language: String?
    /// Updated at or after.
    public var updatedSince: Date?
    /// Last reviewed before, or never reviewed (what is due for a look).
    public var reviewedBefore: Date?

    public init(category: String? = nil, focus: String? = nil, language: String? = nil, updatedSince: Date? = nil, reviewedBefore: Date? = nil) {
        self.category = category; self.focus = focus; self.language = language
        self.updatedSince = updatedSince; self.reviewedBefore = reviewedBefore
    }

    func keeps(_ a: Article) -> Bool {
        a.status == .published
            && category.map { BinaryText($0) == BinaryText(a.category.slug) } ?? true
            && focus.map { f in a.focus.map { BinaryText($0) == BinaryText(f) } ?? false } ?? true
            && language.map { BinaryText($0) == BinaryText(a.language) } ?? true
            && updatedSince.map { a.updatedAt >= $0 } ?? true
            && reviewedBefore.map { d in a.reviewedAt.map { $0 < d } ?? true } ?? true
    }
}

/// A page of a listing, most recently written first (by write number, so the order is total and
/// a page boundary never moves). `next`: the position to ask after for the next page, nil on the last.
public struct ArticleListing: Sendable {
    public var articles: [Article]
    public var next: Int?

    public init(articles: [Article], next: Int?) {
        self.articles = articles
        self.next = next
    }
}

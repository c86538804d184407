import Foundation
import SanaCore

/// Where one revision stands in review. Only the latest revision of an article moves:
/// draft → submitted → approved → published, or submitted → rejected (fixed by a new draft).
public enum RevisionState: String, Sendable, CaseIterable, Codable {
    case draft, submitted, approved, rejected, published
}

/// One editor save of an article: the whole article as written, who wrote it, and its review.
public struct EditorialRevision: Sendable, Equatable {
    public var articleID: String
    public var number: Int
    public var article: Article
    public var author: String
    public var createdAt: Date
    public var state: RevisionState
    public var comment: String?
    public var reviewer: String?
    public var reviewedAt: Date?
    public var nextReviewDue: Date?
}

/// A workflow step the store refused.
public enum RevisionError: Error, Equatable, CustomStringConvertible {
    /// The form named revision `expected` in one of `allowed`, but the latest is `latest` in `state`.
    case wrongState(expected: Int, latest: Int, state: RevisionState?, allowed: [RevisionState])
    /// A reviewer tried to sign off their own writing.
    case ownWriting(author: String)
    case noSuchRevision(Int)

    public var description: String {
        switch self {
        case let .wrongState(expected, latest, state, allowed):
            if expected != latest {
                return "This form was for revision \(expected), but the article is now at revision \(latest). Reload the history and try again."
            }
            let states = allowed.map(\.rawValue).joined(separator: " or ")
            return "Revision \(latest) is \(state?.rawValue ?? "missing"); this needs a revision that is \(states)."
        case let .ownWriting(author): return "This revision was written by \(author): a reviewer cannot sign off their own writing. Another reviewer must do it."
        case let .noSuchRevision(n): return "There is no revision \(n) of this article."
        }
    }
}

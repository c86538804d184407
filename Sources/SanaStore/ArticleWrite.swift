import Foundation
import SanaCore

/// What writing one article does to a store, decided in one place so that every store accepts,
/// rejects, numbers and dates articles alike. A store looks up what it holds, asks for the
/// write, then carries it out.
enum ArticleWrite {
    /// A new article, stored with at least revision 1.
    case add(Article)
    /// The same content in the same place: nothing is written.
    case unchanged
    /// The same content at another position in its category: only the position changes.
    case reposition(Int)
    /// Changed content: `previous` goes to the revisions, saved at `savedAt`.
    case revise(Article, previous: Article, savedAt: Date)

    /// - Parameters:
    ///   - existing: the stored article with the incoming article's id, if any.
    ///   - slugOwner: the id of the stored article using the incoming article's slug, if any.
    init(_ incoming: Article, existing: Article?, slugOwner: String?, now: () -> Date) throws {
        try Self.validate(incoming)
        // Ids compare byte for byte, as SQLite's primary key does.
        if let slugOwner, !slugOwner.utf8.elementsEqual(incoming.id.utf8) {
            throw StoreError.duplicateSlug(slug: incoming.slug, id: incoming.id, existingID: slugOwner)
        }
        guard let existing else {
            var fresh = incoming
            fresh.revision = max(1, incoming.revision)
            self = .add(fresh)
            return
        }
        if existing.hasSameContent(as: incoming) {
            self = existing.position == incoming.position ? .unchanged : .reposition(incoming.position)
            return
        }
        let (revision, overflow) = existing.revision.addingReportingOverflow(1)
        if overflow {
            throw StoreError.invalid(id: incoming.id, field: "revision", message: "\(existing.revision) is the last revision number; it cannot change again")
        }
        let time = now()
        var next = incoming
        next.revision = revision
        next.createdAt = existing.createdAt
        if next.updatedAt <= existing.updatedAt { next.updatedAt = time }
        self = .revise(next, previous: existing, savedAt: time)
    }

    var outcome: UpsertOutcome {
        switch self {
        case .add: .added
        case .unchanged: .unchanged
        case .reposition, .revise: .updated
        }
    }

    static func validate(_ a: Article) throws {
        if a.id.isEmpty { throw StoreError.invalid(id: a.id, field: "id", message: "must not be empty") }
        // SQLite binds text up to the first NUL: "a\u{0}x" would be stored as "a".
        if let (field, c) = a.firstControlCharacter() {
            throw StoreError.invalid(id: ControlCharacters.escaped(a.id), field: field, message: "contains control character \(ControlCharacters.name(c))")
        }
        if let field = a.firstCombiningMarkFlood() {
            throw StoreError.invalid(id: ControlCharacters.escaped(a.id), field: field,
                                     message: "has more than \(CombiningMarks.maxRun) combining marks in a row")
        }
        if !Slug.isValid(a.slug) { throw StoreError.invalid(id: a.id, field: "slug", message: "'\(a.slug)' is not a URL-safe slug") }
        if a.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw StoreError.invalid(id: a.id, field: "title", message: "must not be empty") }
    }
}

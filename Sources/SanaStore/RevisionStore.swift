import Foundation
import GRDB
import SanaCore

/// The review workflow's revisions (`editorial_revision`), in the accounts' SQLite database.
///
/// A type of its own, like `AccountStore`, rather than more of `ArticleStore`: it has one
/// implementation (the editorial side needs accounts, which only SQLite keeps), so its tests run
/// the SQL production runs. `ArticleStore` stays what the public site reads: the `article` row
/// changes only when a revision is published. Each step checks the state and writes its audit
/// entry in one transaction, so two reviewers cannot both act on the same revision.
public struct RevisionStore: Sendable {
    let writer: any DatabaseWriter
    let now: @Sendable () -> Date

    /// The revisions kept in the same database as these accounts.
    public init(sharingDatabaseOf accounts: AccountStore) {
        writer = accounts.writer
        now = accounts.now
    }

    /// Every revision of an article, oldest first.
    public func revisions(articleID: String) async throws -> [EditorialRevision] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM editorial_revision WHERE article_id = ? ORDER BY number", arguments: [articleID]).map(Self.revision(from:))
        }
    }

    public func revision(articleID: String, number: Int) async throws -> EditorialRevision? {
        try await writer.read { db in try Self.fetch(articleID, number, db) }
    }

    public func latest(articleID: String) async throws -> EditorialRevision? {
        try await writer.read { db in try Self.latest(articleID, db) }
    }

    /// Saves `article` as a new draft revision, provided the latest is still `expected` (0: none).
    /// An article with no revisions yet (imported, or drafted before reviews existed) first gets
    /// `seed`, its stored version, as revision 1, so history starts from what the public saw.
    @discardableResult
    public func saveDraft(_ article: Article, author: String, expected: Int, seed: Article? = nil) async throws -> EditorialRevision {
        try ArticleWrite.validate(article)
        let created = now()
        return try await writer.write { db in
            var latest = try Self.latest(article.id, db)
            let found = latest?.number ?? 0
            guard found == expected else { throw RevisionError.wrongState(expected: expected, latest: found, state: latest?.state, allowed: [.draft]) }
            if latest == nil, let seed { latest = try Self.insertSeed(seed, db) }
            let next = EditorialRevision(articleID: article.id, number: (latest?.number ?? 0) + 1, article: article, author: author,
                                         createdAt: created, state: .draft)
            try Self.insert(next, db)
            return next
        }
    }

    /// Gives an article with no revisions yet its stored version as revision 1 (see `saveDraft`);
    /// nothing when it has revisions. An article imported as `in_review` starts submitted, so
    /// reviewers can approve or reject it like any other.
    public func seedIfEmpty(_ seed: Article) async throws {
        try await writer.write { db in
            if try Self.latest(seed.id, db) == nil { _ = try Self.insertSeed(seed, db) }
        }
    }

    private static func insertSeed(_ seed: Article, _ db: Database) throws -> EditorialRevision {
        let state: RevisionState = switch seed.status {
        case .published: .published
        case .inReview: .submitted
        case .draft, .archived: .draft
        }
        // A published seed was written and signed off before the editor existed: it names its
        // reviewer; anything else was written by the import, not by any account.
        let author = seed.status == .published ? seed.reviewer ?? "import" : "import"
        let first = EditorialRevision(articleID: seed.id, number: 1, article: seed, author: author, createdAt: seed.updatedAt,
                                      state: state, reviewer: seed.status == .published ? seed.reviewer : nil,
                                      reviewedAt: seed.status == .published ? seed.reviewedAt : nil, nextReviewDue: seed.nextReviewDue)
        try insert(first, db)
        return first
    }

    /// A review decision or step on the latest revision, which must be `number` and in one of
    /// `from`. `signOff`: the actor is reviewing, and may not be its author.
    @discardableResult
    public func move(articleID: String, number: Int, from: [RevisionState], to: RevisionState, actor: String, signOff: Bool = false,
                     comment: String? = nil, nextReviewDue: Date? = nil) async throws -> EditorialRevision {
        let at = now()
        return try await writer.write { db in
            let latest = try Self.latest(articleID, db)
            if signOff, let latest, latest.number == number, try Self.wrote(actor, articleID, since: number, db) { throw RevisionError.ownWriting(author: actor) }
            guard var revision = latest, revision.number == number, from.contains(revision.state) else {
                throw RevisionError.wrongState(expected: number, latest: latest?.number ?? 0, state: latest?.state, allowed: from)
            }
            let before = revision.state
            revision.state = to
            if signOff {
                revision.reviewer = actor; revision.reviewedAt = at; revision.comment = comment
                revision.nextReviewDue = to == .approved ? nextReviewDue : nil
            }
            try db.execute(sql: """
                UPDATE editorial_revision SET state = ?, review_comment = ?, reviewer = ?, reviewed_at = ?, next_review_due = ?
                WHERE article_id = ? AND number = ?
                """, arguments: [to.rawValue, revision.comment, revision.reviewer, revision.reviewedAt, revision.nextReviewDue, articleID, number])
            // Publishing moves the public article from the last published revision to this one.
            var published: Int?
            if to == .published {
                published = try Int.fetchOne(db, sql: """
                    SELECT MAX(number) FROM editorial_revision WHERE article_id = ? AND number < ? AND state = 'published'
                    """, arguments: [articleID, number])
            }
            try AccountStore.append(AuditEntry(at: at, actor: actor, action: "revision.\(to.rawValue)", articleID: articleID,
                                               fromRevision: published ?? number, toRevision: number,
                                               detail: "\(before.rawValue) → \(to.rawValue)" + (comment.map { ": \($0)" } ?? "")), db)
            return revision
        }
    }

    /// Whether signing off revision `number` would be `actor` reviewing their own writing.
    public func isOwnWriting(_ actor: String, articleID: String, number: Int) async throws -> Bool {
        try await writer.read { db in try Self.wrote(actor, articleID, since: number, db) }
    }

    /// The latest revisions in `state`, oldest first, leaving out those `author` wrote (the
    /// reviewers' "waiting for my review", the editors' "ready to publish").
    public func latestRevisions(in state: RevisionState, notWrittenBy author: String? = nil, limit: Int) async throws -> [EditorialRevision] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.* FROM editorial_revision r WHERE r.state = ? AND r.author IS NOT ?
                  AND r.number = (SELECT MAX(number) FROM editorial_revision WHERE article_id = r.article_id)
                ORDER BY r.created_at, r.article_id LIMIT ?
                """, arguments: [state.rawValue, author, max(0, limit)]).map(Self.revision(from:))
        }
    }

    // MARK: Rows

    /// Whether `actor` wrote `number` or any revision it builds on since the last published one:
    /// a reviewer's small edit to someone else's draft still makes it their own writing.
    static func wrote(_ actor: String, _ articleID: String, since number: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM editorial_revision WHERE article_id = ? AND author = ? AND number <= ?
              AND number > COALESCE((SELECT MAX(number) FROM editorial_revision WHERE article_id = ? AND number < ? AND state = 'published'), 0))
            """, arguments: [articleID, actor, number, articleID, number]) ?? false
    }

    static func latest(_ articleID: String, _ db: Database) throws -> EditorialRevision? {
        try Row.fetchOne(db, sql: "SELECT * FROM editorial_revision WHERE article_id = ? ORDER BY number DESC LIMIT 1", arguments: [articleID]).map(revision(from:))
    }

    static func fetch(_ articleID: String, _ number: Int, _ db: Database) throws -> EditorialRevision? {
        try Row.fetchOne(db, sql: "SELECT * FROM editorial_revision WHERE article_id = ? AND number = ?", arguments: [articleID, number]).map(revision(from:))
    }

    static func insert(_ r: EditorialRevision, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO editorial_revision (article_id, number, document, author, created_at, state, review_comment, reviewer, reviewed_at, next_review_due)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.articleID, r.number, try RevisionDocument.encode(r.article), r.author, r.createdAt, r.state.rawValue,
                             r.comment, r.reviewer, r.reviewedAt, r.nextReviewDue])
    }

    static func revision(from row: Row) throws -> EditorialRevision {
        EditorialRevision(articleID: row["article_id"], number: row["number"], article: try RevisionDocument.decode(row["document"]),
                          author: row["author"], createdAt: row["created_at"], state: RevisionState(rawValue: row["state"]) ?? .draft,
                          comment: row["review_comment"], reviewer: row["reviewer"], reviewedAt: row["reviewed_at"], nextReviewDue: row["next_review_due"])
    }
}

import Foundation
import SanaCore
import SanaStore

/// The workflow's writes that the editor's forms and the API's operations share, so both follow
/// one set of rules: a new draft, a saved revision, publishing the approved revision onto the
/// public row, archiving. Each checks nothing about who asks (the routes do) and leaves the audit
/// entry of its step to the caller, except where the store writes it in the same transaction.
struct EditorialActions<Store: ArticleStore>: Sendable {
    let store: Store
    let settings: EditorSettings

    /// A never-published article: kept as an article with status draft (never shown) and as
    /// its first draft revision.
    func createDraft(title: String, category: String, summary: String, body: String, author: String,
                     focus: String? = nil, language: String = "en") async throws -> (Article, EditorialRevision) {
        let id = "ed-" + UUID().uuidString.lowercased()
        var slug = Slug.make(from: title, fallback: id)
        if try await store.article(slug: slug) != nil { slug += "-" + id.dropFirst(3).prefix(8) }
        let draft = Article(id: id, slug: slug, title: title, summary: summary, body: body, category: Category(name: category),
                            focus: focus, language: language, status: .draft, createdAt: settings.now())
        _ = try await store.upsert(draft)
        let revision = try await settings.revisions.saveDraft(draft, author: author, expected: 0)
        try await settings.accounts.appendAudit(AuditEntry(at: draft.createdAt, actor: author, action: "draft.create", articleID: id, toRevision: 1))
        return (draft, revision)
    }

    /// Saves `content` as the next draft revision of `stored`, provided the latest is still
    /// `expected`. The public row follows only while the article has never been published.
    func saveRevision(_ content: Article, of stored: Article, author: String, expected: Int) async throws -> EditorialRevision {
        var content = content
        content.id = stored.id; content.slug = stored.slug; content.createdAt = stored.createdAt; content.position = stored.position
        content.updatedAt = settings.now()
        content.status = stored.status == .published ? .published : .draft
        let saved = try await settings.revisions.saveDraft(content, author: author, expected: expected, seed: stored)
        if stored.status != .published {
            content.revision = stored.revision
            _ = try await store.upsert(content)
        }
        return saved
    }

    /// Puts approved revision `number` on the public row, with its reviewer and review dates; the
    /// change feed then carries it to the search index. The public row is written before the
    /// revision is marked published: if that write fails the revision stays approved and
    /// publishing again retries, instead of a revision marked published that the public never saw.
    func publish(_ stored: Article, number: Int, actor: String) async throws -> EditorialRevision {
        // Only the latest revision, approved: a stale approved one (a later draft superseded it)
        // must not reach the public page before `move` refuses it below.
        if let approved = try await settings.revisions.latest(articleID: stored.id), approved.number == number, approved.state == .approved {
            var article = approved.article
            article.id = stored.id; article.slug = stored.slug; article.createdAt = stored.createdAt; article.position = stored.position
            article.revision = stored.revision; article.status = .published; article.updatedAt = settings.now()
            article.reviewer = approved.reviewer; article.reviewedAt = approved.reviewedAt; article.nextReviewDue = approved.nextReviewDue
            _ = try await store.upsert(article)
        }
        // Any other state is refused here, with the state named.
        return try await settings.revisions.move(articleID: stored.id, number: number, from: [.approved], to: .published, actor: actor)
    }

    /// Takes a published article off the site (a new row revision), audited; false when it is
    /// not published.
    func archive(_ stored: Article, actor: String) async throws -> Bool {
        guard stored.status == .published else { return false }
        _ = try await store.archive(id: stored.id)
        let archived = try await store.article(id: stored.id)
        try await settings.accounts.appendAudit(AuditEntry(at: settings.now(), actor: actor, action: "article.archive", articleID: stored.id,
                                                           fromRevision: stored.revision, toRevision: archived?.revision))
        return true
    }
}

import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// The review steps, each a POST from the history page naming the revision it was shown
/// (`revision`): writers submit, reviewers approve or reject (never their own writing),
/// editors publish the approved revision and archive. A step on anything but the latest revision
/// in the right state is 409; the store checks and audits each step in one transaction.
extension EditorRoutes {
    func submit(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let article = try await editableArticle(context)
        return try await step(context, article) { number in
            try await settings.revisions.move(articleID: article.id, number: number, from: [.draft], to: .submitted, actor: session.user.name)
        }
    }

    func approve(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let article = try await editableArticle(context)
        let now = settings.now()
        var due = Self.utcCalendar.date(byAdding: .year, value: 1, to: now) ?? now
        if let text = context.form["next_review_due"], !text.isEmpty {
            guard let date = Self.day(text), date > now else {
                return refusal(.unprocessableContent, "Next review due: give a future date as YYYY-MM-DD, or leave it empty for one year from today.", context)
            }
            due = date
        }
        let comment = Self.trimmed(context.form["comment"])
        try await seedImportedReview(article)
        return try await step(context, article) { number in
            try await settings.revisions.move(articleID: article.id, number: number, from: [.submitted], to: .approved, actor: session.user.name,
                                              signOff: true, comment: comment, nextReviewDue: due)
        }
    }

    func reject(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let article = try await editableArticle(context)
        let comment = Self.trimmed(context.form["comment"])
        try await seedImportedReview(article)
        if comment == nil, let latest = try await settings.revisions.latest(articleID: article.id),
           latest.number == Self.formRevision(context), latest.state == .submitted, latest.author != session.user.name {
            return refusal(.unprocessableContent, "Comment: say what must change; a rejection needs a comment.", context)
        }
        return try await step(context, article) { number in
            try await settings.revisions.move(articleID: article.id, number: number, from: [.submitted], to: .rejected, actor: session.user.name,
                                              signOff: true, comment: comment)
        }
    }

    /// Puts the approved revision on the public row, with its reviewer and review dates; the
    /// change feed then carries it to the search index. The public row is written before the
    /// revision is marked published: if that write fails the revision stays approved and
    /// publishing again retries, instead of a revision marked published that the public never saw.
    func publish(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await editableArticle(context)
        return try await step(context, stored) { number in
            // Only the latest revision, approved: a stale approved one (a later draft superseded it) is refused below.
            if let approved = try await settings.revisions.latest(articleID: stored.id), approved.number == number, approved.state == .approved {
                var article = approved.article
                article.id = stored.id; article.slug = stored.slug; article.createdAt = stored.createdAt; article.position = stored.position
                article.revision = stored.revision; article.status = .published; article.updatedAt = settings.now()
                article.reviewer = approved.reviewer; article.reviewedAt = approved.reviewedAt; article.nextReviewDue = approved.nextReviewDue
                _ = try await store.upsert(article)
            }
            // Any other state is refused here, with the state named (409).
            return try await settings.revisions.move(articleID: stored.id, number: number, from: [.approved], to: .published, actor: session.user.name)
        }
    }

    func archive(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await editableArticle(context)
        guard stored.status == .published else {
            return refusal(.conflict, "Only a published article can be archived; this one is \(stored.status.rawValue).", context)
        }
        _ = try await store.archive(id: stored.id)
        let archived = try await store.article(id: stored.id)
        try await settings.accounts.appendAudit(AuditEntry(at: settings.now(), actor: session.user.name, action: "article.archive", articleID: stored.id,
                                                           fromRevision: stored.revision, toRevision: archived?.revision))
        return Self.redirect(to: EditorPath.dashboard)
    }

    /// An earlier revision's text becomes the next draft revision; `latest` guards against a
    /// page opened before someone else saved.
    func restore(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await editableArticle(context)
        guard let earlier = try await settings.revisions.revision(articleID: stored.id, number: Self.formRevision(context)) else {
            return refusal(.conflict, RevisionError.noSuchRevision(Self.formRevision(context)).description, context)
        }
        let expected = context.form["latest"].flatMap { Int($0) } ?? -1
        do {
            let saved = try await saveRevision(earlier.article, of: stored, author: session.user.name, expected: expected)
            try await settings.accounts.appendAudit(AuditEntry(at: saved.createdAt, actor: session.user.name, action: "draft.restore", articleID: stored.id,
                                                               fromRevision: earlier.number, toRevision: saved.number))
        } catch let error as RevisionError {
            return refusal(.conflict, error.description, context)
        }
        return Self.redirect(to: EditorPath.history(id: stored.id))
    }

    /// An article imported as `in_review` has no revisions until the editor first touches it:
    /// its stored version becomes revision 1, submitted, so it is reviewed like any other.
    func seedImportedReview(_ article: Article) async throws {
        if article.status == .inReview { try await settings.revisions.seedIfEmpty(article) }
    }

    /// Runs one step on the revision the form names; a refusal becomes its page.
    private func step(_ context: EditorRequestContext, _ article: Article,
                      _ body: (Int) async throws -> EditorialRevision) async throws -> Response {
        do {
            _ = try await body(Self.formRevision(context))
        } catch let error as RevisionError {
            if case .ownWriting = error { return refusal(.forbidden, error.description, context) }
            return refusal(.conflict, error.description, context)
        }
        return Self.redirect(to: EditorPath.history(id: article.id))
    }

    func refusal(_ status: HTTPResponse.Status, _ message: String, _ context: EditorRequestContext) -> Response {
        var ctx = renderer.editorBase(title: status.reasonPhrase, session: context.identity)
        ctx["message"] = message
        return page(renderer.render("editor-error", ctx), status: status)
    }

    static func formRevision(_ context: EditorRequestContext) -> Int { context.form["revision"].flatMap { Int($0) } ?? 0 }

    static func trimmed(_ text: String?) -> String? {
        let t = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return t.isEmpty ? nil : t
    }

    static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// A YYYY-MM-DD day at midnight UTC.
    static func day(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day().parse(text)
    }
}

import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// `GET /editor`: what needs the signed-in person's attention. Their drafts (articles the audit
/// log says they created or edited whose latest revision is a draft or was rejected), for
/// reviewers the submitted revisions they did not write, for editors the approved ones ready to
/// publish, for writers the searches that found nothing (the backlog), and published articles
/// past their review date.
extension EditorRoutes {
    static var listLimit: Int { 50 }

    func dashboard(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        // What the audit log says I wrote, latest first; those still drafts are my drafts.
        let written = try await settings.accounts.articleIDs(touchedBy: session.user.name, actionPrefix: "draft.")
        let mine = Set(written)
        var drafts: [Article] = []
        for id in written where drafts.count < Self.listLimit {
            guard let article = try await store.article(id: id), article.status != .archived else { continue }
            if let latest = try await settings.revisions.latest(articleID: id) {
                if latest.state == .draft || latest.state == .rejected { drafts.append(latest.article) }
            } else if article.status == .draft {
                drafts.append(article)
            }
        }
        var ctx = renderer.editorBase(title: "Dashboard", session: session)
        ctx["drafts"] = drafts.map { item($0, date: $0.updatedAt, link: EditorPath.draft(id: $0.id)) }
        ctx["isWriter"] = session.user.role == .writer
        ctx["newDraftURL"] = EditorPath.newDraft
        // The audit log is an admin's only screen: without this link it was reachable by typing its address.
        if session.user.role == .admin { ctx["auditURL"] = EditorPath.audit }
        ctx["hasDrafts"] = !drafts.isEmpty
        if session.user.role == .reviewer {
            // Latest revisions submitted by someone else: a reviewer never signs off their own writing.
            let waiting = try await settings.revisions.latestRevisions(in: .submitted, notWrittenBy: session.user.name, limit: Self.listLimit)
                .filter { !mine.contains($0.articleID) }
            var items = waiting.map { item($0.article, date: $0.createdAt, link: EditorPath.history(id: $0.articleID)) }
            // Imported as in_review: waiting too, though the editor has no revision of it yet
            // (its history page makes the stored version revision 1, submitted).
            for article in try await store.articles(withStatus: .inReview, limit: Self.listLimit) where items.count < Self.listLimit {
                if try await settings.revisions.latest(articleID: article.id) == nil {
                    items.append(item(article, date: article.updatedAt, link: EditorPath.history(id: article.id)))
                }
            }
            ctx["isReviewer"] = true
            ctx["waiting"] = items
            ctx["hasWaiting"] = !items.isEmpty
        }
        if session.user.role == .editor {
            let ready = try await settings.revisions.latestRevisions(in: .approved, limit: Self.listLimit)
            ctx["isEditor"] = true
            ctx["ready"] = ready.map { item($0.article, date: $0.reviewedAt ?? $0.createdAt, link: EditorPath.history(id: $0.articleID)) }
            ctx["hasReady"] = !ready.isEmpty
        }
        if session.user.role == .writer {
            let asked = try await settings.backlog.mostAsked(days: Self.backlogDays, today: settings.now(), limit: Self.backlogDashboardLimit)
            ctx["hasBacklog"] = !asked.isEmpty
            ctx["backlog"] = backlogItems(asked, canDraft: true)
            ctx["backlogURL"] = EditorPath.backlog
        }
        let due = try await store.reviewsDue(before: settings.now(), limit: Self.listLimit)
        ctx["hasDue"] = !due.isEmpty
        ctx["due"] = due.map { item($0, date: $0.nextReviewDue ?? $0.updatedAt, link: SitePath.article(slug: $0.slug).href) }
        return page(renderer.render("editor-dashboard", ctx))
    }

    private func item(_ article: Article, date: Date, link: String? = nil) -> [String: Any] {
        var item: [String: Any] = ["title": article.title, "id": article.id, "date": PageRenderer.dayFormat(date)]
        if let link { item["url"] = link }
        return item
    }
}

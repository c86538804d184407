import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// `GET /editor`: what needs the signed-in person's attention. Their drafts (articles the audit
/// log says they created or edited that are still drafts), for reviewers the articles waiting
/// for review that they did not write, and published articles past their review date.
extension EditorRoutes {
    static var listLimit: Int { 50 }

    func dashboard(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        // What the audit log says I wrote, latest first; those still drafts are my drafts.
        let written = try await settings.accounts.articleIDs(touchedBy: session.user.name, actionPrefix: "draft.")
        let mine = Set(written)
        var drafts: [Article] = []
        for id in written where drafts.count < Self.listLimit {
            if let article = try await store.article(id: id), article.status == .draft { drafts.append(article) }
        }
        var ctx = renderer.editorBase(title: "Dashboard", session: session)
        ctx["drafts"] = drafts.map { item($0, date: $0.updatedAt, link: EditorPath.draft(id: $0.id)) }
        ctx["isWriter"] = session.user.role == .writer
        ctx["newDraftURL"] = EditorPath.newDraft
        ctx["hasDrafts"] = !drafts.isEmpty
        if session.user.role == .reviewer {
            let waiting = try await store.articles(withStatus: .inReview, limit: Self.listLimit).filter { !mine.contains($0.id) }
            ctx["isReviewer"] = true
            ctx["waiting"] = waiting.map { item($0, date: $0.updatedAt) }
            ctx["hasWaiting"] = !waiting.isEmpty
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

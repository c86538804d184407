import Foundation
import Hummingbird
import SanaStore

/// `GET /editor/backlog`: the searches that found nothing, or nothing good, in the last 30
/// days, most asked first (`SearchBacklog`); a writer can start a draft from each, its title
/// filled in. The dashboard shows writers the first few.
extension EditorRoutes {
    static var backlogDays: Int { 30 }
    static var backlogPageLimit: Int { 200 }
    static var backlogDashboardLimit: Int { 10 }

    func backlog(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let entries = try await settings.backlog.mostAsked(days: Self.backlogDays, today: settings.now(), limit: Self.backlogPageLimit)
        var ctx = renderer.editorBase(title: "Unanswered searches", session: session)
        ctx["days"] = String(Self.backlogDays)
        ctx["hasEntries"] = !entries.isEmpty
        ctx["entries"] = backlogItems(entries, canDraft: session.user.role == .writer)
        return page(renderer.render("editor-backlog", ctx))
    }

    /// Entries as the templates list them; `canDraft`: with the link that starts a draft.
    func backlogItems(_ entries: [BacklogEntry], canDraft: Bool) -> [[String: Any]] {
        entries.map { entry in
            var item: [String: Any] = ["question": entry.question, "count": String(entry.count), "lastDay": entry.lastDay, "reason": entry.reason.label]
            if canDraft { item["draftURL"] = EditorPath.newDraft(title: Self.draftTitle(entry.question)) }
            return item
        }
    }

    /// A normalised question as a title: capitalised, ending in a question mark.
    static func draftTitle(_ question: String) -> String {
        guard let first = question.first else { return question }
        return first.uppercased() + question.dropFirst() + "?"
    }
}

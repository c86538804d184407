import Foundation
import Hummingbird
import SanaStore

/// `GET /editor/audit` (admins): the latest changes, newest first.
extension EditorRoutes {
    func auditLog(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let entries = try await settings.accounts.auditLog(limit: 200)
        var ctx = renderer.editorBase(title: "Audit log", session: context.identity)
        ctx["hasEntries"] = !entries.isEmpty
        ctx["entries"] = entries.map { entry -> [String: Any] in
            var row: [String: Any] = ["at": entry.at.formatted(.iso8601), "actor": entry.actor, "action": entry.action, "detail": entry.detail]
            if let id = entry.articleID { row["article"] = id }
            row["revisions"] = [entry.fromRevision.map { "r\($0)" }, entry.toRevision.map { "r\($0)" }].compactMap { $0 }.joined(separator: " → ")
            return row
        }
        return page(renderer.render("editor-audit", ctx))
    }
}

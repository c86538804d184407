import Foundation
import Hummingbird
import SanaStore

/// Every route of the editorial side, with the roles that may use it: the one table both the
/// router (`EditorRoutes.addRoutes`) and the authorisation tests read, so a route cannot be
/// added without saying who may use it.
struct EditorRoute: Sendable, CustomStringConvertible {
    enum Action: Sendable {
        case signInForm, signIn, signOut, dashboard, newDraftForm, createDraft, editDraftForm, saveDraft, preview, backlog, auditLog
        case history, diff, submit, approve, reject, publish, archive, restore
        case tokens, addToken, revokeToken
    }

    var method: HTTPRequest.Method
    var path: String
    /// Who may use it; nil: anyone, signed in or not (the sign-in form).
    var roles: Set<EditorRole>?
    var action: Action
    /// The largest form body a POST may send: a name and a password, or a whole article.
    var maxFormBytes = 16_384

    var description: String { "\(method) \(path)" }

    static let everyone = Set(EditorRole.allCases)
    /// An article body may hold 1 MB; percent-encoded, up to three times that.
    static let articleFormBytes = 4 * 1_048_576

    static let table: [EditorRoute] = [
        EditorRoute(method: .get, path: EditorPath.signIn, roles: nil, action: .signInForm),
        EditorRoute(method: .post, path: EditorPath.signIn, roles: nil, action: .signIn),
        EditorRoute(method: .post, path: EditorPath.signOut, roles: everyone, action: .signOut),
        EditorRoute(method: .get, path: EditorPath.dashboard, roles: everyone, action: .dashboard),
        EditorRoute(method: .get, path: EditorPath.newDraft, roles: [.writer], action: .newDraftForm),
        EditorRoute(method: .post, path: EditorPath.drafts, roles: [.writer], action: .createDraft, maxFormBytes: articleFormBytes),
        EditorRoute(method: .get, path: EditorPath.draft(id: ":id"), roles: [.writer], action: .editDraftForm),
        EditorRoute(method: .post, path: EditorPath.draft(id: ":id"), roles: [.writer], action: .saveDraft, maxFormBytes: articleFormBytes),
        EditorRoute(method: .post, path: EditorPath.preview, roles: [.writer], action: .preview, maxFormBytes: articleFormBytes),
        EditorRoute(method: .get, path: EditorPath.backlog, roles: everyone, action: .backlog),
        EditorRoute(method: .get, path: EditorPath.audit, roles: [.admin], action: .auditLog),
        EditorRoute(method: .get, path: EditorPath.history(id: ":id"), roles: everyone, action: .history),
        EditorRoute(method: .get, path: EditorPath.history(id: ":id", "diff"), roles: everyone, action: .diff),
        EditorRoute(method: .post, path: EditorPath.history(id: ":id", "submit"), roles: [.writer], action: .submit),
        EditorRoute(method: .post, path: EditorPath.history(id: ":id", "approve"), roles: [.reviewer], action: .approve),
        EditorRoute(method: .post, path: EditorPath.history(id: ":id", "reject"), roles: [.reviewer], action: .reject),
        EditorRoute(method: .post, path: EditorPath.history(id: ":id", "publish"), roles: [.editor], action: .publish),
        EditorRoute(method: .post, path: EditorPath.history(id: ":id", "archive"), roles: [.editor], action: .archive),
        EditorRoute(method: .post, path: EditorPath.history(id: ":id", "restore"), roles: [.writer], action: .restore),
        EditorRoute(method: .get, path: EditorPath.tokens, roles: [.admin], action: .tokens),
        EditorRoute(method: .post, path: EditorPath.tokens, roles: [.admin], action: .addToken),
        EditorRoute(method: .post, path: EditorPath.token(id: ":id", "revoke"), roles: [.admin], action: .revokeToken),
    ]
}

/// The editorial side's addresses.
enum EditorPath {
    static let root = "/editor"
    static let dashboard = root
    static let signIn = root + "/sign-in"
    static let signOut = root + "/sign-out"
    static let drafts = root + "/drafts"
    static let newDraft = drafts + "/new"
    static let audit = root + "/audit"
    /// The live preview `editor.js` asks for as a writer types.
    static let preview = root + "/preview"
    static let backlog = root + "/backlog"

    /// The new-draft form with its title filled in (from a question of the backlog).
    static func newDraft(title: String) -> String {
        newDraft + "?title=" + (title.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
    static let tokens = root + "/tokens"

    /// A step on one API token (`revoke`).
    static func token(id: Int64, _ step: String) -> String { tokens + "/\(id)/" + step }
    static func token(id: String, _ step: String) -> String { tokens + "/" + id + "/" + step }

    static let articles = root + "/articles"

    /// A draft's edit page; its id percent-encoded as one path segment.
    static func draft(id: String) -> String { drafts + "/" + segment(id) }

    /// An article's revisions and review steps (`step`: diff, submit, approve, …).
    static func history(id: String, _ step: String? = nil) -> String {
        articles + "/" + segment(id) + (step.map { "/" + $0 } ?? "")
    }

    private static func segment(_ id: String) -> String {
        id == ":id" ? id : id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }
}

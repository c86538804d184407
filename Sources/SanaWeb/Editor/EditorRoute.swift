import Hummingbird
import SanaStore

/// Every route of the editorial side, with the roles that may use it: the one table both the
/// router (`EditorRoutes.addRoutes`) and the authorisation tests read, so a route cannot be
/// added without saying who may use it.
struct EditorRoute: Sendable, CustomStringConvertible {
    enum Action: Sendable { case signInForm, signIn, signOut, dashboard }

    var method: HTTPRequest.Method
    var path: String
    /// Who may use it; nil: anyone, signed in or not (the sign-in form).
    var roles: Set<EditorRole>?
    var action: Action

    var description: String { "\(method) \(path)" }

    static let everyone = Set(EditorRole.allCases)

    static let table: [EditorRoute] = [
        EditorRoute(method: .get, path: EditorPath.signIn, roles: nil, action: .signInForm),
        EditorRoute(method: .post, path: EditorPath.signIn, roles: nil, action: .signIn),
        EditorRoute(method: .post, path: EditorPath.signOut, roles: everyone, action: .signOut),
        EditorRoute(method: .get, path: EditorPath.dashboard, roles: everyone, action: .dashboard),
    ]
}

/// The editorial side's addresses.
enum EditorPath {
    static let root = "/editor"
    static let dashboard = root
    static let signIn = root + "/sign-in"
    static let signOut = root + "/sign-out"
}

import Crypto
import Foundation

/// What an editorial account may do; each route names the roles it admits (no implied order).
public enum EditorRole: String, CaseIterable, Sendable, Codable {
    /// Creates and edits drafts.
    case writer
    /// Medical sign-off: approves or rejects.
    case reviewer
    /// Publishes and archives.
    case editor
    /// Manages users and API tokens.
    case admin
}

/// An editorial account as the rest of Sana sees it: never its password hash.
public struct EditorUser: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: EditorRole
    public var disabled: Bool
    public var createdAt: Date
}

/// A signed-in browser: its user, the CSRF token its forms carry, and its lifetime.
public struct EditorSession: Sendable, Equatable {
    public var user: EditorUser
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastSeenAt: Date
}

/// A session just started: `token` goes into the cookie and is kept nowhere else.
public struct StartedSession: Sendable {
    public var token: String
    public var session: EditorSession
}

/// One line of the audit log: who did what, when, to which article and revision.
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: String
    public var articleID: String?
    public var fromRevision: Int?
    public var toRevision: Int?
    public var detail: String

    public init(at: Date, actor: String, action: String, articleID: String? = nil,
                fromRevision: Int? = nil, toRevision: Int? = nil, detail: String = "") {
        self.at = at; self.actor = actor; self.action = action; self.articleID = articleID
        self.fromRevision = fromRevision; self.toRevision = toRevision; self.detail = detail
    }
}

/// Failed sign-ins within a window, by the name typed and by the client's address.
public struct SignInFailures: Sendable, Equatable {
    public var account: [Date]
    public var address: [Date]
}

/// An account request the store refuses; the message names what is wrong.
public enum AccountError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case invalidRole(String)
    case passwordTooShort(minimum: Int)
    case duplicateName(String)
    case notFound(String)

    public var description: String {
        switch self {
        case let .invalidName(name):
            "name '\(name)': use 1 to 64 letters, digits, '.', '_' or '-'"
        case let .invalidRole(role):
            "role '\(role)': must be one of \(EditorRole.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .passwordTooShort(minimum):
            "password: must be at least \(minimum) characters"
        case let .duplicateName(name): "name '\(name)': an account with this name already exists"
        case let .notFound(name): "name '\(name)': no such account"
        }
    }

    /// Names are what people type to sign in: plain ASCII keeps look-alikes out.
    static func checkName(_ name: String) throws(AccountError) {
        guard (1...64).contains(name.utf8.count),
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) })
        else { throw .invalidName(name) }
    }
}

/// Compares two secrets (CSRF tokens) in time that does not depend on where they differ:
/// swift-crypto compares digests in constant time, and hashing first hides the lengths.
public func secretsMatch(_ a: String, _ b: String) -> Bool {
    SHA256.hash(data: Data(a.utf8)) == SHA256.hash(data: Data(b.utf8))
}

import Foundation
import GRDB

/// What an API token may do beyond reading published content.
public enum APIScope: String, CaseIterable, Sendable, Codable {
    case readDrafts = "read-drafts", write, review, publish, admin

    /// The scopes an account of `role` may hold: a token never does more than its owner may do
    /// in the editor (every role reads drafts; writing, review, publishing and administration
    /// are each one role's).
    public static func allowed(for role: EditorRole) -> Set<APIScope> {
        switch role {
        case .writer: [.readDrafts, .write]
        case .reviewer: [.readDrafts, .review]
        case .editor: [.readDrafts, .publish]
        case .admin: [.readDrafts, .admin]
        }
    }
}

/// An API token as Sana keeps it: never the token itself.
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The account the token acts for: what it writes is that account's writing.
    public var owner: String
    public var scopes: Set<APIScope>
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public func isLive(at date: Date) -> Bool { revokedAt == nil && expiresAt > date }
}

/// A token just made: `secret` is shown once and kept nowhere.
public struct IssuedToken: Sendable {
    public var secret: String
    public var token: APIToken
}

public enum APITokenError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case duplicateName(String)
    case noScopes
    case invalidExpiry
    case noOwner(String)
    case beyondOwnersRole(owner: String, role: EditorRole, scopes: Set<APIScope>)
    case notFound(Int64)

    public var description: String {
        switch self {
        case let .invalidName(name): "name '\(name)': use 1 to 64 letters, digits, '.', '_' or '-'"
        case let .duplicateName(name): "name '\(name)': a token with this name already exists"
        case .noScopes: "scope: give at least one of \(APIScope.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidExpiry: "expires-days: must be from 1 to 3650"
        case let .noOwner(name): "owner '\(name)': no such account, or it is disabled"
        case let .beyondOwnersRole(owner, role, scopes):
            "scope: \(owner)'s role is \(role.rawValue), which may not hold \(APITokenStore.text(scopes)) "
                + "(a \(role.rawValue)'s token may hold \(APITokenStore.text(APIScope.allowed(for: role))))"
        case let .notFound(id): "no token with id \(id)"
        }
    }
}

/// API tokens (`api_token`), in the accounts' SQLite database, shaped like `AccountStore`:
/// random 32 bytes shown once as `sana_` + base64url, stored as their SHA-256; scoped, expiring,
/// revocable, their last use recorded at most once a minute so reads do not write on every request.
/// Creation and revocation go to the audit log in the same transaction.
public struct APITokenStore: Sendable {
    public static let prefix = "sana_"
    public static let defaultLifetimeDays = 90
    let writer: any DatabaseWriter
    let now: @Sendable () -> Date

    public init(sharingDatabaseOf accounts: AccountStore) {
        writer = accounts.writer
        now = accounts.now
    }

    public func add(name: String, scopes: Set<APIScope>, owner: String, expiresInDays days: Int = defaultLifetimeDays, by actor: String) async throws -> IssuedToken {
        do { try AccountError.checkName(name) } catch { throw APITokenError.invalidName(name) }
        guard !scopes.isEmpty else { throw APITokenError.noScopes }
        guard (1...3650).contains(days) else { throw APITokenError.invalidExpiry }
        let secret = Self.prefix + AccountStore.randomToken(), created = now()
        let expires = created.addingTimeInterval(Double(days) * 86_400)
        let id: Int64 = try await writer.write { db in
            guard let found = try AccountStore.user(named: owner, db), !found.user.disabled else { throw APITokenError.noOwner(owner) }
            let beyond = scopes.subtracting(APIScope.allowed(for: found.user.role))
            guard beyond.isEmpty else { throw APITokenError.beyondOwnersRole(owner: owner, role: found.user.role, scopes: beyond) }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_token WHERE name = ?)", arguments: [name]) == true {
                throw APITokenError.duplicateName(name)
            }
            try db.execute(sql: """
                INSERT INTO api_token (name, token_hash, owner_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, AccountStore.sessionID(secret), found.user.id, Self.text(scopes), created, expires])
            let id = db.lastInsertedRowID
            try AccountStore.append(AuditEntry(at: created, actor: actor, action: "token.add",
                                               detail: "\(name) (id \(id)) for \(found.user.name): \(Self.text(scopes)), expires \(Self.day(expires))"), db)
            return id
        }
        let token = APIToken(id: id, name: name, owner: owner, scopes: scopes, createdAt: created, expiresAt: expires)
        return IssuedToken(secret: secret, token: token)
    }

    /// Every token, newest first.
    public func tokens() async throws -> [APIToken] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT t.*, u.name AS owner_name FROM api_token t JOIN editor_user u ON u.id = t.owner_id ORDER BY t.id DESC")
                .map(Self.token(from:))
        }
    }

    public func revoke(id: Int64, by actor: String) async throws {
        let at = now()
        try await writer.write { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM api_token WHERE id = ?", arguments: [id]) else { throw APITokenError.notFound(id) }
            try db.execute(sql: "UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", arguments: [at, id])
            try AccountStore.append(AuditEntry(at: at, actor: actor, action: "token.revoke", detail: "\(name) (id \(id))"), db)
        }
    }

    /// The live token `secret` names, or nil: unknown, revoked, expired, or its owner disabled.
    public func authenticate(_ secret: String) async throws -> APIToken? {
        guard secret.hasPrefix(Self.prefix), secret.utf8.count < 100 else { return nil }
        let at = now(), hash = AccountStore.sessionID(secret)
        let found = try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT t.*, u.name AS owner_name, u.role AS owner_role FROM api_token t JOIN editor_user u ON u.id = t.owner_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = 0
                """, arguments: [hash, at]).map { row in
                    // Never more than the owner's role allows now (a token made before a rule or a role changed).
                    var token = Self.token(from: row)
                    token.scopes.formIntersection(APIScope.allowed(for: EditorRole(rawValue: row["owner_role"]) ?? .writer))
                    return token
                }
        }
        guard var token = found else { return nil }
        if token.lastUsedAt.map({ at.timeIntervalSince($0) >= 60 }) ?? true {
            let id = token.id
            try await writer.write { db in try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [at, id]) }
            token.lastUsedAt = at
        }
        return token
    }

    /// Scopes in their fixed order, space-separated.
    public static func text(_ scopes: Set<APIScope>) -> String { APIScope.allCases.filter(scopes.contains).map(\.rawValue).joined(separator: " ") }

    static func day(_ date: Date) -> String { date.formatted(.iso8601.year().month().day()) }

    static func token(from row: Row) -> APIToken {
        let scopes = Set((row["scopes"] as String).split(separator: " ").compactMap { APIScope(rawValue: String($0)) })
        return APIToken(id: row["id"], name: row["name"], owner: row["owner_name"], scopes: scopes, createdAt: row["created_at"],
                        expiresAt: row["expires_at"], revokedAt: row["revoked_at"], lastUsedAt: row["last_used_at"])
    }
}

import Crypto
import Foundation
import GRDB
import HummingbirdBcrypt
import Synchronization

/// Editorial accounts, sessions, failed sign-ins and the audit log, in the same SQLite database
/// as the articles (one file to back up, one migrator).
///
/// A type of its own rather than more of `ArticleStore`: accounts have one implementation. An
/// in-memory twin would exist only for tests, and the tests of who may sign in and what a
/// cookie is worth should exercise the SQL that production runs, not a copy of its rules.
///
/// Passwords are hashed with bcrypt (hummingbird-auth) off Swift's cooperative pool; sessions are
/// kept by the SHA-256 of their token, so the database alone signs nobody in.
public struct AccountStore: Sendable {
    public static let minimumPasswordLength = 12

    let writer: any DatabaseWriter
    let now: @Sendable () -> Date
    let bcryptCost: UInt8
    /// A hash checked when the account does not exist, so a wrong name costs as long as a wrong password.
    private let decoy: Decoy

    /// Uses a database the caller opened and migrates it. `bcryptCost`: 12 in production; tests
    /// pass bcrypt's minimum, 4, to stay fast.
    public init(writer: any DatabaseWriter, bcryptCost: UInt8 = 12, now: @escaping @Sendable () -> Date = { Date() }) throws {
        try SQLiteMigrations.migrator.migrate(writer)
        self.writer = writer
        self.now = now
        self.bcryptCost = bcryptCost
        decoy = Decoy(cost: bcryptCost)
    }

    // MARK: Accounts

    /// Creates an account; the password is kept only as its bcrypt hash.
    @discardableResult
    public func addUser(name: String, role: EditorRole, password: String, by actor: String) async throws -> EditorUser {
        try AccountError.checkName(name)
        guard password.count >= Self.minimumPasswordLength else { throw AccountError.passwordTooShort(minimum: Self.minimumPasswordLength) }
        let hash = await Self.offPool { [bcryptCost] in Bcrypt.hash(password, cost: bcryptCost) }
        let created = now()
        return try await writer.write { db in
            if try Self.user(named: name, db) != nil { throw AccountError.duplicateName(name) }
            try db.execute(sql: "INSERT INTO editor_user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, hash, created])
            try Self.append(AuditEntry(at: created, actor: actor, action: "user.add", detail: "\(name) as \(role.rawValue)"), db)
            guard let user = try Self.user(named: name, db) else { throw AccountError.notFound(name) }
            return user.user
        }
    }

    /// Every account, in name order.
    public func users() async throws -> [EditorUser] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM editor_user ORDER BY name").map(Self.user(from:)) }
    }

    public func user(named name: String) async throws -> EditorUser? {
        try await writer.read { db in try Self.user(named: name, db)?.user }
    }

    /// Disables an account and ends all its sessions, in one transaction.
    public func disable(name: String, by actor: String) async throws {
        try await writer.write { db in
            guard let found = try Self.user(named: name, db) else { throw AccountError.notFound(name) }
            try db.execute(sql: "UPDATE editor_user SET disabled = 1 WHERE id = ?", arguments: [found.user.id])
            try db.execute(sql: "DELETE FROM editor_session WHERE user_id = ?", arguments: [found.user.id])
            try Self.append(AuditEntry(at: now(), actor: actor, action: "user.disable", detail: found.user.name), db)
        }
    }

    /// The account these credentials open, or nil: unknown name, disabled account or wrong
    /// password all look the same and take as long.
    public func verify(name: String, password: String) async throws -> EditorUser? {
        let found = try await writer.read { db in try Self.user(named: name, db) }
        let storedHash = found?.hash
        let matches = await Self.offPool { [decoy] in Bcrypt.verify(password, hash: storedHash ?? decoy.hash) }
        guard let found, matches, !found.user.disabled else { return nil }
        return found.user
    }

    /// The stored password hash, for tests that check no password is kept in clear.
    func passwordHash(name: String) async throws -> String? {
        try await writer.read { db in try Self.user(named: name, db)?.hash }
    }

    // MARK: Sessions

    /// Starts a session for `user`, valid for `lifetime` seconds.
    public func startSession(for user: EditorUser, lifetime: TimeInterval) async throws -> StartedSession {
        let token = Self.randomToken(), csrf = Self.randomToken(), started = now()
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO editor_session (id, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [Self.sessionID(token), user.id, csrf, started, started.addingTimeInterval(lifetime), started])
            // Expired sessions go as new ones come, so the table holds only live ones.
            try db.execute(sql: "DELETE FROM editor_session WHERE expires_at <= ?", arguments: [started])
        }
        let session = EditorSession(user: user, csrfToken: csrf, createdAt: started, expiresAt: started.addingTimeInterval(lifetime), lastSeenAt: started)
        return StartedSession(token: token, session: session)
    }

    /// The live session a cookie's token names, its last use recorded; nil when there is none,
    /// it has expired or its account is disabled.
    public func session(token: String) async throws -> EditorSession? {
        let id = Self.sessionID(token), seen = now()
        return try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT u.*, s.csrf_token, s.created_at AS session_created_at, s.expires_at AS session_expires_at FROM editor_session s JOIN editor_user u ON u.id = s.user_id
                WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0
                """, arguments: [id, seen]) else { return nil }
            try db.execute(sql: "UPDATE editor_session SET last_seen_at = ? WHERE id = ?", arguments: [seen, id])
            return EditorSession(user: Self.user(from: row), csrfToken: row["csrf_token"], createdAt: row["session_created_at"],
                                 expiresAt: row["session_expires_at"], lastSeenAt: seen)
        }
    }

    public func endSession(token: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM editor_session WHERE id = ?", arguments: [Self.sessionID(token)]) }
    }

    /// How many live sessions `name` has (for `sana user list` and tests).
    public func sessionCount(name: String) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM editor_session s JOIN editor_user u ON u.id = s.user_id WHERE u.name = ? AND s.expires_at > ?",
                             arguments: [name, now()]) ?? 0
        }
    }

    // MARK: Failed sign-ins

    public func recordSignInFailure(account: String, address: String) async throws {
        let at = now()
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO sign_in_failure (account, address, at) VALUES (?, ?, ?)", arguments: [account, address, at])
            // A day is far longer than any delay; older failures only take room.
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE at < ?", arguments: [at.addingTimeInterval(-86_400)])
        }
    }

    /// Failures since `since` for the name typed and for the address, oldest first.
    public func signInFailures(account: String, address: String, since: Date) async throws -> SignInFailures {
        try await writer.read { db in
            SignInFailures(
                account: try Date.fetchAll(db, sql: "SELECT at FROM sign_in_failure WHERE account = ? AND at >= ? ORDER BY at", arguments: [account, since]),
                address: try Date.fetchAll(db, sql: "SELECT at FROM sign_in_failure WHERE address = ? AND at >= ? ORDER BY at", arguments: [address, since]))
        }
    }

    /// Forgets an account's failures after it signed in (its address keeps its own).
    public func clearSignInFailures(account: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM sign_in_failure WHERE account = ?", arguments: [account]) }
    }

    // MARK: Audit log

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await writer.write { db in try Self.append(entry, db) }
    }

    /// The latest entries, newest first.
    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)]).map {
                AuditEntry(at: $0["at"], actor: $0["actor"], action: $0["action"], articleID: $0["article_id"],
                           fromRevision: $0["from_revision"], toRevision: $0["to_revision"], detail: $0["detail"])
            }
        }
    }

    /// Ids of the articles `actor` has an audit entry for whose action starts with `prefix`.
    public func articleIDs(touchedBy actor: String, actionPrefix: String) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT article_id FROM audit_log WHERE actor = ? AND article_id IS NOT NULL AND substr(action, 1, length(?)) = ?
                GROUP BY article_id ORDER BY MAX(id) DESC
                """, arguments: [actor, actionPrefix, actionPrefix])
        }
    }

    // MARK: Helpers

    static func append(_ entry: AuditEntry, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, actor, action, article_id, from_revision, to_revision, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.at, entry.actor, entry.action, entry.articleID, entry.fromRevision, entry.toRevision, entry.detail])
    }

    static func user(named name: String, _ db: Database) throws -> (user: EditorUser, hash: String)? {
        try Row.fetchOne(db, sql: "SELECT * FROM editor_user WHERE name = ?", arguments: [name]).map { (user(from: $0), $0["password_hash"]) }
    }

    static func user(from row: Row) -> EditorUser {
        EditorUser(id: row["id"], name: row["name"], role: EditorRole(rawValue: row["role"]) ?? .writer,
                   disabled: row["disabled"], createdAt: row["created_at"])
    }

    /// A new random token (for forms before a session exists).
    public static func newToken() -> String { randomToken() }

    /// 32 random bytes from the system's secure generator, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The session's key in the database: hex SHA-256 of its token.
    static func sessionID(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Runs bcrypt on a Dispatch thread: it is slow on purpose and would stall the cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in DispatchQueue.global().async { continuation.resume(returning: work()) } }
    }

    /// A bcrypt hash of random text, made on first use.
    private final class Decoy: Sendable {
        let cost: UInt8
        private let made = Mutex<String?>(nil)
        init(cost: UInt8) { self.cost = cost }
        var hash: String {
            made.withLock { made in
                if let made { return made }
                let hash = Bcrypt.hash(AccountStore.randomToken(), cost: cost)
                made = hash
                return hash
            }
        }
    }
}

extension SQLiteStore {
    /// The accounts kept in this store's database.
    public func accounts(bcryptCost: UInt8 = 12) throws -> AccountStore {
        try AccountStore(writer: writer, bcryptCost: bcryptCost, now: now)
    }
}

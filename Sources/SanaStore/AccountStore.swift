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

    /// Makes the decoy hash now (the server calls this before it opens its port): made on first
    /// use instead, the first sign-in with an unknown name would run bcrypt twice and take twice
    /// as long, saying that the name does not exist.
    public func prepareDecoy() async {
        _ = await Self.offPool { [decoy] in decoy.hash }
    }

    /// Whether the decoy hash has been made (for tests).
    var decoyIsMade: Bool { decoy.isMade }

    /// The stored password hash, for tests that check no password is kept in clear.
    func passwordHash(name: String) async throws -> String? {
        try await writer.read { db in try Self.user(named: name, db)?.hash }
    }

    // MARK: Helpers

    static func user(named name: String, _ db: Database) throws -> (user: EditorUser, hash: String)? {
        try Row.fetchOne(db, sql: "SELECT * FROM editor_user WHERE name = ?", arguments: [name]).map { (user(from: $0), $0["password_hash"]) }
    }

    static func user(from row: Row) -> EditorUser {
        EditorUser(id: row["id"], name: row["name"], role: EditorRole(rawValue: row["role"]) ?? .writer,
                   disabled: row["disabled"], createdAt: row["created_at"])
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
        var isMade: Bool { made.withLock { $0 != nil } }
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

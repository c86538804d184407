import Crypto
import Foundation
import GRDB

/// Sessions (kept by the SHA-256 of their token) and failed sign-ins.
extension AccountStore {
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

    /// Checks and counts a sign-in attempt in one transaction: `wait` reads the failures since
    /// `since`; when it returns nil the attempt is recorded as a failure before the password is
    /// even checked (a success then clears it), so parallel guesses cannot all pass the check
    /// before any of them is counted. Returns what `wait` said.
    public func recordSignInAttempt(account: String, address: String, since: Date,
                                    wait: @escaping @Sendable (SignInFailures) -> Int?) async throws -> Int? {
        let at = now()
        return try await writer.write { db in
            let failures = try Self.failures(account: account, address: address, since: since, db)
            if let seconds = wait(failures) { return seconds }
            try db.execute(sql: "INSERT INTO sign_in_failure (account, address, at) VALUES (?, ?, ?)", arguments: [account, address, at])
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE at < ?", arguments: [at.addingTimeInterval(-86_400)])
            return nil
        }
    }

    /// Failures since `since` for the name typed and for the address, oldest first.
    public func signInFailures(account: String, address: String, since: Date) async throws -> SignInFailures {
        try await writer.read { db in try Self.failures(account: account, address: address, since: since, db) }
    }

    static func failures(account: String, address: String, since: Date, _ db: Database) throws -> SignInFailures {
        SignInFailures(
            account: try Date.fetchAll(db, sql: "SELECT at FROM sign_in_failure WHERE account = ? AND at >= ? ORDER BY at", arguments: [account, since]),
            address: try Date.fetchAll(db, sql: "SELECT at FROM sign_in_failure WHERE address = ? AND at >= ? ORDER BY at", arguments: [address, since]))
    }

    /// Forgets an account's failures after it signed in (its address keeps its own).
    public func clearSignInFailures(account: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM sign_in_failure WHERE account = ?", arguments: [account]) }
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
}

import Foundation
import GRDB

/// The audit log: append-only (triggers refuse UPDATE and DELETE), newest entries first.
extension AccountStore {
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

    static func append(_ entry: AuditEntry, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, actor, action, article_id, from_revision, to_revision, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.at, entry.actor, entry.action, entry.articleID, entry.fromRevision, entry.toRevision, entry.detail])
    }
}

import Foundation
import GRDB
import SanaCore

/// The embedded store: articles in an SQLite database. A file is opened as a pool in WAL mode,
/// so readers keep working while an import writes, and several processes may write to it.
public struct SQLiteStore: ArticleStore {
    let writer: any DatabaseWriter
    let now: @Sendable () -> Date

    /// Opens (creating when missing) the database at `path` and migrates it to the current schema.
    /// A write waits up to `busyTimeout` seconds for another process's write to finish.
    public init(path: String, busyTimeout: TimeInterval = 10, now: @escaping @Sendable () -> Date = { Date() }) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        do {
            try self.init(writer: try DatabasePool(path: path, configuration: config), now: now)
        } catch let error as DatabaseError {
            // In WAL mode SQLite reports a read-only file (or folder) as "unable to open".
            let folder = (path as NSString).deletingLastPathComponent
            let fm = FileManager.default
            if fm.fileExists(atPath: path), !fm.isWritableFile(atPath: path) || !fm.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
                throw StorageFailure(kind: .readOnly, detail: error.message ?? "\(error.resultCode)")
            }
            throw error
        }
    }

    /// Uses a database the caller opened (a pool on a file, or a queue, in memory or not) and
    /// migrates it to the current schema.
    public init(writer: any DatabaseWriter, now: @escaping @Sendable () -> Date = { Date() }) throws {
        try SQLiteMigrations.migrator.migrate(writer)
        self.writer = writer
        self.now = now
    }

    public func upsert(_ article: Article) async throws -> UpsertOutcome {
        try await writer.write { db in try save(article, db) }
    }

    public func write(_ articles: [Article], skipInvalid: Bool = false, dryRun: Bool = false) async throws -> WriteReport {
        try await writer.writeWithoutTransaction { db in
            var report = WriteReport()
            try db.inTransaction {
                for (index, a) in articles.enumerated() {
                    if skipInvalid {
                        do {
                            // A savepoint per article so a rejected one leaves nothing behind.
                            try db.inSavepoint { report.tally.count(try save(a, db)); return .commit }
                        } catch let error as StoreError {
                            report.rejected.append((index, error))
                        }
                    } else {
                        report.tally.count(try save(a, db))
                    }
                }
                return dryRun ? .rollback : .commit
            }
            return report
        }
    }

    private func save(_ incoming: Article, _ db: Database) throws -> UpsertOutcome {
        typealias Columns = ArticleRecord.Columns
        let slugOwner = try SQLRequest<String>(literal: "SELECT \(Columns.id) FROM \(ArticleRecord.self) WHERE \(Columns.slug) = \(incoming.slug)", cached: true).fetchOne(db)
        let existing = try SQLRequest<ArticleRecord>(literal: "SELECT * FROM \(ArticleRecord.self) WHERE \(Columns.id) = \(incoming.id)", cached: true).fetchOne(db)
        let write = try ArticleWrite(incoming, existing: existing?.article, slugOwner: slugOwner, now: now)
        switch write {
        case .unchanged:
            break
        case let .add(article):
            try ArticleRecord(article, change: try Self.nextChange(db)).insert(db)
        case let .reposition(position):
            guard var record = existing else { break }
            record.position = position
            record.changeSeq = try Self.nextChange(db)
            try record.update(db, columns: [Columns.position, Columns.changeSeq])
        case let .revise(article, previous, savedAt):
            try RevisionRecord(articleId: previous.id, revision: previous.revision, savedAt: savedAt,
                               document: try RevisionDocument.encode(previous)).insert(db, onConflict: .replace)
            try ArticleRecord(article, change: try Self.nextChange(db)).update(db)
        }
        return write.outcome
    }

    /// Takes the next change number. The counter is updated inside the write's transaction, which
    /// holds SQLite's write lock until it commits, so whichever process writes, no two writes take
    /// the same number and numbers grow in the order writes commit.
    static func nextChange(_ db: Database) throws -> Int {
        let next = try Int.fetchOne(db.cachedStatement(sql: "UPDATE change_counter SET last_change = last_change + 1 RETURNING last_change"))
        guard let next else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the change_counter row is missing") }
        return next
    }

    public func archive(id: String) async throws -> Bool {
        guard var a = try await article(id: id) else { return false }
        a.status = .archived
        a.updatedAt = now()
        _ = try await upsert(a)
        return true
    }

    public func checkHealth() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}

import Foundation
import SanaTestSupport
import GRDB
import Testing
import SanaStore
@testable import SanaIngest

/// A scratch folder with a database and input files for one test.
struct Workspace {
    let dir: URL
    let store: SQLiteStore
    let databasePath: String

    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("sana-ingest")
        dir = folder.url
        databasePath = dir.appendingPathComponent("sana.sqlite").path
        store = try SQLiteStore(path: databasePath, now: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    /// Deletes the folder, database included; tests call it in a `defer`.
    func remove() { folder.remove() }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    var importer: Importer { Importer(store: store, now: { Date(timeIntervalSince1970: 1_800_000_000) }) }

    func importing(_ paths: [String], _ options: ImportOptions = ImportOptions()) async throws -> ImportSummary {
        try await importer.run(paths: paths, options: options)
    }

    /// Every row of every table, in a stable order: equal dumps mean the stored data is unchanged.
    func dump() throws -> String {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            var out = ""
            for (table, order) in [("article", "id"), ("article_revision", "article_id, revision"), ("grdb_migrations", "identifier")] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { out += "\(table) \(row)\n" }
            }
            return out
        }
    }

    /// Runs an import that must fail, and checks the store is exactly as before it.
    func expectFailure(_ paths: [String], _ options: ImportOptions = ImportOptions(), sourceLocation: SourceLocation = #_sourceLocation) async throws -> [ImportIssue] {
        let before = try dump()
        var issues: [ImportIssue] = []
        do {
            _ = try await importing(paths, options)
            Issue.record("import should have failed", sourceLocation: sourceLocation)
        } catch let failure as ImportFailed {
            issues = failure.issues
        }
        let after = try dump()
        if before != after { Issue.record("stored data changed by a failed import", sourceLocation: sourceLocation) }
        return issues
    }
}

/// ../shared beside the repository.
let sharedFolder = SharedData.folder

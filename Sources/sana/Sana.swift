import ArgumentParser
import Foundation
import SanaStore

@main
struct Sana: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sana",
        abstract: "Sana: a consumer health question-and-answer knowledge base.",
        subcommands: [Serve.self, Import.self, Export.self, Search.self, Eval.self, Stats.self, BenchSearch.self])
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (created when missing by import and serve).")
    var database: String = ProcessInfo.processInfo.environment["SANA_DATABASE"] ?? "sana.sqlite"
    @Option(help: "Seconds to wait for another process's write to the database before giving up.")
    var busyTimeout: Double = 10

    /// Opens the database, creating it when missing: for `import` and `serve`.
    func open() throws -> SQLiteStore { try SQLiteStore(path: database, busyTimeout: busyTimeout) }

    /// Opens a database that must exist: for commands that only read, where a missing file is a
    /// mistyped path and not an empty database.
    func openExisting() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: database) else {
            printError("sana: no database at '\(database)'; check --database (or $SANA_DATABASE). `sana import` creates one.")
            throw ExitCode(ExitCodes.noDatabase)
        }
        return try open()
    }
}

/// Exit codes besides 0 and 1 (other errors), from sysexits.h; the README lists them.
enum ExitCodes {
    static let badInput: Int32 = 65
    static let noDatabase: Int32 = 66
    static let portInUse: Int32 = 69
    static let storage: Int32 = 74
}

/// Runs a command's work; a storage failure (disk full, database locked, read-only file)
/// becomes one plain line and exit code 74. The store rolled the transaction back.
func reportingStorageFailures(nothingWritten: String = "nothing was changed", _ work: () async throws -> Void) async throws {
    do { try await work() } catch {
        guard let failure = StorageFailure(error) else { throw error }
        printError("sana: storage error: \(failure); \(nothingWritten)")
        throw ExitCode(ExitCodes.storage)
    }
}

/// Writes to standard error, where diagnostics belong.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

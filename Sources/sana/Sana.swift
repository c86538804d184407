import ArgumentParser
import Foundation
import Logging
import SanaApp
import SanaSearch
import SanaStore

@main
struct Sana: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sana",
        abstract: "Sana: a consumer health question-and-answer knowledge base.",
        subcommands: [Serve.self, Import.self, Export.self, Search.self, Eval.self, Understand.self, Features.self, Stats.self, BenchSearch.self,
                      User.self, Token.self])
}

/// Options every command that opens the database shares. They are optional: an option not given
/// leaves the setting to the environment, the configuration file or the default (see `SanaConfiguration`).
struct DatabaseOptions: ParsableArguments {
    @Option(help: "A JSON configuration file (default: $SANA_CONFIG); flags and environment variables win over it.")
    var config: String?
    @Option(help: "SQLite database: a path, sqlite:PATH or sqlite://PATH (default: $SANA_DATABASE, else sana.sqlite). Created when missing by import and serve.")
    var database: String?
    @Option(help: "Seconds to wait for another process's write to the database before giving up (default: 10).")
    var busyTimeout: Double?

    /// Adds these options to the command-line settings.
    func add(to settings: inout CommandLineSettings) {
        settings.set(.database, database)
        settings.set(.busyTimeout, busyTimeout)
    }

    /// The configuration from every source, with `more` flags of the command itself; a bad
    /// setting is a usage error (exit code 64).
    func load(_ more: (inout CommandLineSettings) -> Void = { _ in }) async throws -> SanaConfiguration {
        var settings = CommandLineSettings()
        add(to: &settings)
        more(&settings)
        do { return try await SanaConfiguration.load(flags: settings, file: config) } catch { throw ValidationError(error.description) }
    }

    /// Opens the database, creating it when missing: for `import` and `serve`.
    func open() async throws -> any ArticleStore { try openStore(try await load(), create: true) }

    /// Opens a database that must exist: for commands that only read, where a missing file is a
    /// mistyped path and not an empty database.
    func openExisting() async throws -> any ArticleStore { try openStore(try await load(), create: false) }

    /// The answer engine over every published article of an existing database: from its index
    /// file when that is current, else built (the file is left to `import` and `serve`).
    func loadSearchIndex() async throws -> SearchIndex {
        let configuration = try await load()
        let store = try openStore(configuration, create: false)
        return try await SanaApp.loadSearchIndex(from: store, file: indexFilePath(database: configuration.database),
                                                 englishWords: installedEnglishWords(warn: printError), logger: quietLogger()).index
    }
}

/// Opens the store a configuration names; an unusable address is a usage error, a missing
/// database for a read-only command exit code 66.
func openStore(_ configuration: SanaConfiguration, create: Bool) throws -> any ArticleStore {
    try openingDatabase(configuration) { try makeStore(url: configuration.database, busyTimeout: configuration.busyTimeout, create: create) }
}

/// Runs `open` on the configured database, turning an unusable address into a usage error and a
/// missing database into exit code 66 with a line saying how to make one.
func openingDatabase<T>(_ configuration: SanaConfiguration, _ open: () throws -> T) throws -> T {
    do {
        return try open()
    } catch let error as StoreLocationError {
        throw ValidationError(error.description)
    } catch is MissingDatabase {
        printError("sana: no database at '\(configuration.database)'; check --database (or $SANA_DATABASE). `sana import` creates one.")
        throw ExitCode(ExitCodes.noDatabase)
    }
}

/// Exit codes besides 0 and 1 (other errors), from sysexits.h; the README lists them.
enum ExitCodes {
    static let badInput: Int32 = 65
    static let noDatabase: Int32 = 66
    /// `sana user disable` named no account.
    static let noUser: Int32 = 67
    static let portInUse: Int32 = 69
    static let storage: Int32 = 74
}

/// Runs a command's work; a storage failure (disk full, database locked, read-only file)
/// becomes one plain line and exit code 74. The store rolled the transaction back.
func reportingStorageFailures<T>(nothingWritten: String = "nothing was changed", _ work: () async throws -> T) async throws -> T {
    do { return try await work() } catch {
        guard let failure = StorageFailure(error) else { throw error }
        printError("sana: storage error: \(failure); \(nothingWritten)")
        throw ExitCode(ExitCodes.storage)
    }
}

/// A logger for commands other than `serve`: warnings and errors only, on standard error.
func quietLogger() -> Logger {
    var logger = Logger(label: "sana") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    return logger
}

/// Writes to standard error, where diagnostics belong.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

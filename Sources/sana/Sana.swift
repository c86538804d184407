import ArgumentParser
import Foundation

@main
struct Sana: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sana",
        abstract: "Sana: a consumer health question-and-answer knowledge base.",
        subcommands: [Serve.self, Import.self, Export.self, Search.self, Eval.self, Stats.self, BenchSearch.self])
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (created when missing).")
    var database: String = ProcessInfo.processInfo.environment["SANA_DATABASE"] ?? "sana.sqlite"
}

/// Writes to standard error, where diagnostics belong.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

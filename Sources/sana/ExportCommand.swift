import ArgumentParser
import Foundation
import SanaIngest
import SanaStore

struct Export: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument { case jsonl, markdown }

    static let configuration = CommandConfiguration(
        abstract: "Export every article as JSON Lines (to a file or standard output) or as Markdown files (to a folder).")

    @Option(help: "jsonl or markdown.") var format: Format = .jsonl
    @Option(help: "Output file (jsonl; default standard output) or folder (markdown; required).") var output: String?
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        if format == .markdown && output == nil { throw ValidationError("--output FOLDER is required for markdown") }
        try await reportingStorageFailures {
            let exporter = Exporter(store: try await db.openExisting())
            switch format {
            case .jsonl:
                let count = try await exporter.jsonLines(to: output)
                if output != nil { print("\(count) articles exported") }
            case .markdown:
                print("\(try await exporter.markdown(toFolder: output ?? ".")) articles exported")
            }
        }
    }
}

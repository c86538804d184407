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
        let store = try SQLiteStore(path: db.database)
        let exporter = Exporter(store: store)
        switch format {
        case .jsonl:
            let count = try await exporter.jsonLines(to: output)
            if output != nil { print("\(count) articles exported") }
        case .markdown:
            guard let output else { throw ValidationError("--output FOLDER is required for markdown") }
            print("\(try await exporter.markdown(toFolder: output)) articles exported")
        }
    }
}

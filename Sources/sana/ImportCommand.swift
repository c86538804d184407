import ArgumentParser
import Foundation
import SanaApp
import SanaIngest
import SanaStore

extension ImportFormat: ExpressibleByArgument {}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import articles from page files, a MedQuAD folder, JSON Lines or Markdown.",
        discussion: """
        Each run is one transaction: on any error nothing is written and the exit code is 65 (74 when \
        the database cannot be written: disk full, locked, read-only), unless \
        --skip-invalid is given, when bad records are reported and skipped. Importing the same input \
        twice changes nothing. Page files take their title from a first line '# Title', else --title, \
        else the file name.
        """)

    @Argument(help: "Files or folders to import.") var paths: [String]
    @Option(help: "auto, page, medquad, jsonl or markdown.") var format: ImportFormat = .auto
    @Flag(help: "Check and count, but write nothing.") var dryRun = false
    @Flag(help: "Report and skip bad records instead of failing the whole import.") var skipInvalid = false
    @Option(help: "Title for page files without a '# Title' line.") var title: String?
    @Option(help: "Category for page files without a 'Category:' line.") var category: String?
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let reporter = ProgressPrinter()
        let options = ImportOptions(format: format, dryRun: dryRun, skipInvalid: skipInvalid, title: title, category: category)
        defer { reporter.finish() }
        try await reportingStorageFailures(nothingWritten: "import stopped; nothing was written") {
            let configuration = try await db.load()
            let store = try openStore(configuration, create: true)
            do {
                let summary = try await Importer(store: store).run(paths: paths, options: options) { reporter.update($0) }
                reporter.finish()
                for issue in summary.issues { printError("skipped: \(issue)") }
                print(summary.line)
                // After the commit: the index file beside the database gets what was imported. The
                // articles are stored whatever happens here; a server would rebuild a missing file.
                if !dryRun {
                    do { try await refreshIndexFile(store: store, database: configuration.database, logger: quietLogger()) } catch {
                        printError("sana: the index file was not updated (\(error)); the next `sana serve` brings it up to date")
                    }
                }
            } catch let failure as ImportFailed {
                reporter.finish()
                printError(failure.description)
                throw ExitCode(ExitCodes.badInput)
            }
        }
    }
}

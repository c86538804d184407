import ArgumentParser
import SanaCore
import SanaStore

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count articles by status and category.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await reportingStorageFailures {
            let counts = try await db.openExisting().counts()
            for status in ArticleStatus.allCases { print("\(status.rawValue): \(counts.byStatus[status] ?? 0)") }
            for c in counts.byCategory { print("  \(c.category.name): \(c.count)") }
        }
    }
}

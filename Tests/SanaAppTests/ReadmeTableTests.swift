import Foundation
import SanaApp
import Testing

/// The README's configuration table is the documentation of every setting: it must list exactly
/// the keys the configuration reads, with their flags and environment variables.
@Suite struct ReadmeTableTests {
    struct Row: Equatable, CustomStringConvertible {
        var flag, environmentVariable, fileKey: String
        var description: String { "\(flag) | \(environmentVariable) | \(fileKey)" }
    }

    /// The rows of the table whose header starts `| flag | environment variable | file key |`.
    func readmeRows() throws -> [Row] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("| flag | environment variable | file key |") }, "README has no configuration table")
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            }
            return Row(flag: cells[0], environmentVariable: cells[1], fileKey: cells[2])
        }
    }

    @Test func theReadmeTableListsEveryKey() throws {
        let documented = try readmeRows()
        let keys = SanaConfiguration.Key.allCases.map { Row(flag: $0.flag, environmentVariable: $0.environmentVariable, fileKey: $0.rawValue) }
        #expect(documented == keys)
    }
}

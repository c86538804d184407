import Foundation
import SanaTestSupport
import Testing

/// `sana user add|list|disable` end to end through the built binary, passwords on standard input.
@Suite(.serialized) struct UserCommandTests {
    /// Runs `sana` with `input` on its standard input (not a terminal: one line is read).
    func sana(_ arguments: [String], input: String) throws -> Run {
        let process = Process()
        process.executableURL = sanaBinary
        process.arguments = arguments
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func addListAndDisableAccounts() throws {
        let folder = try TemporaryFolder("sana-users"); defer { folder.remove() }
        let db = folder.path("site.sqlite")
        let added = try sana(["user", "add", "rita", "--role", "reviewer", "--database", db], input: "a very long password\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added rita as reviewer"))
        #expect(try sana(["user", "add", "wendy", "--role", "writer", "--database", db], input: "another long password\n").status == 0)
        let list = try sana(["user", "list", "--database", db], input: "")
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[0].hasPrefix("NAME"))
        #expect(lines[1].hasPrefix("rita") && lines[1].contains("reviewer") && lines[1].contains(" no "))
        #expect(lines[2].hasPrefix("wendy") && lines[2].contains("writer"))
        let disabled = try sana(["user", "disable", "wendy", "--database", db], input: "")
        #expect(disabled.status == 0 && disabled.stdout.contains("disabled wendy"))
        let after = try sana(["user", "list", "--database", db], input: "").stdout
        #expect(after.split(separator: "\n").last?.contains(" yes ") == true)
        let raw = try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
        #expect(raw.range(of: Data("a very long password".utf8)) == nil, "no password in clear")
    }

    @Test func badRequestsSayWhatIsWrongAndChangeNothing() throws {
        let folder = try TemporaryFolder("sana-users"); defer { folder.remove() }
        let db = folder.path("site.sqlite")
        #expect(try sana(["user", "add", "rita", "--role", "reviewer", "--database", db], input: "a very long password\n").status == 0)
        let badRole = try sana(["user", "add", "sam", "--role", "surgeon", "--database", db], input: "a very long password\n")
        #expect(badRole.status == 64 && badRole.stderr.contains("role 'surgeon'") && badRole.stderr.contains("writer, reviewer, editor, admin"))
        let duplicate = try sana(["user", "add", "RITA", "--role", "writer", "--database", db], input: "a very long password\n")
        #expect(duplicate.status == 65 && duplicate.stderr.contains("already exists"))
        let empty = try sana(["user", "add", "sam", "--role", "writer", "--database", db], input: "")
        #expect(empty.status == 65 && empty.stderr.contains("password"))
        let short = try sana(["user", "add", "sam", "--role", "writer", "--database", db], input: "short\n")
        #expect(short.status == 65 && short.stderr.contains("at least 12"))
        let badName = try sana(["user", "add", "a b", "--role", "writer", "--database", db], input: "a very long password\n")
        #expect(badName.status == 65 && badName.stderr.contains("name 'a b'"))
        let unknown = try sana(["user", "disable", "nobody", "--database", db], input: "")
        #expect(unknown.status == 67 && unknown.stderr.contains("no such account"))
        let list = try sana(["user", "list", "--database", db], input: "").stdout
        #expect(list.split(separator: "\n").count == 2, "only rita: \(list)")
        let missing = try sana(["user", "list", "--database", folder.path("nope.sqlite")], input: "")
        #expect(missing.status == 66)
    }
}

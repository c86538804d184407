import Foundation
import SanaTestSupport
import Testing

/// `sana token add|list|revoke` end to end through the built binary.
@Suite struct TokenCommandTests {
    @Test func addListAndRevokeTokens() throws {
        let folder = try TemporaryFolder("sana-tokens"); defer { folder.remove() }
        let db = folder.path("site.sqlite")
        #expect(try UserCommandTests().sana(["user", "add", "wendy", "--role", "writer", "--database", db], input: "a very long password\n").status == 0)
        let added = try sana(["token", "add", "clinic", "--owner", "wendy", "--scope", "write", "--scope", "read-drafts", "--database", db])
        #expect(added.status == 0, "\(added.stderr)")
        let secret = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("sana_") && secret.count == 48, "shown once on standard output: \(secret)")
        #expect(added.stderr.contains("shown once"))

        let list = try sana(["token", "list", "--database", db])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[1].contains("clinic") && lines[1].contains("wendy") && lines[1].contains("read-drafts,write"))
        #expect(!list.stdout.contains(secret), "never shown again")

        #expect(try sana(["token", "revoke", "1", "--database", db]).stdout.contains("revoked token 1"))
        #expect(try sana(["token", "list", "--database", db]).stdout.split(separator: "\n")[1].split(separator: "\t")[5] != "-")
        #expect(try sana(["token", "revoke", "9", "--database", db]).status == 65)
        // A token needs a scope, a known owner and an expiry in range; nothing is written otherwise.
        #expect(try sana(["token", "add", "x", "--owner", "wendy", "--database", db]).status == 65)
        #expect(try sana(["token", "add", "x", "--owner", "nobody", "--scope", "write", "--database", db]).status == 65)
        #expect(try sana(["token", "add", "x", "--owner", "wendy", "--scope", "everything", "--database", db]).status == 64)
        // Never more than the owner's role: wendy writes, so her token cannot publish.
        let beyond = try sana(["token", "add", "x", "--owner", "wendy", "--scope", "publish", "--database", db])
        #expect(beyond.status == 65 && beyond.stderr.contains("publish"))
        #expect(try sana(["token", "add", "x", "--owner", "wendy", "--scope", "write", "--expires-days", "0", "--database", db]).status == 65)
    }
}

import ArgumentParser
import Foundation
import SanaApp
import SanaStore

/// `sana token add|list|revoke`: API tokens for `/api/v1` writes.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens (scopes: read-drafts, write, review, publish, admin).",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once; only its SHA-256 is kept.")
        @Argument(help: "A name for the token: 1 to 64 letters, digits, '.', '_' or '-'.") var name: String
        @Option(help: "A scope; repeat for more: read-drafts, write, review, publish or admin.") var scope: [String] = []
        @Option(help: "The account the token acts for: its writes are that account's writing.") var owner: String
        @Option(help: "Days until the token expires, 1 to 3650 (default: 90).") var expiresDays: Int = APITokenStore.defaultLifetimeDays
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            var scopes = Set<APIScope>()
            for text in scope {
                guard let s = APIScope(rawValue: text.lowercased()) else {
                    throw ValidationError("--scope '\(text)': must be one of \(APIScope.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                scopes.insert(s)
            }
            let tokens = APITokenStore(sharingDatabaseOf: try await db.openAccounts(create: true))
            try await reportingStorageFailures(nothingWritten: "no token was created") {
                do {
                    let issued = try await tokens.add(name: name, scopes: scopes, owner: owner, expiresInDays: expiresDays,
                                                      by: UserAdministration.commandLineActor)
                    printError("added token \(issued.token.name) (id \(issued.token.id)); it is shown once, here:")
                    print(issued.secret)
                } catch let error as APITokenError {
                    printError("sana: \(error); no token was created")
                    throw ExitCode(ExitCodes.badInput)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, name, owner, scopes, expiry, revoked, last use.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await reportingStorageFailures {
                let tokens = try await APITokenStore(sharingDatabaseOf: try await db.openAccounts(create: false)).tokens()
                print(["ID", "NAME", "OWNER", "SCOPES", "EXPIRES", "REVOKED", "LAST USED"].joined(separator: "\t"))
                for t in tokens {
                    print(["\(t.id)", t.name, t.owner, APIScope.allCases.filter(t.scopes.contains).map(\.rawValue).joined(separator: ","),
                           t.expiresAt.formatted(.iso8601), t.revokedAt?.formatted(.iso8601) ?? "-", t.lastUsedAt?.formatted(.iso8601) ?? "-"]
                        .joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it opens nothing from now on.")
        @Argument(help: "The token's id (see `sana token list`).") var id: Int64
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let tokens = APITokenStore(sharingDatabaseOf: try await db.openAccounts(create: false))
            try await reportingStorageFailures {
                do {
                    try await tokens.revoke(id: id, by: UserAdministration.commandLineActor)
                    print("revoked token \(id)")
                } catch let error as APITokenError {
                    printError("sana: \(error)")
                    throw ExitCode(ExitCodes.badInput)
                }
            }
        }
    }
}

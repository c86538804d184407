import ArgumentParser
import Foundation
import SanaApp
import SanaStore

/// `sana user add|list|disable`: editorial accounts.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage editorial accounts (roles: writer, reviewer, editor, admin).",
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is asked for without echo on a terminal, else read as one line of standard input.")
        @Argument(help: "The sign-in name: 1 to 64 letters, digits, '.', '_' or '-'.") var name: String
        @Option(help: "writer, reviewer, editor or admin.") var role: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let role: EditorRole
            do { role = try UserAdministration.role(self.role) } catch { throw ValidationError("--role \(error.description)") }
            let accounts = try await db.openAccounts(create: true)
            guard let password = PasswordInput.read(prompt: "Password for \(name) (at least \(AccountStore.minimumPasswordLength) characters): "),
                  !password.isEmpty else {
                printError("sana: password: none was given (type one at the prompt or pipe one line to standard input); no account was created")
                throw ExitCode(ExitCodes.badInput)
            }
            try await reportingStorageFailures(nothingWritten: "no account was created") {
                do {
                    let user = try await accounts.addUser(name: name, role: role, password: password, by: UserAdministration.commandLineActor)
                    print("added \(user.name) as \(user.role.rawValue)")
                } catch let error as AccountError {
                    printError("sana: \(error); no account was created")
                    throw ExitCode(ExitCodes.badInput)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts: name, role, disabled, created.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            try await reportingStorageFailures {
                for line in UserAdministration.listing(try await db.openAccounts(create: false).users()) { print(line) }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @Argument(help: "The account's name.") var name: String
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let accounts = try await db.openAccounts(create: false)
            try await reportingStorageFailures {
                do {
                    try await accounts.disable(name: name, by: UserAdministration.commandLineActor)
                    print("disabled \(name); its sessions have ended")
                } catch let error as AccountError {
                    printError("sana: \(error)")
                    throw ExitCode(ExitCodes.noUser)
                }
            }
        }
    }
}

extension DatabaseOptions {
    /// The accounts in the configured database; errors as `openStore`'s.
    func openAccounts(create: Bool) async throws -> AccountStore {
        let configuration = try await load()
        return try openingDatabase(configuration) {
            try makeAccountStore(url: configuration.database, busyTimeout: configuration.busyTimeout, create: create)
        }
    }
}

import Foundation
import SanaStore

/// Opens the editorial accounts kept in the database the `database` setting names (the same file
/// as the articles, through a connection pool of its own). `create` as for `makeStore`.
public func makeAccountStore(url: String, busyTimeout: Double = 10, create: Bool = true) throws -> AccountStore {
    switch try StoreLocation(url: url) {
    case .sqlite(let path):
        if !create && !FileManager.default.fileExists(atPath: path) { throw MissingDatabase(path: path) }
        return try SQLiteStore(path: path, busyTimeout: busyTimeout).accounts()
    }
}

/// What `sana user` does, apart from parsing and printing: the command stays thin.
public enum UserAdministration {
    /// The actor the audit log names for changes made at the command line.
    public static let commandLineActor = "sana-cli"

    /// The role named `text`, or an error listing the roles.
    public static func role(_ text: String) throws(AccountError) -> EditorRole {
        guard let role = EditorRole(rawValue: text.lowercased()) else { throw .invalidRole(text) }
        return role
    }

    /// One line per account for `sana user list`: name, role, disabled, created (UTC, ISO 8601).
    public static func listing(_ users: [EditorUser]) -> [String] {
        let width = max(4, users.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        let header = "\(pad("NAME", width))  \(pad("ROLE", 8))  \(pad("DISABLED", 8))  CREATED"
        return [header] + users.map { user in
            "\(pad(user.name, width))  \(pad(user.role.rawValue, 8))  \(pad(user.disabled ? "yes" : "no", 8))  \(user.createdAt.formatted(.iso8601))"
        }
    }
}

/// Reads a password: from the terminal without echo when standard input is one, else one line
/// of standard input (for scripts: `printf '%s\n' "$PASSWORD" | sana user add …`).
public enum PasswordInput {
    public static func read(prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }
}

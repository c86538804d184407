import Foundation
import GRDB

/// SQLite could not read or write the database file: the disk is full, another process holds it,
/// the file is read-only or cannot be opened. The transaction was rolled back, so the stored data
/// is as it was; the command line reports it with its own exit code.
public struct StorageFailure: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case diskFull, locked, readOnly, cannotOpen, ioError }
    public var kind: Kind
    /// SQLite's own message, for the curious.
    public var detail: String

    public init(kind: Kind, detail: String) { self.kind = kind; self.detail = detail }

    /// The storage failure `error` is, or nil when it is something else (a bad article, a bug).
    public init?(_ error: any Error) {
        if let failure = error as? StorageFailure { self = failure; return }
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: kind = .diskFull
        case .SQLITE_BUSY, .SQLITE_LOCKED: kind = .locked
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: kind = .readOnly
        case .SQLITE_CANTOPEN, .SQLITE_NOTADB: kind = .cannotOpen
        case .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_PROTOCOL: kind = .ioError
        default: return nil
        }
        detail = error.message ?? "\(error.resultCode)"
    }

    public var description: String {
        let what = switch kind {
        case .diskFull: "the disk is full"
        case .locked: "the database is locked by another process (an import or a backup?); try again when it has finished"
        case .readOnly: "the database is read-only: its file, or the folder SQLite keeps its journal in, cannot be written"
        case .cannotOpen: "the database file cannot be opened"
        case .ioError: "the database file could not be read or written"
        }
        return "\(what) (SQLite: \(detail))"
    }
}

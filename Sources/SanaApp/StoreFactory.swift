import Foundation
import SanaStore

/// Where the articles are kept, read from the `database` setting: `sqlite:PATH`, `sqlite://PATH`
/// or a plain path is an SQLite file.
public enum StoreLocation: Equatable, Sendable {
    case sqlite(path: String)

    public init(url: String) throws(StoreLocationError) {
        guard let colon = url.firstIndex(of: ":"), let scheme = Self.scheme(of: url, colon: colon) else {
            self = .sqlite(path: url)
            return
        }
        var rest = url[url.index(after: colon)...]
        switch scheme {
        case "sqlite":
            if rest.hasPrefix("//") { rest = rest.dropFirst(2) }
            guard !rest.isEmpty else { throw StoreLocationError("'\(url)' names no SQLite file; write sqlite:PATH") }
            self = .sqlite(path: String(rest))
        case "postgres", "postgresql":
            throw StoreLocationError("PostgreSQL is not supported yet ('\(url)'); use an SQLite file: a path or sqlite:PATH")
        default:
            throw StoreLocationError("unknown database scheme '\(scheme):' in '\(url)'; use an SQLite file: a path or sqlite:PATH")
        }
    }

    /// The scheme before the colon, when the text before it is shaped like one (RFC 3986:
    /// a letter, then letters, digits, `+`, `-`, `.`) and is more than one letter, so a Windows
    /// drive (`C:\…`) still reads as a path.
    private static func scheme(of url: String, colon: String.Index) -> String? {
        let candidate = url[..<colon]
        guard candidate.count > 1, let first = candidate.first, first.isASCII, first.isLetter,
              candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return candidate.lowercased()
    }
}

/// A `database` setting Sana cannot use; the command line reports it as a usage error.
public struct StoreLocationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The database a read-only command was pointed at does not exist.
public struct MissingDatabase: Error, Equatable {
    public let path: String
    public init(path: String) { self.path = path }
}

/// Opens the store the `database` setting names. `create`: whether a missing database is
/// created (`import`, `serve`); the commands that only read pass false, because there a missing
/// file is a mistyped path and not an empty database (`MissingDatabase`).
public func makeStore(url: String, busyTimeout: Double = 10, create: Bool = true) throws -> any ArticleStore {
    switch try StoreLocation(url: url) {
    case .sqlite(let path):
        if !create && !FileManager.default.fileExists(atPath: path) { throw MissingDatabase(path: path) }
        return try SQLiteStore(path: path, busyTimeout: busyTimeout)
    }
}

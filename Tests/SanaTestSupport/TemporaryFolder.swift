import Foundation

/// A new folder under the system's temporary folder. `remove()` deletes it and all it holds;
/// tests call it in a `defer` (or use `withTemporaryFolder`) so they leave nothing behind.
/// Removal is explicit, not on release: ARC may release a value before the end of its scope,
/// while a store still has a file open in the folder.
public struct TemporaryFolder: Sendable {
    public let url: URL

    /// `prefix` names the folder (`sana-web-UUID`), so a folder left by a crashed run says whose it is.
    public init(_ prefix: String = "sana-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a new empty folder and removes the folder afterwards, whatever happens.
public func withTemporaryFolder<T>(_ prefix: String = "sana-test", _ body: (URL) async throws -> T) async throws -> T {
    let folder = try TemporaryFolder(prefix)
    defer { folder.remove() }
    return try await body(folder.url)
}

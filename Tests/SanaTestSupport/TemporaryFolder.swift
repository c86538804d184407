import Foundation

/// A new folder under the system's temporary folder, removed with everything in it when the
/// last reference goes, so tests leave nothing behind.
public final class TemporaryFolder: Sendable {
    public let url: URL

    /// `prefix` names the folder (`sana-web-UUID`), so a folder left by a crashed run says whose it is.
    public init(_ prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

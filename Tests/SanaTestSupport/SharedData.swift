import Foundation

/// The shared data beside the repository (`../shared`: MedQuAD, LiveQA, the seed page, tools),
/// found in this one place for every test target.
public enum SharedData {
    /// `../shared`, from this file's place in the checkout (Tests/SanaTestSupport/).
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../../shared").standardized

    /// A file or folder in the shared data, which must exist.
    public static func require(_ relative: String) throws -> URL {
        let url = folder.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingSharedData(path: url.path, relative: relative) }
        return url
    }
}

/// What a test says when the shared data it reads is not there.
public struct MissingSharedData: Error, CustomStringConvertible {
    public let path: String
    public let relative: String
    public var description: String {
        "../shared/\(relative) is missing (looked at \(path)): the tests read the shared data that sits beside the repository"
    }
}

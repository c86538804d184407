import Foundation
import SanaCore
import SanaStore

/// Writes every stored article in the shapes the importers read back.
public struct Exporter: Sendable {
    let store: any ArticleStore
    public init(store: any ArticleStore) { self.store = store }

    /// One JSON object per line, ordered by id; to `path`, or standard output when nil.
    /// A file is written beside the target and renamed, so a failed export leaves no half file.
    @discardableResult
    public func jsonLines(to path: String?) async throws -> Int {
        let encoder = JSONLines.encoder()
        var count = 0
        var buffer = Data()
        let out: FileHandle
        let temp = path.map { $0 + ".partial" }
        if let temp {
            guard FileManager.default.createFile(atPath: temp, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temp])
            }
            out = try FileHandle(forWritingTo: URL(fileURLWithPath: temp))
        } else {
            out = .standardOutput
        }
        for try await article in store.allArticles() {
            buffer.append(try encoder.encode(ArticleDocument(article)))
            buffer.append(0x0A)
            count += 1
            if buffer.count > 1 << 20 { try out.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try out.write(contentsOf: buffer)
        if let temp, let path {
            try out.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temp, toPath: path)
        }
        return count
    }

    /// One `ID.md` file per article in `folder` (created when missing).
    @discardableResult
    public func markdown(toFolder folder: String) async throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var count = 0
        for try await article in store.allArticles() {
            let name = Slug.make(from: article.id, maxLength: 200) + ".md"
            try MarkdownFile.render(article).write(toFile: (folder as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
            count += 1
        }
        return count
    }
}

import Foundation
import SanaCore
import SanaStore

/// Writes every stored article in the shapes the importers read back. No article is lost: every
/// file is written beside its target and renamed over it, and every article gets its own name.
public struct Exporter: Sendable {
    let store: any ArticleStore
    public init(store: any ArticleStore) { self.store = store }

    /// One JSON object per line, ordered by id; to `path`, or standard output when nil.
    /// A failed export leaves the file that was there, whole.
    @discardableResult
    public func jsonLines(to path: String?) async throws -> Int {
        let encoder = JSONLines.encoder()
        var count = 0
        var buffer = Data()
        guard let path else {
            for try await article in store.allArticles() {
                buffer.append(try encoder.encode(ArticleDocument(article)))
                buffer.append(0x0A)
                count += 1
                if buffer.count > 1 << 20 { try FileHandle.standardOutput.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
            }
            try FileHandle.standardOutput.write(contentsOf: buffer)
            return count
        }
        try await Self.replacing(path, sync: true) { out in
            for try await article in store.allArticles() {
                buffer.append(try encoder.encode(ArticleDocument(article)))
                buffer.append(0x0A)
                count += 1
                if buffer.count > 1 << 20 { try out.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
            }
            try out.write(contentsOf: buffer)
        }
        return count
    }

    /// One Markdown file per article in `folder` (created when missing), named after its id.
    @discardableResult
    public func markdown(toFolder folder: String) async throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var count = 0
        var used = Set<String>()
        for try await article in store.allArticles() {
            let name = Self.fileName(forID: article.id, taken: &used)
            let text = Data(try MarkdownFile.render(article).utf8)
            try await Self.replacing((folder as NSString).appendingPathComponent(name)) { try $0.write(contentsOf: text) }
            count += 1
        }
        return count
    }

    /// `ID.md` when the id is already a slug; else the id's slug and a hash of the id, so "X_1"
    /// and "x-1" never share a file. Names are compared case-insensitively, as macOS does.
    static func fileName(forID id: String, taken: inout Set<String>) -> String {
        let slug = Slug.make(from: id, maxLength: 150, fallback: id)
        var name = slug == id ? slug : slug + "-" + Slug.hash(id)
        var n = 1
        while !taken.insert(name.lowercased()).inserted { n += 1; name = slug + "-" + Slug.hash(id) + "-\(n)" }
        return name + ".md"
    }

    /// Writes through `body` to a new file beside `path`, then renames it over `path` in one step
    /// (rename(2)), so readers see the old file or the new one, never a half or no file. `sync`
    /// flushes it to disk first (one big file; not each of thousands of Markdown files).
    static func replacing(_ path: String, sync: Bool = false, _ body: (FileHandle) async throws -> Void) async throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial").path
        guard FileManager.default.createFile(atPath: temp, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temp])
        }
        do {
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: temp))
            do { try await body(out); if sync { try out.synchronize() }; try out.close() } catch { try? out.close(); throw error }
            guard rename(temp, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                    NSLocalizedDescriptionKey: "cannot replace \(path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }
}

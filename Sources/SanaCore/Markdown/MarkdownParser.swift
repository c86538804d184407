import Foundation
import Synchronization
internal import CCmarkGFM

/// Article bodies are CommonMark with GitHub's tables, strikethrough and autolinks, parsed by
/// cmark-gfm (Debian's libcmark-gfm). Raw HTML is never passed on: `MarkdownWalker` reads the
/// tree and writes only the markup it allows.
enum MarkdownParser {
    /// cmark-gfm 0.29 switches its extensions' inline characters (`~`, …) on and off in one
    /// global table around every parse, so two parses at once could spoil each other. Parses
    /// take turns; walking the finished tree does not need the lock.
    private static let turn = Mutex(())

    /// cmark-gfm's registered extensions: pointers into its own static tables, never freed or
    /// changed once registered, so sharing them between threads is safe though the type is not Sendable.
    nonisolated(unsafe) private static let extensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        let names: [String] = ["table", "strikethrough", "autolink"]
        return names.compactMap { name in name.withCString { cmark_find_syntax_extension($0) } }
    }()

    /// Parses `text` and hands the document node to `body`; the tree is freed afterwards.
    static func withDocument<R>(_ text: String, _ body: (OpaquePointer) -> R) -> R {
        let extensions = Self.extensions
        var text = text
        // The tree belongs to this call alone; the lock only orders the parses.
        nonisolated(unsafe) var parsed: OpaquePointer?
        turn.withLock { _ in
            let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
            defer { cmark_parser_free(parser) }
            for e in extensions { cmark_parser_attach_syntax_extension(parser, e) }
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            parsed = cmark_parser_finish(parser)
        }
        let root = parsed!
        defer { cmark_node_free(root) }
        // "[", "!URGENT" and "]" arrive as three text nodes; one reads better (care cards).
        cmark_consolidate_text_nodes(root)
        return body(root)
    }
}

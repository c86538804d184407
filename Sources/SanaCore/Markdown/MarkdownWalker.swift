/// Reads a parsed body once, in document order, into the parts readers need: per section its
/// heading, its plain text (the words only: no Markdown marks, no link addresses) and, when
/// asked, the HTML a health article needs. Every text and attribute value goes through
/// `Escape.html`; anything not allowed (raw HTML, images, links to other schemes) gives only
/// its words, or nothing.
///
/// Allowed markup: paragraphs, nested lists, block quotes and care cards, code, tables,
/// emphasis, strong, strikethrough, line breaks, rules, and links to http(s), mailto and
/// site-relative addresses (external ones `rel="nofollow noopener"`). Headings at the top level
/// start sections (the page shows them as h2); headings inside lists or quotes become h3 or h4.
struct MarkdownWalker {
    struct Part {
        var heading: String?
        var text: String
        var html: String
        /// Only paragraphs: running text, where inline numbered headings may hide.
        var isRunningText: Bool
    }

    private let root: OpaquePointer
    private let wantsHTML: Bool
    /// Whether top-level headings start sections; otherwise their words are text like any other.
    private let splitsSections: Bool

    private(set) var parts: [Part] = []
    /// The plain text of the first top-level block with words in it (the summary's source).
    private(set) var lead: String?
    /// The care cards, in document order, with their words.
    private(set) var careCards: [CareCard] = []
    /// Care cards being read: the quote and where its words start in `plain`.
    private var openCards: [(quote: OpaquePointer, level: CareLevel, start: Int)] = []

    private var heading: String?
    /// The words of a section heading being read.
    private var headingText: String?
    private var plain = ""
    private var html = ""
    private var runningText = true
    private var closers: [String] = []
    /// The next number of each open list; nil for bullet lists.
    private var listNumbers: [Int?] = []
    private var inHeaderRow = false
    /// Just after an ordered item's number: its first block stays on the number's line.
    private var afterNumber = false
    private var leadStart = 0
    private var extensionKinds: [UInt32: MarkdownKind] = [:]

    private init(root: OpaquePointer, wantsHTML: Bool, splitsSections: Bool) {
        self.root = root
        self.wantsHTML = wantsHTML
        self.splitsSections = splitsSections
    }

    static func read(_ markdown: String, html: Bool, sections: Bool = true) -> (parts: [Part], lead: String?) {
        let walker = walk(markdown, html: html, sections: sections)
        return (walker.parts, walker.lead)
    }

    /// The care cards of a body.
    static func careCards(_ markdown: String) -> [CareCard] {
        walk(markdown, html: false, sections: true).careCards
    }

    private static func walk(_ markdown: String, html: Bool, sections: Bool) -> MarkdownWalker {
        MarkdownParser.withDocument(markdown) { root in
            var walker = MarkdownWalker(root: root, wantsHTML: html, splitsSections: sections)
            MarkdownNode.walk(root) { node, entering in
                let kind = MarkdownKind(node, extensions: &walker.extensionKinds)
                if entering { walker.enter(node, kind) } else { walker.exit(node, kind) }
            }
            walker.flush()
            return walker
        }
    }

    // MARK: Events

    private mutating func enter(_ node: OpaquePointer, _ kind: MarkdownKind) {
        if kind == .document { return }
        if headingText != nil {
            switch kind {
            case .text, .code: headingText! += MarkdownNode.literal(node)
            case .softBreak, .lineBreak: headingText! += " "
            default: break
            }
            return
        }
        let topLevel = MarkdownNode.parent(node) == root
        if topLevel && kind == .heading && splitsSections {
            headingText = ""
            return
        }
        if topLevel {
            newline()
            leadStart = plain.utf8.count
            if kind != .paragraph { runningText = false }
        }
        switch kind {
        case .paragraph:
            newline()
            // Items of a tight list hold their text without paragraph tags, as cmark writes them.
            let tight = MarkdownNode.parent(node).map { MarkdownNode.isItem($0) && MarkdownNode.parent($0).map(MarkdownNode.isTightList) == true } ?? false
            open(tight ? "" : "<p>", tight ? "" : "</p>")
        case .heading:
            newline()
            let level = min(4, max(3, MarkdownNode.headingLevel(node)))
            open("<h\(level)>", "</h\(level)>")
        case .blockQuote:
            newline()
            if let level = careLevel(node) {
                openCards.append((node, level, plain.utf8.count))
                open("<div class=\"care care-\(level.rawValue)\" role=\"note\"><p class=\"care-label\"><strong>\(Escape.html(level.label))</strong></p>", "</div>")
            } else {
                open("<blockquote>", "</blockquote>")
            }
        case .list:
            newline()
            if MarkdownNode.isOrderedList(node) {
                let start = MarkdownNode.listStart(node)
                listNumbers.append(start)
                open(start == 1 ? "<ol>" : "<ol start=\"\(start)\">", "</ol>")
            } else {
                listNumbers.append(nil)
                open("<ul>", "</ul>")
            }
        case .item:
            newline()
            // Numbers are words of an ordered list ("1. Rest"); bullets are only layout.
            if let n = listNumbers.last, let number = n {
                plain += "\(number). "
                afterNumber = true
                listNumbers[listNumbers.count - 1] = number + 1
            }
            open("<li>", "</li>")
        case .codeBlock:
            newline()
            let code = MarkdownNode.literal(node)
            plain += code
            if wantsHTML { emit("<pre><code>", Escape.html(code), "</code></pre>") }
        case .thematicBreak:
            emit("<hr>")
        case .htmlBlock, .htmlInline:
            break  // raw HTML: never shown, not words
        case .text:
            let text = MarkdownNode.literal(node)
            plain += text
            // Escaped only for a page: the index reads the plain text alone, and building the
            // HTML it drops was most of indexing's parse.
            if wantsHTML { emit(Escape.html(text)) }
        case .code:
            let text = MarkdownNode.literal(node)
            plain += text
            if wantsHTML { emit("<code>", Escape.html(text), "</code>") }
        case .softBreak:
            plain += "\n"
            emit("\n")
        case .lineBreak:
            plain += "\n"
            emit("<br>\n")
        case .emphasis: open("<em>", "</em>")
        case .strong: open("<strong>", "</strong>")
        case .strikethrough: open("<del>", "</del>")
        case .link:
            if let target = MarkdownLink.target(MarkdownNode.url(node)) {
                let rel = target.isExternal ? " rel=\"nofollow noopener\"" : ""
                open(wantsHTML ? "<a href=\"\(Escape.html(target.href))\"\(rel)>" : "", "</a>")
            } else {
                open("", "")  // a link Sana does not allow: its words stay, as plain text
            }
        case .image:
            open("", "")  // images are not shown; their alt text is
        case .table:
            newline()
            open("<div class=\"table-scroll\"><table>", MarkdownNode.hasOneChild(node) ? "</table></div>" : "</tbody></table></div>")
        case .tableRow:
            newline()
            inHeaderRow = MarkdownNode.isHeaderRow(node)
            let firstBodyRow = !inHeaderRow && MarkdownNode.previous(node).map(MarkdownNode.isHeaderRow) == true
            open(inHeaderRow ? "<thead><tr>" : firstBodyRow ? "<tbody><tr>" : "<tr>", inHeaderRow ? "</tr></thead>" : "</tr>")
        case .tableCell:
            if MarkdownNode.previous(node) != nil { plain += " " }
            open(inHeaderRow ? "<th>" : "<td>", inHeaderRow ? "</th>" : "</td>")
        case .document, .other:
            open("", "")
        }
        if topLevel && kind.isLeaf { noteLead() }
    }

    private mutating func exit(_ node: OpaquePointer, _ kind: MarkdownKind) {
        if kind == .document { return }
        if let text = headingText {
            guard kind == .heading, MarkdownNode.parent(node) == root else { return }
            headingText = nil
            let title = Summary.collapseWhitespace(text)
            // An empty heading ("##") starts nothing, as it names nothing.
            guard !title.isEmpty else { return }
            flush()
            heading = title
            return
        }
        if kind == .list { listNumbers.removeLast() }
        if kind == .blockQuote, let card = openCards.last, card.quote == node {
            openCards.removeLast()
            let words = String(decoding: plain.utf8.dropFirst(card.start), as: UTF8.self)
            careCards.append(CareCard(level: card.level, text: Summary.collapseWhitespace(words)))
        }
        if let closer = closers.popLast() { emit(closer) }
        if MarkdownNode.parent(node) == root { noteLead() }
    }

    // MARK: Output

    private mutating func open(_ opener: String, _ closer: String) {
        emit(opener)
        closers.append(closer)
    }

    private mutating func emit(_ pieces: String...) {
        guard wantsHTML else { return }
        for p in pieces { html += p }
    }

    /// Blocks' words stay apart in plain text.
    private mutating func newline() {
        if afterNumber { afterNumber = false; return }
        if let last = plain.utf8.last, last != 0x0A { plain += "\n" }
    }

    /// Summaries use a few hundred characters of the lead; a few thousand bytes are plenty.
    static let leadBytes = 4096

    private mutating func noteLead() {
        guard lead == nil else { return }
        let bytes = plain.utf8.dropFirst(leadStart).prefix(Self.leadBytes)
        let words = Summary.collapseWhitespace(String(decoding: bytes, as: UTF8.self))
        if !words.isEmpty { lead = words }
    }

    /// A block quote opening with `[!LEVEL]` is a care card; the marker is layout, so it is
    /// taken out of the text before the quote's words are read.
    private func careLevel(_ quote: OpaquePointer) -> CareLevel? {
        guard let paragraph = MarkdownNode.firstChild(quote), MarkdownNode.isParagraph(paragraph),
              let first = MarkdownNode.firstChild(paragraph), MarkdownNode.isText(first),
              let (level, rest) = CareLevel.parse(MarkdownNode.literal(first)) else { return nil }
        MarkdownNode.setLiteral(first, rest)
        return level
    }

    private mutating func flush() {
        parts.append(Part(heading: heading, text: plain.trimmed, html: html, isRunningText: runningText))
        plain = ""
        html = ""
        runningText = true
        heading = nil
    }
}

/// Where an article's links may lead.
enum MarkdownLink {
    /// http(s) (external), mailto and site-relative addresses; nil for anything else
    /// (`javascript:`, `data:`, protocol-relative `//host`, which browsers also read in `/\host`).
    static func target(_ url: String) -> (href: String, isExternal: Bool)? {
        let head = url.prefix(8).lowercased()
        if head.hasPrefix("https://") || head.hasPrefix("http://") { return (url, true) }
        if head.hasPrefix("mailto:") { return (url, false) }
        if url.hasPrefix("/"), !url.hasPrefix("//"), !url.hasPrefix("/\\") { return (url, false) }
        return nil
    }
}

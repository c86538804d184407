import Foundation

/// Short plain-text summaries and excerpts.
public enum Summary {
    public static let maxLength = 200

    /// The plain text of the first block of a Markdown body that has words (headings skipped),
    /// cut to at most `maxLength` characters at a sentence or word boundary.
    public static func derive(from body: String, maxLength: Int = Summary.maxLength) -> String {
        guard let text = MarkdownWalker.read(body, html: false).lead else { return "" }
        // An inline numbered section ("... 1. Heading Text") ends the intro paragraph.
        let intro = SectionParser.introduction(of: text)
        return sentences(intro.isEmpty ? text : intro, upTo: maxLength)
    }

    /// Whole sentences up to `maxLength` characters; when even the first sentence is longer, the
    /// text is cut at a word boundary and ends in "…".
    static func sentences(_ text: String, upTo maxLength: Int) -> String {
        let clean = collapseWhitespace(text.prefix(maxLength * 2 + 16))
        guard clean.count > maxLength else { return clean }
        let head = clean.prefix(maxLength)
        var end: Substring.Index? = nil
        var i = head.startIndex
        while i < head.endIndex {
            let next = head.index(after: i)
            if ".!?".contains(head[i]), next == head.endIndex || head[next] == " " { end = next }
            i = next
        }
        if let end { return String(head[..<end]) }
        return cut(clean, to: maxLength, marker: "…")
    }

    /// Cuts `text` to at most `maxLength` characters (including the marker) at a word boundary.
    public static func cut(_ text: String, to maxLength: Int, marker: String = "...") -> String {
        // Only the head matters; collapsing the whitespace of a whole long answer is wasted work.
        let clean = collapseWhitespace(text.prefix(maxLength * 2 + 16))
        guard clean.count > maxLength else { return clean }
        let room = maxLength - marker.count
        let prefix = clean.prefix(room + 1)
        var cutText: Substring
        if let space = prefix.lastIndex(of: " ") { cutText = prefix[..<space] } else { cutText = prefix.prefix(room) }
        while let last = cutText.last, ",;:-–(".contains(last) { cutText = cutText.dropLast() }
        return String(cutText) + marker
    }

    /// Runs of white space become one space; leading and trailing white space goes.
    public static func collapseWhitespace<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            // ASCII first: the Unicode property lookup was most of the time on long answers.
            if scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The words of a Markdown text: no marks, no link addresses, no raw HTML, no care-card
    /// levels; blocks and list items on lines of their own, ordered items with their numbers.
    public static func plainText(_ markdown: String) -> String {
        MarkdownWalker.read(markdown, html: false, sections: false).parts.map(\.text).joined(separator: "\n")
    }
}

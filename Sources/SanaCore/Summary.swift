import Foundation

/// Short plain-text summaries and excerpts.
public enum Summary {
    public static let maxLength = 200

    /// The first paragraph of a Markdown body (headings skipped, inline marks removed), cut to
    /// at most `maxLength` characters at a word boundary.
    public static func derive(from body: String, maxLength: Int = Summary.maxLength) -> String {
        let paragraphs = body.components(separatedBy: "\n\n")
        for raw in paragraphs {
            let lines = raw.split(separator: "\n").map(\.trimmed)
                .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            guard !lines.isEmpty else { continue }
            let text = plainText(lines.joined(separator: " "))
            // An inline numbered section ("... 1. Heading Text") ends the intro paragraph.
            let intro = SectionParser.introduction(of: text)
            return sentences(intro.isEmpty ? text : intro, upTo: maxLength)
        }
        return ""
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
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Removes the Markdown marks readers should not see in a plain excerpt.
    public static func plainText(_ markdown: String) -> String {
        var s = markdown
        // [text](url) -> text
        while s.containsBytes("]("), let open = s.range(of: "]("), let start = s[..<open.lowerBound].lastIndex(of: "["),
              let close = s[open.upperBound...].firstIndex(of: ")") {
            let label = s[s.index(after: start)..<open.lowerBound]
            s.replaceSubrange(start...close, with: label)
        }
        for mark in ["**", "__", "`"] where s.containsBytes(mark) { s = s.replacingOccurrences(of: mark, with: "") }
        // List markers at line starts are layout too.
        for marker in ["- ", "* "] {
            if s.hasPrefix(marker) { s.removeFirst(2) }
            if s.containsBytes("\n" + marker) { s = s.replacingOccurrences(of: "\n" + marker, with: "\n") }
        }
        // Block quotes and care-card levels ("> [!URGENT] …") are layout, not words.
        if s.hasPrefix("> ") { s.removeFirst(2) }
        if s.containsBytes("\n> ") { s = s.replacingOccurrences(of: "\n> ", with: "\n") }
        for mark in ["[!EMERGENCY] ", "[!URGENT] ", "[!NON-URGENT] "] where s.containsBytes(mark) {
            s = s.replacingOccurrences(of: mark, with: "")
        }
        return s.trimmed
    }
}

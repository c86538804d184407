import Foundation

/// Splits a body into sections, from one parse of its Markdown (see `MarkdownWalker`).
///
/// Two kinds of heading are recognised: Markdown headings at the top level of the body
/// (`## Causes`) and the inline numbered headings of scraped pages, where running text goes
/// "… 1. Chronic Inflammation Calcification points …". An inline heading must be numbered 1, 2,
/// 3… in order, start after a sentence end, and consist of at most eight words; it ends before the
/// first capitalised word that is followed by a lower-case word ("Chronic Inflammation |
/// Calcification points"). Only sections of plain paragraphs are searched for inline headings,
/// so a Markdown numbered list stays a list.
public enum SectionParser {
    /// The sections with their plain text: what search and summaries read.
    public static func sections(of body: String) -> [Section] {
        split(body, html: false).map(\.section)
    }

    /// The sections with the HTML the article page shows for each.
    public static func renderedSections(of body: String) -> [RenderedSection] {
        split(body, html: true)
    }

    private static func split(_ body: String, html: Bool) -> [RenderedSection] {
        var result: [RenderedSection] = []
        for part in MarkdownWalker.read(body, html: html).parts {
            if part.heading == nil && part.text.isEmpty { continue }
            // Inline numbered headings inside running text become sections of their own; their
            // text is shown as one plain paragraph each.
            let inline = part.isRunningText ? splitInline(part.text) : [(nil, part.text)]
            guard inline.count > 1 || inline.first?.heading != nil else {
                result.append(make(part.heading, part.text, part.html))
                continue
            }
            func paragraph(_ text: String) -> String { html && !text.isEmpty ? "<p>" + Escape.html(text) + "</p>" : "" }
            var first = true
            for piece in inline {
                if first && piece.heading == nil {
                    result.append(make(part.heading, piece.text, paragraph(piece.text)))
                } else if first && part.heading != nil && piece.heading != nil {
                    result.append(make(part.heading, "", ""))
                    result.append(make(piece.heading, piece.text, paragraph(piece.text)))
                } else {
                    result.append(make(piece.heading, piece.text, paragraph(piece.text)))
                }
                first = false
            }
        }
        return result.filter { $0.section.heading != nil || !$0.section.text.isEmpty }
    }

    /// The text before the first inline numbered heading.
    public static func introduction(of text: String) -> String {
        let parts = splitInline(text)
        guard parts.count > 1, parts[0].heading == nil else { return text }
        return parts[0].text
    }

    private static func make(_ heading: String?, _ text: String, _ html: String) -> RenderedSection {
        let aspect: Aspect = heading.map { Aspect.infer(fromHeading: $0) } ?? .overview
        return RenderedSection(section: Section(heading: heading, aspect: aspect, text: text), html: html)
    }

    /// Splits one block of running text at inline numbered headings.
    static func splitInline(_ text: String) -> [(heading: String?, text: String)] {
        // Most bodies have no "1. " at all; skip the word-by-word scan for them.
        guard mayHaveInlineHeading(text) else { return [(nil, text)] }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var parts: [(heading: String?, words: [Substring])] = [(nil, [])]
        var expected = 1
        var i = 0
        while i < words.count {
            let w = words[i]
            let atSentenceStart = i == 0 || endsSentence(words[i - 1])
            if atSentenceStart, w == "\(expected).", let (headingWords, next) = headingRun(words, from: i + 1) {
                let title = headingWords.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
                parts.append((title, []))
                expected += 1
                i = next
                continue
            }
            parts[parts.count - 1].words.append(w)
            i += 1
        }
        guard parts.count > 1 else { return [(nil, text)] }
        return parts.enumerated().compactMap { index, part in
            let joined = part.words.joined(separator: " ")
            if index == 0 && joined.isEmpty { return nil }
            return (part.heading, joined)
        }
    }

    /// Whether "1." followed by a capitalised word starts the text or a sentence: a byte scan
    /// that spares the word-by-word pass for the many texts without numbered headings.
    static func mayHaveInlineHeading(_ text: String) -> Bool {
        let bytes = text.utf8
        var previous: UInt8 = 0x2E  // the start of the text counts as a sentence start
        var lastNonSpace: UInt8 = 0x2E
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == 0x31, previous == 0x20 || i == bytes.startIndex, ".!?:|".utf8.contains(lastNonSpace) {
                var j = bytes.index(after: i)
                if j != bytes.endIndex, bytes[j] == 0x2E {
                    j = bytes.index(after: j)
                    var spaces = 0
                    while j != bytes.endIndex, bytes[j] == 0x20 { spaces += 1; j = bytes.index(after: j) }
                    if spaces > 0, j != bytes.endIndex, (bytes[j] >= 0x41 && bytes[j] <= 0x5A) || bytes[j] >= 0x80 { return true }
                }
            }
            if b != 0x20 { lastNonSpace = b }
            previous = b
            i = bytes.index(after: i)
        }
        return false
    }

    private static func endsSentence(_ word: Substring) -> Bool {
        guard let last = word.last else { return false }
        return ".!?:|".contains(last)
    }

    private static func isCapitalised(_ w: Substring) -> Bool { w.first?.isUppercase == true }
    private static func isLowercaseWord(_ w: Substring) -> Bool { w.first?.isLowercase == true }

    private static func headingRun(_ words: [Substring], from start: Int) -> ([Substring], Int)? {
        guard start < words.count, isCapitalised(words[start]) else { return nil }
        var end = start + 1
        while end < words.count, end - start < 8 {
            let w = words[end]
            if endsSentence(words[end - 1]) { break }
            if isCapitalised(w), end + 1 < words.count, isLowercaseWord(words[end + 1]) { break }
            end += 1
        }
        // The heading must be followed by text; a heading that never stops is just a sentence.
        guard end < words.count, end - start < 8 || isCapitalised(words[end]) else { return nil }
        return (Array(words[start..<end]), end)
    }
}

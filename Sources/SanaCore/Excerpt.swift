import Foundation

/// Excerpts of articles as related lists show them: text cut at a word boundary ending in "...".
public enum Excerpt {
    public static func make(_ text: String, maxLength: Int = 50) -> String {
        let plain = Summary.plainText(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var cut = Summary.cut(plain, to: maxLength - 3, marker: "")
        while let last = cut.last, ".,;:!?…".contains(last) { cut.removeLast() }
        return cut + "..."
    }

    /// The text of an excerpt without its trailing ellipsis and the partial word before it.
    public static func stem(_ excerpt: String) -> String {
        var s = excerpt.trimmingCharacters(in: .whitespaces)
        while s.hasSuffix(".") || s.hasSuffix("…") { s.removeLast() }
        return s.trimmingCharacters(in: .whitespaces)
    }
}

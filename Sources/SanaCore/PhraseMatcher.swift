/// Finds phrases in a text's words: each element of a phrase matches one word, the words in a
/// row, except a gap, which skips up to `maxGap` words. What an element is (a word, a word's
/// start, a stem, a number) is the caller's: question types and section aspects use `CuePhrase`,
/// red flags their own elements.
public enum PhraseMatcher {
    /// Whether `phrase` occurs somewhere in a text of `wordCount` words; `matches(element, i)`
    /// says whether an element matches word `i`.
    public static func occurs<Element>(_ phrase: [Element], wordCount: Int, maxGap: Int = 3,
                                       isGap: (Element) -> Bool = { _ in false },
                                       matches: (Element, Int) -> Bool) -> Bool {
        // Matches phrase[p...] starting at word i.
        func from(_ p: Int, _ i: Int) -> Bool {
            if p == phrase.count { return true }
            if isGap(phrase[p]) { return (0...maxGap).contains { i + $0 <= wordCount && from(p + 1, i + $0) } }
            return i < wordCount && matches(phrase[p], i) && from(p + 1, i + 1)
        }
        return (0..<wordCount).contains { from(0, $0) }
    }
}

/// A cue phrase ("how do i know if", "diagnos"): words in a row, compared byte by byte (no
/// locale, no folding), the last of which may be the start of a longer word, so "diagnos" finds
/// "diagnosis" and "eat" finds "eating" but not "treatment".
public struct CuePhrase: Sendable {
    private let words: [[UInt8]]

    public init(words: some Sequence<some StringProtocol>) {
        self.words = words.map { Array($0.utf8) }
    }

    /// The words of a text as the cues compare them.
    public static func words(_ words: some Sequence<some StringProtocol>) -> [[UInt8]] { words.map { Array($0.utf8) } }

    public func occurs(in text: [[UInt8]]) -> Bool {
        guard let last = words.indices.last else { return true }
        return PhraseMatcher.occurs(Array(words.indices), wordCount: text.count) { w, i in
            w == last ? text[i].starts(with: words[w]) : text[i] == words[w]
        }
    }
}

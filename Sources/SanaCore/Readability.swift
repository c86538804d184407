import Foundation

/// How hard a text is to read: the Flesch–Kincaid grade level,
/// `0.39 × words per sentence + 11.8 × syllables per word − 15.59`, and the sentences longer
/// than `longSentenceWords`. NHS writes for a reading age of 9 to 11, about US grade 4 to 6.
public struct Readability: Sendable, Equatable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int
    /// The sentences longer than `longSentenceWords`, as written (white space folded).
    public var longSentences: [String]

    /// Sentences longer than this are hard to follow in health information.
    public static let longSentenceWords = 25
    /// The grades a health article aims at (reading age 9 to 11).
    public static let targetGrades = 4.0...6.0

    /// Nil when the text has no words.
    public var grade: Double? {
        guard words > 0, sentences > 0 else { return nil }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Reads plain text (a body's sections as `SectionParser` gives them, headings left out).
    /// A sentence ends at `.`, `!` or `?` followed by white space, or at a line break: list items
    /// and table rows are sentences of their own even without a full stop. An abbreviation's full
    /// stop ("e.g.") ends a sentence too, so the count errs towards shorter sentences.
    public init(text: String) {
        words = 0; sentences = 0; syllables = 0; longSentences = []
        for line in text.split(whereSeparator: \.isNewline) {
            var current: [Substring] = []
            let tokens = line.split(whereSeparator: \.isWhitespace)
            for (i, token) in tokens.enumerated() {
                current.append(token)
                let last = token.last.map { ".!?".contains($0) } ?? false
                if last || i == tokens.count - 1 { add(current); current = [] }
            }
        }
    }

    private mutating func add(_ tokens: [Substring]) {
        let counted = tokens.filter { $0.contains { $0.isLetter || $0.isNumber } }
        guard !counted.isEmpty else { return }
        sentences += 1
        words += counted.count
        syllables += counted.reduce(0) { $0 + Self.syllables(in: $1) }
        if counted.count > Self.longSentenceWords { longSentences.append(tokens.joined(separator: " ")) }
    }

    /// Syllables of one English word, by a heuristic (no dictionary), right for most everyday
    /// words: the groups of vowels (a e i o u y) are counted; a silent final `e` (make), and
    /// the `es` (makes) and `ed` (jumped) endings that add no sound, take one away; a consonant
    /// before a final `le` keeps it (table); vowel pairs said as two (ia, io, iu, ua, ii),
    /// except in the endings said as one (-tion, -sion, -cial, -tial, -cian, -gion), add one.
    /// Numbers count one syllable per digit group; every word has at least one.
    public static func syllables<S: StringProtocol>(in word: S) -> Int {
        let letters = word.lowercased().filter { $0.isLetter }
        guard !letters.isEmpty else { return word.contains { $0.isNumber } ? 1 : 0 }
        let w = Array(letters)
        if w.count <= 3 { return 1 }
        func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }
        var count = 0
        var previousVowel = false
        for c in w {
            let vowel = isVowel(c)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        let n = w.count
        let beforeEnding: Character? = n >= 3 ? w[n - 3] : nil
        if w[n - 1] == "e" {
            let consonantLe = w[n - 2] == "l" && !isVowel(w[n - 3])
            if !consonantLe && !isVowel(w[n - 2]) { count -= 1 }
        } else if w[n - 2] == "e" && w[n - 1] == "s", let b = beforeEnding, !isVowel(b) {
            let sounded = "sxzcg".contains(b) || (b == "h" && n >= 4 && "cs".contains(w[n - 4])) || (b == "l" && n >= 4 && !isVowel(w[n - 4]))
            if !sounded { count -= 1 }
        } else if w[n - 2] == "e" && w[n - 1] == "d", let b = beforeEnding, !isVowel(b), !"td".contains(b) {
            count -= 1
        }
        let text = String(w)
        for pair in ["ia", "io", "iu", "ua", "ii"] {
            var search = text[...]
            while let r = search.range(of: pair) {
                let before = text[text.startIndex..<r.lowerBound].last
                let said = !(pair.hasPrefix("i") && before.map { "tscg".contains($0) } == true) && !(pair == "ua" && before.map { "gq".contains($0) } == true)
                if said { count += 1 }
                search = text[r.upperBound...]
            }
        }
        return max(1, count)
    }
}

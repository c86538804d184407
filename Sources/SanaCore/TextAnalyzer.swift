import Foundation

/// Turns text into index terms: Unicode normalisation (NFKC, case and diacritic folding), a
/// tokeniser that keeps medical tokens whole (`covid-19`, `b12`, `5mg`, `t-cells`), stop words
/// that spare medically meaningful words ("not", "after", "during"), and the English stemmer.
public enum TextAnalyzer {
    /// Folded, lower-case tokens in order, before stop words and stemming.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachToken(text) { out.append($0) }
        return out
    }

    /// Index terms: tokens without stop words, stemmed (tokens holding digits or hyphens are kept
    /// as they are).
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        forEachToken(text) { if let t = term(forToken: $0) { out.append(t) } }
        return out
    }

    /// The term of one token; nil for a stop word.
    public static func term(forToken token: String) -> String? {
        if stopWords.contains(token) { return nil }
        if token.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) { return token }
        return EnglishStemmer.stem(token)
    }

    /// NFKC, lower case, no diacritics: "Crème BRÛLÉE" → "creme brulee".
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{2019}", with: "'")
    }

    /// Calls `body` with each token. ASCII text (nearly all of it) is scanned as bytes; other text
    /// is folded first.
    public static func forEachToken(_ text: String, _ body: (String) -> Void) {
        var folded = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) { folded = fold(text) }
        var bytes = Array(folded.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        // Bytes beyond ASCII count as word bytes here; a run holding any goes through the scalar
        // path, so letters that folding kept (Greek, Cyrillic…) still form tokens.
        func isWordByte(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 }
        var start = -1
        var beyondASCII = false
        var i = 0
        let n = bytes.count
        while i <= n {
            let b: UInt8 = i < n ? bytes[i] : 0x20
            if isWordByte(b) {
                if start < 0 { start = i }
                if b >= 0x80 { beyondASCII = true }
            } else if (b == 0x2D || b == 0x27), start >= 0, i + 1 < n, isWordByte(bytes[i + 1]) {
                // hyphen or apostrophe inside a word: keep going
            } else if start >= 0 {
                if beyondASCII { scalarTokens(String(decoding: bytes[start..<i], as: UTF8.self), body) } else { emit(bytes[start..<i], body) }
                start = -1
                beyondASCII = false
            }
            i += 1
        }
    }

    /// Hyphenated words are kept whole when a part is a single letter or holds a digit
    /// (`t-cells`, `covid-19`, `hla-b27`, `x-ray`); other compounds split (`long-term`).
    /// Possessives lose their `'s` ("crohn's" → "crohn"); other apostrophes go ("don't" → "dont").
    private static func emit(_ raw: ArraySlice<UInt8>, _ body: (String) -> Void) {
        var word = raw
        if !word.contains(where: { $0 == 0x27 || $0 == 0x2D }) { body(String(decoding: word, as: UTF8.self)); return }
        if word.count >= 2, word[word.endIndex - 2] == 0x27, word.last == 0x73 { word = word.dropLast(2) }
        var clean = word.filter { $0 != 0x27 }
        guard !clean.isEmpty else { return }
        guard clean.contains(0x2D) else { body(String(decoding: clean, as: UTF8.self)); return }
        let parts = clean.split(separator: 0x2D)
        if parts.contains(where: { $0.count == 1 || $0.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) }) {
            body(String(decoding: clean, as: UTF8.self))
        } else {
            for p in parts { body(String(decoding: p, as: UTF8.self)) }
        }
        clean.removeAll()
    }

    /// The slow path for scripts beyond ASCII.
    private static func scalarTokens(_ folded: String, _ body: (String) -> Void) {
        var current = ""
        let scalars = Array(folded.unicodeScalars)
        func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) }
        for (i, s) in scalars.enumerated() {
            if isWord(s) {
                current.unicodeScalars.append(s)
            } else if (s == "-" || s == "'"), !current.isEmpty, i + 1 < scalars.count, isWord(scalars[i + 1]) {
                current.unicodeScalars.append(s)
            } else if !current.isEmpty {
                emitScalar(current, body)
                current = ""
            }
        }
        if !current.isEmpty { emitScalar(current, body) }
    }

    private static func emitScalar(_ token: String, _ body: (String) -> Void) {
        var t = token
        if t.hasSuffix("'s") { t.removeLast(2) }
        t.removeAll { $0 == "'" }
        guard !t.isEmpty else { return }
        let parts = t.split(separator: "-")
        if parts.count == 1 || parts.contains(where: { $0.count == 1 || $0.contains(where: \.isNumber) }) { body(t) } else {
            for p in parts { body(String(p)) }
        }
    }

    /// Function words that carry no meaning for search. Words that change a health question's
    /// meaning are deliberately absent: not, no, after, before, during, without, against, over,
    /// under, off, above, below, more, most, less, few, only, again, while, until.
    public static let stopWords: Set<String> = [
        "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "being",
        "both", "but", "by", "can", "could", "did", "do", "does", "doing", "each", "for", "from",
        "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
        "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
        "my", "myself", "nor", "of", "on", "or", "other", "our", "ours", "ourselves", "own", "same",
        "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
        "very", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "yourselves", "im", "ive", "id", "ill",
        "youre", "dont", "doesnt", "didnt", "cant", "also", "may", "might", "must", "shall", "get",
        "got", "let", "us", "s", "t", "re", "ve", "ll", "d", "m",
    ]
}

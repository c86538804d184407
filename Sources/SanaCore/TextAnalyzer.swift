import Foundation

/// Turns text into index terms: Unicode normalisation (NFKC, case and diacritic folding), a
/// tokeniser that keeps medical tokens whole (`covid-19`, `b12`, `5mg`, `t-cells`), stop words
/// that spare medically meaningful words ("not", "after", "during"), and the English stemmer.
public enum TextAnalyzer {
    /// Folded, lower-case tokens in order, before stop words and stemming.
    public static func tokens(_ text: String) -> [String] {
        let folded = fold(text)
        var tokens: [String] = []
        var current: [Unicode.Scalar] = []
        let scalars = Array(folded.unicodeScalars)
        func flush() {
            // Trailing hyphens or apostrophes never belong to a token.
            while let last = current.last, last == "-" || last == "'" { current.removeLast() }
            if !current.isEmpty { tokens.append(contentsOf: split(String(String.UnicodeScalarView(current)))) }
            current.removeAll(keepingCapacity: true)
        }
        for (i, s) in scalars.enumerated() {
            if s.properties.isAlphabetic || ("0"..."9").contains(s) {
                current.append(s)
            } else if (s == "-" || s == "'"), !current.isEmpty, i + 1 < scalars.count,
                      scalars[i + 1].properties.isAlphabetic || ("0"..."9").contains(scalars[i + 1]) {
                current.append(s)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Index terms: tokens without stop words, stemmed (tokens holding digits are kept as they are).
    public static func terms(_ text: String) -> [String] {
        tokens(text).compactMap { stopWords.contains($0) ? nil : term(forToken: $0) }
    }

    /// The term of one token; nil for a stop word.
    public static func term(forToken token: String) -> String? {
        if stopWords.contains(token) { return nil }
        if token.contains(where: \.isNumber) || token.contains("-") { return token }
        return EnglishStemmer.stem(token)
    }

    /// NFKC, lower case, no diacritics: "Crème BRÛLÉE" → "creme brulee".
    public static func fold(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{2019}", with: "'")
    }

    /// Hyphenated words are kept whole when a part is a single letter or holds a digit
    /// (`t-cells`, `covid-19`, `hla-b27`, `x-ray`); other compounds split (`long-term`).
    /// Possessives lose their `'s` ("crohn's" → "crohn"); other apostrophes go ("don't" → "dont").
    static func split(_ token: String) -> [String] {
        var t = token
        if t.hasSuffix("'s") { t.removeLast(2) }
        t.removeAll { $0 == "'" }
        guard t.contains("-") else { return t.isEmpty ? [] : [t] }
        let parts = t.split(separator: "-")
        if parts.contains(where: { $0.count == 1 || $0.contains(where: \.isNumber) }) { return [t] }
        return parts.map(String.init)
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

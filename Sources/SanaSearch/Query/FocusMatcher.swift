import SanaCore

/// Finds the condition, drug or test a question is about: the longest run of the question's
/// terms that equals an article's focus or also-called name (see `FocusRecognition.swift` for
/// the recogniser built on it).
enum FocusMatcher {
    /// The comparable form of a name: its index terms joined by spaces.
    static func key(_ name: String) -> String { TextAnalyzer.terms(name).joined(separator: " ") }

    /// Words that qualify a name rather than make it (a drug's form or route, "syndrome",
    /// "disease"): people leave them out ("methylprednisolone" for "Methylprednisolone Oral").
    static let qualifiers: Set<String> = Set([
        "oral", "injection", "injectable", "topical", "ophthalmic", "otic", "nasal", "rectal", "vaginal",
        "transdermal", "inhalation", "tablets", "capsules", "solution", "suspension", "cream", "ointment",
        "syndrome", "disease", "disorder", "deficiency", "illness", "condition",
    ].compactMap { TextAnalyzer.term(forToken: $0) })

    /// A medicine's form and release words, left out wherever they stand after the first word
    /// ("Estradiol Transdermal Patch", "Bupropion Extended-Release Tablets").
    static let formWords: Set<String> = Set([
        "oral", "injection", "injectable", "topical", "ophthalmic", "otic", "nasal", "rectal", "vaginal", "transdermal",
        "inhalation", "tablet", "tablets", "capsule", "capsules", "solution", "suspension", "cream", "ointment", "patch",
        "gel", "spray", "drops", "syrup", "chewable", "extended", "release", "delayed", "sustained", "er", "xr", "sr", "cr",
        "xl", "dr", "odt", "hcl", "hydrochloride", "lotion", "powder", "inhaler", "implant", "film",
    ].compactMap { TextAnalyzer.term(forToken: $0) })

    /// A name's key without its form words and trailing qualifiers, or nil when it has none or nothing else.
    static func withoutQualifiers(_ key: String, formWords dropForms: Bool = true) -> String? {
        let all = key.split(separator: " ").map(String.init)
        var words = all.enumerated().filter { $0.offset == 0 || !dropForms || !formWords.contains($0.element) }.map(\.element)
        while words.count > 1, let last = words.last, qualifiers.contains(last) { words.removeLast() }
        return words.count < all.count ? words.joined(separator: " ") : nil
    }

    /// Keys and the other forms a question may use for them: without form words and qualifiers,
    /// and with the words in alphabetical order ("tooth abscess" is asked as "abscess teeth").
    static func variants(_ keys: [String]) -> [String] {
        var out = keys
        var seen = Set(keys)
        for key in keys {
            let short = withoutQualifiers(key)
            for form in [short, sortedWords(key), short.flatMap(sortedWords)] {
                if let form, seen.insert(form).inserted { out.append(form) }
            }
        }
        return out
    }

    /// The key's words in alphabetical order, when it has more than one.
    static func sortedWords(_ key: String) -> String? {
        let words = key.split(separator: " ")
        return words.count > 1 ? words.sorted().joined(separator: " ") : nil
    }

    /// The longest known names in `terms`, left to right, without overlaps.
    static func matches(in terms: [String], maxWords: Int = 6, known: (String) -> Bool) -> [(key: String, range: Range<Int>)] {
        var found: [(String, Range<Int>)] = []
        var i = 0
        while i < terms.count {
            // Runs from i grown a word at a time (one append each, not a join per length); the
            // longest known one wins, as trying the longest first would find.
            var best: Range<Int>? = nil
            var key = ""
            for n in stride(from: 1, through: min(maxWords, terms.count - i), by: 1) {
                if n > 1 { key += " " }
                key += terms[i + n - 1]
                if known(key) { best = i..<(i + n) }
            }
            if let best {
                found.append((terms[best].joined(separator: " "), best))
                i = best.upperBound
            } else {
                i += 1
            }
        }
        return found
    }
}

import SanaCore

/// Finds the condition, drug or test a question is about: the longest run of the question's
/// terms that equals an article's focus or also-called name.
enum FocusMatcher {
    /// The comparable form of a name: its index terms joined by spaces.
    static func key(_ name: String) -> String { TextAnalyzer.terms(name).joined(separator: " ") }

    /// Words that qualify a name rather than make it (a drug's form or route, "syndrome",
    /// "disease"): people leave them out ("methylprednisolone" for "Methylprednisolone Oral").
    static let qualifiers: Set<String> = Set([
        "oral", "injection", "injectable", "topical", "ophthalmic", "otic", "nasal", "rectal", "vaginal",
        "transdermal", "inhalation", "tablets", "capsules", "solution", "suspension", "cream", "ointment",
        "syndrome", "disease", "disorder", "deficiency",
    ].compactMap { TextAnalyzer.term(forToken: $0) })

    /// A name's key without its trailing qualifiers, or nil when it has none or nothing else.
    static func withoutQualifiers(_ key: String) -> String? {
        var words = key.split(separator: " ").map(String.init)
        var dropped = false
        while words.count > 1, let last = words.last, qualifiers.contains(last) { words.removeLast(); dropped = true }
        return dropped ? words.joined(separator: " ") : nil
    }

    /// The longest known names in `terms`, left to right, without overlaps.
    static func matches(in terms: [String], maxWords: Int = 6, known: (String) -> Bool) -> [(key: String, range: Range<Int>)] {
        var found: [(String, Range<Int>)] = []
        var i = 0
        while i < terms.count {
            var best: Range<Int>? = nil
            for n in stride(from: min(maxWords, terms.count - i), through: 1, by: -1) {
                let key = terms[i..<(i + n)].joined(separator: " ")
                if known(key) { best = i..<(i + n); break }
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

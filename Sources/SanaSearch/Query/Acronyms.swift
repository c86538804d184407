import SanaCore

extension IndexSnapshot {
    /// An acronym the person wrote in capitals ("PSP") and the words it stands for elsewhere in the
    /// question ("Progressive Supernuclear Palsy", "Ellis-Van Crevald Syndrome" for "EVC") are one
    /// name, even when the words are misspelt or no table pairs them: the words, which say more,
    /// become a candidate, and the acronym's mentions count as theirs (they share `knownAs`).
    func spellingOutAcronyms(_ found: [FocusCandidate], _ analysis: QueryAnalysis) -> [FocusCandidate] {
        var out = found
        for t in analysis.terms.indices {
            let acronym = analysis.tokens[analysis.termToken[t]]
            guard (3...6).contains(acronym.count), acronym.allSatisfy(\.isLetter), analysis.capitals.contains(acronym),
                  let range = wordsSpelling(acronym, in: analysis, other: t) else { continue }
            // Names inside the words give way to them; a name that runs past them is left alone.
            let inside = { (c: FocusCandidate) in c.range.lowerBound >= range.lowerBound && c.range.upperBound <= range.upperBound }
            guard !out.contains(where: { $0.range.overlaps(range) && !inside($0) }) else { continue }
            let key = analysis.terms[range].joined(separator: " ")
            let spelledAt = out.firstIndex { $0.range.contains(t) }
            // A known name is a candidate already, and the evidence chooses between it and the acronym.
            guard lookUpNameOrVariant(key) == nil else { continue }
            let knownAs = spelledAt.map { out[$0].knownAs } ?? key
            var words = FocusCandidate(key: key, said: key, knownAs: knownAs, words: analysis.surface(of: range), range: range,
                                       hasArticle: spelledAt.map { out[$0].hasArticle } ?? false,
                                       isDrug: spelledAt.map { out[$0].isDrug } ?? false,
                                       specificity: specificity(of: Array(analysis.terms[range])))
            words.reasons = " spells \(acronym)"
            if let spelledAt { out[spelledAt].knownAs = knownAs }
            out.removeAll(where: inside)
            out.append(words)
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The terms, outside term `other`, whose words' first letters spell `acronym` one by one (stop
    /// words between them skipped: "tetralogy of Fallot"), with a trailing "syndrome" or "disease"
    /// the acronym leaves out; nil unless one of the words is a word of a known name.
    func wordsSpelling(_ acronym: String, in analysis: QueryAnalysis, other: Int) -> Range<Int>? {
        let letters = Array(acronym)
        let terms = analysis.terms
        let sentenceOf = { (term: Int) in analysis.sentence(ofTerm: term) }
        for start in terms.indices where start + letters.count <= terms.count {
            let range = start..<(start + letters.count)
            guard !range.contains(other) else { continue }
            let spells = range.allSatisfy { k in
                let word = analysis.tokens[analysis.termToken[k]]
                guard word.first == letters[k - start], word.count > 1, word.allSatisfy(\.isLetter), word != acronym else { return false }
                guard k > start else { return true }
                let between = analysis.tokens[(analysis.termToken[k - 1] + 1)..<analysis.termToken[k]]
                return sentenceOf(k) == sentenceOf(k - 1) && between.allSatisfy(TextAnalyzer.stopWords.contains)
            }
            guard spells, range.contains(where: { nameVocabulary.words.contains(terms[$0]) }) else { continue }
            let next = range.upperBound
            if next < terms.count, FocusMatcher.qualifiers.contains(terms[next]), sentenceOf(next) == sentenceOf(next - 1),
               analysis.termToken[next] == analysis.termToken[next - 1] + 1 {
                return start..<(next + 1)
            }
            return range
        }
        return nil
    }
}

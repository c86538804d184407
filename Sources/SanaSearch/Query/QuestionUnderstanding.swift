import SanaCore

/// Everything the engine makes of a question before ranking: its words with typos corrected,
/// the kinds of question, any emergency it describes, the names it is about, and how much each
/// index term weighs.
struct UnderstoodQuestion {
    var analysis: QueryAnalysis
    /// The urgent-care notice the question calls for, if any.
    var urgent: RedFlag?
    /// The focus names found, as keys (see `FocusMatcher.key`).
    var focusKeys: [String]
    /// Index terms to score, with their weights.
    var weights: [Int32: Float]
    /// The question's terms the index holds, for explaining a result.
    var matchedTerms: [String]

    /// Self-harm intent: answers are limited to help and treatment, never means.
    var crisis: Bool { urgent?.crisis == true }
}

extension IndexSnapshot {
    func understand(_ question: String, parameters: RankingParameters) -> UnderstoodQuestion {
        var analysis = QueryAnalysis(question)
        analysis.correct(using: speller, english: englishWords) { word in
            TextAnalyzer.term(forToken: word).flatMap { termIDs[$0] }.map { postings[Int($0)].count } ?? 0
        }
        if !analysis.corrections.isEmpty, let fixed = analysis.didYouMean { analysis.types = QuestionType.detect(in: fixed) }
        // The person's own words count as well as the corrected ones: a correction must never hide an emergency.
        let urgent = RedFlags.check([question] + [analysis.didYouMean].compactMap { $0 },
                                    isEnglish: { self.englishWords.contains($0) || self.speller.contains($0) })
        // A focus must be specific: a one-word name that is short ("ed", "hi") or common across
        // the corpus ("disease", "blood") says little about what the question is about.
        let focus = FocusMatcher.matches(in: analysis.terms, known: focusDocs.contains).filter { match in
            guard !match.key.contains(" ") else { return true }
            guard match.key.count >= 4, let id = termIDs[match.key] else { return false }
            return Float(postings[Int(id)].count) <= Float(max(liveCount, 1)) * parameters.focusMaxShare
        }
        var weights: [Int32: Float] = [:]
        var matchedTerms: [String] = []
        for (index, term) in analysis.terms.enumerated() {
            guard let id = termIDs[term] else { continue }
            let inFocus = focus.contains { $0.range.contains(index) }
            var w: Float = Filler.words.contains(term) && !inFocus ? parameters.fillerWeight : 1
            if analysis.corrected.contains(index) { w *= parameters.correctionWeight }
            weights[id, default: 0] += w
            matchedTerms.append(term)
        }
        // Other names of the things the question names: "heart attack" also searches
        // "myocardial infarction", lightly.
        for match in FocusMatcher.matches(in: analysis.terms, known: { self.synonymKeys[$0] != nil }) {
            for other in (synonyms.others[match.key] ?? []).sorted() {
                for term in other.split(separator: " ") {
                    guard let id = termIDs[String(term)] else { continue }
                    weights[id, default: 0] += parameters.synonymWeight
                }
            }
        }
        // Self-harm intent: help articles must be found even when the question's words find only means.
        if urgent?.crisis == true {
            for term in TextAnalyzer.terms(CrisisAnswers.shared.ask) {
                if let id = termIDs[term] { weights[id, default: 0] += 1 }
            }
        }
        return UnderstoodQuestion(analysis: analysis, urgent: urgent, focusKeys: focus.map(\.key),
                                  weights: weights, matchedTerms: matchedTerms)
    }
}

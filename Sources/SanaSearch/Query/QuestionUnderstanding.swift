import Foundation
import SanaCore

/// Everything the engine makes of a question before ranking: its words with typos corrected,
/// the kinds of question, any emergency it describes, the names it is about, and how much each
/// index term weighs.
struct UnderstoodQuestion {
    var analysis: QueryAnalysis
    /// The urgent-care notice the question calls for, if any.
    var urgent: RedFlag?
    /// The names the question is about, the thing asked about first (see `recognizeFocus`).
    var focus: [FocusCandidate]
    /// The focus names ranking boosts, as keys (see `FocusMatcher.key`) that articles are about.
    var focusKeys: [String]
    /// Index terms to score, with their weights.
    var weights: [Int32: Float]
    /// The terms the learned ranking's features read: more of them (`featureQueryTerms`).
    var featureWeights: [Int32: Float]
    /// The question's terms the index holds, for explaining a result.
    var matchedTerms: [String]

    /// Self-harm intent: answers are limited to help and treatment, never means.
    var crisis: Bool { urgent?.crisis == true }

    var understanding: Understanding {
        Understanding(types: analysis.types,
                      focus: focus.map { FocusName(key: $0.said, words: $0.words, knownAs: $0.knownAs, specificity: $0.specificity,
                                                   hasArticle: $0.hasArticle) },
                      corrections: analysis.corrections.map { SpellingCorrection(from: $0.from, to: $0.to) })
    }
}

extension IndexSnapshot {
    /// Whether a question word is part of a name Sana knows (a brand, an abbreviation, a draft's
    /// focus): such a word is never "corrected".
    func isNameWord(_ token: String) -> Bool {
        if names.words.contains(token) { return true }
        guard let term = TextAnalyzer.term(forToken: token) else { return false }
        return lookUpName(term) != nil
    }

    /// Whether a word names a medicine: a correction into one must be a one-letter slip, never
    /// a guess between two drugs ("amoxicillin" is not "ampicillin").
    func isDrugWord(_ word: String) -> Bool {
        guard let term = TextAnalyzer.term(forToken: word) else { return false }
        return names.drugs.contains(term) || unpublished.isDrug(term) || (lookUpName(term)?.isDrug ?? false)
    }

    func understand(_ question: String, parameters: RankingParameters, explain: Bool = false) -> UnderstoodQuestion {
        var analysis = QueryAnalysis(question)
        let frequency = { (word: String) -> Int in
            TextAnalyzer.term(forToken: word).flatMap { self.termIDs[$0] }.map { self.postings[Int($0)].count } ?? 0
        }
        // Conservative: a word of five letters or more, corrected into a name Sana knows or a word
        // several articles use (rare words of the corpus are as often another typo, a web
        // address or a surname), never at two letters' distance into a medicine. "Several" is
        // fewer in a small site, where every word is rare.
        let smallSite = 1 + liveCount / 200
        analysis.correct(using: speller, english: englishWords, keep: isNameWord, allow: { from, to, distance in
            from.count >= 5 && (distance == 1 || !self.isDrugWord(to))
                && (self.isNameWord(to) || frequency(to) >= min(from.count >= 8 ? 3 : 10, smallSite))
        }, overridesRunTogether: { to, distance in
            // One letter from a word of a name articles are about beats a split into two words.
            distance == 1 && TextAnalyzer.term(forToken: to).map(self.nameVocabulary.words.contains) == true
        }, frequency: frequency)
        if !analysis.corrections.isEmpty { analysis.types = QuestionType.detect(in: analysis.correctedQuestion) }
        // The person's own words count as well as the corrected ones: a correction must never hide an emergency.
        let urgent = RedFlags.check([question] + [analysis.didYouMean].compactMap { $0 },
                                    isEnglish: { self.englishWords.contains($0) || self.speller.contains($0) })
        let focus = recognizeFocus(analysis, explain: explain)
        // Ranking boosts the names the recogniser took that articles are about, the thing asked
        // about first: its rules already turned away short words not written in capitals ("ed",
        // "meds") and everyday words, and weigh a common one-word name ("diabetes") by its rarity
        // rather than drop it. A brand, lay term or abbreviation counts as the name it stands for.
        let boosted = focus.filter { $0.hasArticle && !$0.knownAs.isEmpty }.map(\.knownAs)
        var weights: [Int32: Float] = [:]
        var matchedTerms: [String] = []
        // Where the message asks something (a question sentence, a subject line), the words of
        // the story around it weigh less: a long story must not drown the question.
        var asking = analysis.questionSentences
        if let subject = analysis.subjectLine { asking.insert(subject) }
        for (index, term) in analysis.terms.enumerated() {
            guard let id = termIDs[term] else { continue }
            let inFocus = focus.contains { $0.range.contains(index) }
            var w: Float = Filler.words.contains(term) && !inFocus ? parameters.fillerWeight : 1
            if !inFocus, !asking.isEmpty, !asking.contains(analysis.sentence(ofTerm: index)) { w *= parameters.storyWeight }
            if analysis.corrected.contains(index) { w *= parameters.correctionWeight }
            weights[id, default: 0] += w
            matchedTerms.append(term)
        }
        // A brand, lay name or abbreviation also searches the name articles use ("effexor": venlafaxine).
        for candidate in focus where candidate.knownAs != candidate.key {
            for term in candidate.knownAs.split(separator: " ") {
                guard let id = termIDs[String(term)], weights[id] == nil else { continue }
                weights[id] = 1
                matchedTerms.append(String(term))
            }
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
        // A long message's story words are rarer than the name it asks about ("fraternal twins",
        // "estranged" beside "congenital diaphragmatic hernia"): the names' own terms are always scored.
        var nameTerms: Set<Int32> = []
        for candidate in focus {
            for index in candidate.range { if let id = termIDs[analysis.terms[index]] { nameTerms.insert(id) } }
            for term in candidate.knownAs.split(separator: " ") { if let id = termIDs[String(term)] { nameTerms.insert(id) } }
        }
        let featureWeights = cappedWeights(weights, keeping: nameTerms, limit: parameters.featureQueryTerms)
        weights = cappedWeights(weights, keeping: nameTerms, limit: parameters.maxQueryTerms)
        var keys: [String] = []
        for key in boosted where !keys.contains(key) { keys.append(key) }
        return UnderstoodQuestion(analysis: analysis, urgent: urgent, focus: focus, focusKeys: keys,
                                  weights: weights, featureWeights: featureWeights, matchedTerms: matchedTerms)
    }
}

extension QueryAnalysis {
    /// The question as written with each corrected word replaced, sentences kept.
    var correctedQuestion: String {
        var text = question
        for (from, to) in corrections { text = Self.replacingWord(from, with: to, in: text) }
        return text
    }

    /// `text` with every whole-word occurrence of `word` (compared without case) replaced: what
    /// the regular expression `\bWORD\b` does, without compiling one per correction. Word
    /// characters are ICU's `\w`: letters, marks, decimal digits and connectors such as `_`; a
    /// mark is what the character before it is (it extends it), so it never starts a word.
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        func isWord(_ s: Unicode.Scalar) -> Bool {
            let p = s.properties
            if p.isAlphabetic { return true }
            switch p.generalCategory {
            case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return true
            default: return s == "\u{200C}" || s == "\u{200D}"
            }
        }
        func isMark(_ s: Unicode.Scalar) -> Bool {
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: true
            default: false
            }
        }
        let target = word.lowercased()
        guard !target.isEmpty, target.unicodeScalars.allSatisfy(isWord) else { return text }
        let scalars = text.unicodeScalars, length = target.unicodeScalars.count
        var out = String.UnicodeScalarView()
        var i = scalars.startIndex
        while i < scalars.endIndex {
            guard isWord(scalars[i]), !isMark(scalars[i]) else { out.append(scalars[i]); i = scalars.index(after: i); continue }
            var end = i, count = 0
            while end < scalars.endIndex && isWord(scalars[end]) { end = scalars.index(after: end); count += 1 }
            if count == length && String(scalars[i..<end]).lowercased() == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(contentsOf: scalars[i..<end]) }
            i = end
        }
        return String(out)
    }
}

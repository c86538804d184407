import SanaCore

/// What the engine understood of a question.
struct QueryAnalysis {
    var question: String
    var tokens: [String]
    var terms: [String] = []
    /// For each term, the index of its token.
    var termToken: [Int] = []
    /// Indexes into `terms` of words that were spelling corrections.
    var corrected: Set<Int> = []
    var corrections: [(from: String, to: String)] = []
    var types: [QuestionType]
    /// For each token, the number of its sentence (see `QuestionSentences`).
    var tokenSentence: [Int]
    /// Sentences that ask something, and the first sentence that is not a message header.
    var questionSentences: Set<Int> = []
    var firstSentence = 0
    /// The first sentence when it reads as a subject line followed by a message (see `QuestionSentences.isSubjectLine`).
    var subjectLine: Int?
    /// Words the person wrote in capitals ("IBS"), lower-cased; none when most of the message is in capitals.
    var capitals: Set<String> = []

    init(_ question: String) {
        self.question = question
        tokens = TextAnalyzer.tokens(question)
        let sentences = QuestionSentences.split(question, keepingHeaders: true)
        types = QuestionType.detect(in: sentences.filter { !$0.isHeader })
        var owner: [Int] = []
        for (s, sentence) in sentences.enumerated() {
            owner += Array(repeating: s, count: sentence.tokens.count)
            if sentence.isQuestion && !sentence.isHeader { questionSentences.insert(s) }
        }
        // Sentences split only where the tokenizer splits too; if they ever disagree, one sentence.
        tokenSentence = owner.count == tokens.count ? owner : Array(repeating: 0, count: tokens.count)
        firstSentence = owner.count == tokens.count ? (sentences.firstIndex { !$0.isHeader } ?? 0) : 0
        if owner.count == tokens.count, sentences.count > 1, QuestionSentences.isSubjectLine(sentences[0]) { subjectLine = 0 }
        let words = question.split { !$0.isLetter && !$0.isNumber }
        let upper = words.filter { $0.count >= 2 && $0.allSatisfy { !$0.isLetter || $0.isUppercase } && $0.contains(where: \.isLetter) }
        if upper.count * 2 < words.count { capitals = Set(upper.map { $0.lowercased() }) }
    }

    /// The question's words for a run of terms, as written (folded).
    func surface(of range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        return tokens[termToken[first]...termToken[last]].joined(separator: " ")
    }

    /// The number of the sentence a term is in.
    func sentence(ofTerm term: Int) -> Int { tokenSentence[termToken[term]] }

    /// Whether every word of `surface` was written in capitals.
    func inCapitals(_ surface: String) -> Bool {
        surface.split(separator: " ").allSatisfy { capitals.contains(String($0)) }
    }

    /// Maps tokens to terms, replacing words the vocabulary lacks by their nearest known word.
    /// `frequency` rates candidate words: the commoner in the corpus wins a tie. Words of
    /// `english` and words for which `keep` is true (known names, brands) are never corrected:
    /// a real word the articles lack is not a typo. `allow(word, correction, distance)` may
    /// refuse a correction (one drug is never turned into another).
    /// A word that only reads as two words run together ("galstones": "gal stones") is corrected
    /// when `overridesRunTogether(correction, distance)` says the correction is surer.
    mutating func correct(using speller: SpellingCorrector, english: EnglishWords = .none, keep: (String) -> Bool = { _ in false },
                          allow: (String, String, Int) -> Bool = { _, _, _ in true },
                          overridesRunTogether: (String, Int) -> Bool = { _, _ in false }, frequency: (String) -> Int) {
        terms = []
        termToken = []
        for (t, token) in tokens.enumerated() {
            if TextAnalyzer.stopWords.contains(token) { continue }
            if !speller.contains(token), !english.recognisesAsWritten(token), !keep(token),
               let fix = speller.correct(token, frequency: frequency), allow(token, fix.word, fix.distance),
               !english.isRunTogether(token) || overridesRunTogether(fix.word, fix.distance),
               let term = TextAnalyzer.term(forToken: fix.word) {
                corrected.insert(terms.count)
                corrections.append((token, fix.word))
                terms.append(term)
                termToken.append(t)
            } else if let term = TextAnalyzer.term(forToken: token) {
                terms.append(term)
                termToken.append(t)
            }
        }
    }

    /// The question with its corrected words, when anything was corrected.
    var didYouMean: String? {
        guard !corrections.isEmpty else { return nil }
        var words = TextAnalyzer.tokens(question)
        for (from, to) in corrections { words = words.map { $0 == from ? to : $0 } }
        return words.joined(separator: " ")
    }
}

import SanaCore

/// What the engine understood of a question.
struct QueryAnalysis {
    var question: String
    var tokens: [String]
    var terms: [String] = []
    /// Indexes into `terms` of words that were spelling corrections.
    var corrected: Set<Int> = []
    var corrections: [(from: String, to: String)] = []
    var types: [QuestionType]

    init(_ question: String) {
        self.question = question
        tokens = TextAnalyzer.tokens(question)
        types = QuestionType.detect(in: question)
    }

    /// Maps tokens to terms, replacing words the vocabulary lacks by their nearest known word.
    /// `frequency` rates candidate words: the commoner in the corpus wins a tie.
    /// Words of `english` are never corrected: a real word the articles lack is not a typo.
    mutating func correct(using speller: SpellingCorrector, english: EnglishWords = .none, frequency: (String) -> Int) {
        terms = []
        for token in tokens {
            if TextAnalyzer.stopWords.contains(token) { continue }
            if !speller.contains(token), !english.contains(token), let fix = speller.correct(token, frequency: frequency), let term = TextAnalyzer.term(forToken: fix.word) {
                corrected.insert(terms.count)
                corrections.append((token, fix.word))
                terms.append(term)
            } else if let term = TextAnalyzer.term(forToken: token) {
                terms.append(term)
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

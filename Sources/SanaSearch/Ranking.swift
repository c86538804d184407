import Foundation
import SanaCore

/// The knobs of ranking, in one place.
public struct RankingParameters: Sendable {
    public var fieldWeights = SIMD4<Float>(2.5, 2.0, 1.0, 1.0)
    public var fieldB = SIMD4<Float>(0.6, 0.5, 0.5, 0.75)
    public var k1: Float = 1.2
    /// Added per matched focus, scaled by how specific the focus is.
    public var focusBoost: Float = 4.0
    /// Added when an article answers the kind of question asked.
    public var typeBoost: Float = 2.0
    /// Weight of words that are greeting, thanks or story rather than question.
    public var fillerWeight: Float = 0.5
    /// A one-word focus counts only when at most this share of articles use the word.
    public var focusMaxShare: Float = 0.01
    /// Share of the best score among same-topic answers added to each answer.
    public var groupWeight: Float = 1.5
    /// Weight of each word of another name for something the question names.
    public var synonymWeight: Float = 0.2
    /// Weight of a word that stands in for a misspelt one.
    public var correctionWeight: Float = 0.8
    /// At most this many of a question's terms are scored, those that weigh most (weight × idf);
    /// 0 scores them all. The terms left out are the commonest, with the longest posting lists.
    public var maxQueryTerms: Int = 11
    /// Score multiplier for an answer whose text repeats a better-ranked answer's.
    public var duplicatePenalty: Float = 0.5
    public init() {}

    /// Sets a parameter by name (`focusBoost`, `titleWeight`, `bodyB`, …); false for an unknown name.
    public mutating func set(_ name: String, _ value: Float) -> Bool {
        let fields = ["title": 0, "names": 1, "headings": 2, "body": 3]
        switch name {
        case "k1": k1 = value
        case "focusBoost": focusBoost = value
        case "typeBoost": typeBoost = value
        case "fillerWeight": fillerWeight = value
        case "correctionWeight": correctionWeight = value
        case "groupWeight": groupWeight = value
        case "synonymWeight": synonymWeight = value
        case "focusMaxShare": focusMaxShare = value
        case "duplicatePenalty": duplicatePenalty = value
        case "maxQueryTerms": maxQueryTerms = Int(value)
        default:
            if name.hasSuffix("Weight"), let f = fields[String(name.dropLast(6))] { fieldWeights[f] = value; return true }
            if name.hasSuffix("B"), let f = fields[String(name.dropLast(1))] { fieldB[f] = value; return true }
            return false
        }
        return true
    }
}

/// Words of a message that are courtesy or story rather than the question itself.
enum Filler {
    static let words: Set<String> = Set([
        "hello", "hi", "hey", "dear", "thank", "thanks", "please", "help", "question", "questions", "doctor", "dr",
        "sir", "madam", "regards", "know", "want", "like", "need", "tell", "wondering", "wonder", "ask", "asking",
        "anyone", "someone", "anybody", "info", "advice", "appreciate", "appreciated", "kindly", "sincerely",
        "good", "morning", "afternoon", "evening", "year", "years", "old", "month", "months", "day", "days",
        "week", "weeks", "time", "times", "now", "ago", "currently", "recently", "since", "still", "much",
        "many", "lot", "really", "thing", "things", "way", "something", "anything", "make", "made", "going",
        "go", "went", "take", "took", "taking", "told", "said", "say", "see", "saw", "found", "find", "send",
        "email", "mail", "contact", "number", "name", "please", "let", "could", "would", "answer", "reply",
        "son", "daughter", "mother", "father", "mom", "dad", "wife", "husband", "friend", "sister", "brother",
        "child", "children", "kid", "kids", "baby", "family", "patient", "people", "person", "aunt", "uncle",
        "grandmother", "grandfather", "grandson", "granddaughter", "niece", "nephew", "cousin", "boyfriend", "girlfriend",
    ].map { EnglishStemmer.stem($0) })
}

extension SearchIndex {
    /// Answers a question: ranked articles with their best section and a snippet.
    /// `category` keeps only articles of that category (by slug); `offset` skips the best ones,
    /// for later pages.
    public func search(_ question: String, limit: Int = 10, offset: Int = 0, category: String? = nil,
                       parameters: RankingParameters = RankingParameters()) -> SearchResponse {
        var analysis = QueryAnalysis(question)
        return lock.read {
            analysis.correct(using: speller, english: englishWords) { word in
                TextAnalyzer.term(forToken: word).flatMap { termIDs[$0] }.map { postings[Int($0)].count } ?? 0
            }
            if !analysis.corrections.isEmpty, let fixed = analysis.didYouMean { analysis.types = QuestionType.detect(in: fixed) }
            // The person's own words count as well as the corrected ones: a correction must never hide an emergency.
            let urgent = RedFlags.check([question] + [analysis.didYouMean].compactMap { $0 },
                                        isEnglish: { self.englishWords.contains($0) || self.speller.contains($0) })
            let crisis = urgent?.crisis == true
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
            let focusKeys = focus.map(\.key)
            for match in FocusMatcher.matches(in: analysis.terms, known: { self.synonymKeys[$0] != nil }) {
                for other in (synonyms.others[match.key] ?? []).sorted() {
                    for term in other.split(separator: " ") {
                        guard let id = termIDs[String(term)] else { continue }
                        weights[id, default: 0] += parameters.synonymWeight
                    }
                }
            }
            // Self-harm intent: help articles must be found even when the question's words find only means.
            if crisis {
                for term in TextAnalyzer.terms(CrisisAnswers.shared.ask) {
                    if let id = termIDs[term] { weights[id, default: 0] += 1 }
                }
            }
            var (dense, touched) = scoreDocuments(weights, parameters)
            let wantedAspects = Set(analysis.types.flatMap(\.aspects))
            var wantedMask: UInt32 = 0
            for (i, type) in QuestionType.allCases.enumerated() where analysis.types.contains(type) { wantedMask |= 1 << UInt32(i) }
            let focusOf = addBoosts(&dense, &touched, focusKeys: focusKeys, wantedMask: wantedMask, parameters)
            // Near-identical answers (MedQuAD repeats one text under several names) add nothing
            // after the first: they drop behind different answers.
            let written = touched
            if let category {
                let wanted = categoryIDs[category] ?? -1
                touched.removeAll { docCategory[Int($0)] != wanted }
            }
            // Reading articles is slow, so only the 500 best candidates are judged.
            if crisis { touched = crisisAllowed(TopK.select(dense, touched, 500).map(\.key)) }
            let total = touched.reduce(0) { $0 + (dense[Int($1)] > 0 ? 1 : 0) }
            var seenText = Set<String>()
            var ranked = TopK.select(dense, touched, (offset + limit) * 3).map { entry -> (key: Int32, value: Float) in
                let first = seenText.insert(summary(of: entry.key)).inserted
                return first ? entry : (entry.key, entry.value * parameters.duplicatePenalty)
            }
            ranked.sort { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let top = ranked.dropFirst(offset).prefix(limit)
            let queryTermIDs = weights.keys.sorted()
            let forms = SurfaceForms(queryTermIDs.flatMap { termSurfaces[Int($0)] })
            var results = top.map { d, score -> SearchResult in
                let doc = document(d)
                let (section, snippet, highlights) = Passage.best(in: doc, termIDs: queryTermIDs, forms: forms, aspects: wantedAspects)
                return SearchResult(id: doc.id, slug: doc.slug, title: doc.title, categorySlug: doc.categorySlug, score: Double(score),
                                    section: .init(heading: section.heading, aspect: section.aspect),
                                    snippet: snippet, highlights: highlights,
                                    why: .init(focus: focusOf[d], type: docTypes[Int(d)] & wantedMask != 0 ? analysis.types.first?.rawValue : nil,
                                               terms: Array(Set(matchedTerms)).sorted()))
            }
            // A help article's best passage may still speak of doses: it is not shown after a crisis notice.
            if crisis { results.removeAll { !CrisisAnswers.shared.showsNoMeans($0.snippet) } }
            scratch.give(consume dense, written: written)
            return SearchResponse(query: question, types: analysis.types, focus: focusKeys, didYouMean: analysis.didYouMean,
                                  urgent: urgent, total: total, results: results)
        }
    }

    /// BM25F: per-field term frequencies normalised by field length, weighted, then saturated once.
    /// The scored articles come back in `touched`; when the question's posting lists cover much of
    /// the index they are found afterwards by one pass over the scores, in article order, which
    /// spares the scoring loop a branch and later passes their random reads.
    func scoreDocuments(_ queryWeights: [Int32: Float], _ p: RankingParameters) -> (scores: [Float], touched: [Int32]) {
        let n = Float(max(liveCount, 1))
        let average = lengthSums / n
        let safeAverage = SIMD4<Float>(max(average[0], 1), max(average[1], 1), max(average[2], 1), max(average[3], 1))
        var dense = scratch.take(docRecord.count)
        var touched: [Int32] = []
        let bOverAverage = p.fieldB / safeAverage, oneMinusB = 1 - p.fieldB, weights = p.fieldWeights, k1 = p.k1
        var scored = queryWeights.map { term, qw -> (term: Int32, qw: Float, idf: Float) in
            // Postings of removed and edited articles stay until compaction; unclamped, a term of
            // an article edited twice in a small index counted more articles than exist and lost
            // its weight (or became NaN).
            let df = min(Float(postings[Int(term)].count), n)
            return (term, qw, log(1 + (n - df + 0.5) / (df + 0.5)))
        }
        if p.maxQueryTerms > 0 && scored.count > p.maxQueryTerms {
            scored.sort { ($0.qw * $0.idf, $1.term) > ($1.qw * $1.idf, $0.term) }
            scored.removeLast(scored.count - p.maxQueryTerms)
        }
        scored.removeAll { $0.idf <= 0 }
        let postingCount = scored.reduce(0) { $0 + postings[Int($1.term)].count }
        let scan = postingCount > docRecord.count
        if !scan { touched.reserveCapacity(postingCount) }
        docLengths.withUnsafeBufferPointer { lengths in
            docAlive.withUnsafeBufferPointer { alive in
                dense.withUnsafeMutableBufferPointer { scores in
                    for (term, qw, idf) in scored {
                        let factor = qw * idf
                        postings[Int(term)].withUnsafeBufferPointer { list in
                            for posting in list {
                                let d = Int(posting.doc)
                                guard alive[d] else { continue }
                                let norm = oneMinusB + lengths[d] * bOverAverage
                                let weighted = (weights * posting.tf / norm).sum()
                                let before = scores[d]
                                if !scan && before == 0 { touched.append(posting.doc) }
                                scores[d] = before + factor * weighted / (k1 + weighted)
                            }
                        }
                    }
                    if scan {
                        touched.reserveCapacity(min(postingCount, scores.count))
                        for d in scores.indices where scores[d] != 0 { touched.append(Int32(d)) }
                    }
                }
            }
        }
        return (dense, touched)
    }
}

/// The best `k` of many scores without sorting them all.
enum TopK {
    static func select(_ dense: [Float], _ candidates: [Int32], _ k: Int) -> [(key: Int32, value: Float)] {
        guard k > 0 else { return [] }
        var best: [(key: Int32, value: Float)] = []
        best.reserveCapacity(k + 1)
        for d in candidates {
            let v = dense[Int(d)]
            guard v > 0 else { continue }
            if best.count == k, let last = best.last, v < last.value || (v == last.value && d > last.key) { continue }
            let at = best.firstIndex { v > $0.value || (v == $0.value && d < $0.key) } ?? best.count
            best.insert((d, v), at: at)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    static func select(_ scores: [Int32: Float], _ k: Int) -> [(key: Int32, value: Float)] {
        guard k > 0 else { return [] }
        func better(_ a: (key: Int32, value: Float), _ b: (key: Int32, value: Float)) -> Bool {
            a.value != b.value ? a.value > b.value : a.key < b.key
        }
        var best: [(key: Int32, value: Float)] = []
        best.reserveCapacity(k + 1)
        for entry in scores {
            if best.count == k, let last = best.last, !better(entry, last) { continue }
            let at = best.firstIndex { better(entry, $0) } ?? best.count
            best.insert(entry, at: at)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}

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

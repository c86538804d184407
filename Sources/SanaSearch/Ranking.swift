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
    public var fillerWeight: Float = 0.2
    public init() {}
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
    public func search(_ question: String, limit: Int = 10, parameters: RankingParameters = RankingParameters()) -> SearchResponse {
        let analysis = QueryAnalysis(question)
        return lock.read {
            let focus = FocusMatcher.matches(in: analysis.terms, known: focusDocs)
            var weights: [Int32: Float] = [:]
            var matchedTerms: [String] = []
            for (index, term) in analysis.terms.enumerated() {
                guard let id = termIDs[term] else { continue }
                let inFocus = focus.contains { $0.range.contains(index) }
                let w: Float = Filler.words.contains(term) && !inFocus ? parameters.fillerWeight : 1
                weights[id, default: 0] += w
                matchedTerms.append(term)
            }
            let scores = scoreDocuments(weights, parameters)
            var boosted = scores
            var focusOf: [Int32: String] = [:]
            for f in focus {
                guard let list = focusDocs[f.key] else { continue }
                let specificity = Float(log(1 + Double(max(liveCount, 1)) / Double(list.count)))
                for d in list where docs[Int(d)].alive {
                    boosted[d, default: 0] += parameters.focusBoost * specificity / 5
                    focusOf[d] = f.key
                }
            }
            let wanted = Set(analysis.types.flatMap(\.medquadTypes))
            let wantedAspects = Set(analysis.types.flatMap(\.aspects))
            var typeOf: [Int32: String] = [:]
            for (d, s) in boosted where s > 0 {
                let doc = docs[Int(d)]
                if doc.tags.contains(where: wanted.contains) || doc.sections.contains(where: { wantedAspects.contains($0.aspect) && $0.heading != nil }) {
                    boosted[d] = s + parameters.typeBoost
                    typeOf[d] = analysis.types.first?.rawValue
                }
            }
            let top = boosted.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit)
            let results = top.map { d, score -> SearchResult in
                let doc = docs[Int(d)]
                let (section, snippet, highlights) = Passage.best(in: doc, terms: Set(analysis.terms), aspects: wantedAspects)
                return SearchResult(id: doc.id, slug: doc.slug, title: doc.title, score: Double(score),
                                    section: .init(heading: section.heading, aspect: section.aspect),
                                    snippet: snippet, highlights: highlights,
                                    why: .init(focus: focusOf[d], type: typeOf[d], terms: Array(Set(matchedTerms)).sorted()))
            }
            return SearchResponse(query: question, types: analysis.types, focus: focus.map(\.key), didYouMean: nil, results: results)
        }
    }

    /// BM25F: per-field term frequencies normalised by field length, weighted, then saturated once.
    func scoreDocuments(_ queryWeights: [Int32: Float], _ p: RankingParameters) -> [Int32: Float] {
        let n = Float(max(liveCount, 1))
        let average = lengthSums / n
        let safeAverage = SIMD4<Float>(max(average[0], 1), max(average[1], 1), max(average[2], 1), max(average[3], 1))
        var scores: [Int32: Float] = [:]
        for (term, qw) in queryWeights {
            let list = postings[Int(term)]
            let df = Float(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            guard idf > 0 else { continue }
            for posting in list {
                let doc = docs[Int(posting.doc)]
                guard doc.alive else { continue }
                let norm = 1 - p.fieldB + p.fieldB * doc.lengths / safeAverage
                let weighted = (p.fieldWeights * posting.tf / norm).sum()
                scores[posting.doc, default: 0] += qw * idf * weighted / (p.k1 + weighted)
            }
        }
        return scores
    }
}

/// What the engine understood of a question.
struct QueryAnalysis {
    var terms: [String]
    var types: [QuestionType]

    init(_ question: String) {
        terms = TextAnalyzer.terms(question)
        types = QuestionType.detect(in: question)
    }
}

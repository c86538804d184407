import Foundation
import SanaTestSupport
import Testing
@testable import SanaCore

/// Question types and section aspects find their cue phrases through `CuePhrase`; it must find
/// exactly what the byte search it replaced found (cue and text padded with spaces, the cue
/// searched as a substring), over every LiveQA question and a range of headings.
@Suite struct CuePhraseTests {

    static func substring(_ needle: String, in hay: String) -> Bool {
        let h = Array(hay.utf8), n = Array(needle.utf8)
        guard h.count >= n.count else { return false }
        return (0...(h.count - n.count)).contains { h[$0..<($0 + n.count)].elementsEqual(n) }
    }

    /// Question types no longer use `CuePhrase` (see `QuestionCues`: whole words by stem, over
    /// sentences); its sentences still give exactly the question's tokens, which focus
    /// recognition relies on to place names in sentences.
    @Test func questionSentencesKeepEveryToken() throws {
        var questions: [String] = []
        for file in ["liveqa-dev/questions.jsonl", "liveqa-train/questions.jsonl"] {
            let text = try String(contentsOf: SharedData.require("data/" + file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                questions += ["question", "summary", "subject", "message"].compactMap { object[$0] as? String }
            }
        }
        questions += ["Dr. Smith said 6.5 is fine... really?", "ClinicalTrials.gov - Question. Is it; safe!", ""]
        for q in questions {
            let sentences = QuestionSentences.split(q, keepingHeaders: true)
            #expect(sentences.flatMap(\.tokens) == TextAnalyzer.tokens(q), "\(q)")
        }
    }

    @Test func sectionAspectsMatchAsTheSubstringSearchDid() {
        let headings = ["Eating well", "Treatment", "Side effects", "Side, effects", "Side-effects", "When to see a doctor",
                        "Self care", "Self  care", "What is gout?", "Exams and Tests", "Retreat", "Who is at risk?", "", "??",
                        "Living With Diabetes", "How long will it last", "Why", "Complications & risks of surgery"]
        for heading in headings {
            let h = " " + heading.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }.reduce(into: "") { $0.append($1) } + " "
            let old = Aspect.cues.first { _, words in words.contains { Self.substring(" " + $0, in: h) } }?.0 ?? .other
            #expect(Aspect.infer(fromHeading: heading) == old, "\(heading)")
        }
    }
}

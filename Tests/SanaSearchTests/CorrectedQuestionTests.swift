import Foundation
import Testing
@testable import SanaSearch
import SanaTestSupport

/// The corrected question replaces whole words as `\bWORD\b` (case-insensitive) did.
struct CorrectedQuestionTests {
    static func byRegex(_ word: String, _ replacement: String, _ text: String) -> String {
        let pattern = "\\b" + NSRegularExpression.escapedPattern(for: word) + "\\b"
        return text.replacingOccurrences(of: pattern, with: NSRegularExpression.escapedTemplate(for: replacement),
                                         options: [.regularExpression, .caseInsensitive])
    }

    @Test(arguments: [
        ("diabetis", "diabetes", "Diabetis. Is diabetis_2 or pre-diabetis, DIABETIS… (diabetis) diabetis2 café-diabetis"),
        ("asthsma", "asthma", "my son's asthsma\u{301} and asthsma’s trigger; asthsmas? x\u{200D}asthsma"),
        ("naïve", "naive", "Naïve question: NAÏVE naïveté naïve."),
        ("pain", "ache", "painpain pain\npain\tpain_ pain-killer 12pain pain"),
    ])
    func replacesWholeWordsAsTheRegularExpressionDid(word: String, replacement: String, text: String) {
        #expect(QueryAnalysis.replacingWord(word, with: replacement, in: text) == Self.byRegex(word, replacement, text))
    }

    @Test func randomTextsAgreeWithTheRegularExpression() {
        var rng = SplitMix(seed: 2026)
        let pieces = ["flu", "Flu", "FLU", " ", "-", "_", "2", "é", "\u{301}", ".", "’", "fluu", "\n", "ß"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(QueryAnalysis.replacingWord("flu", with: "influenza", in: text) == Self.byRegex("flu", "influenza", text),
                    "\(text.debugDescription)")
        }
    }
}

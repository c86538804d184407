import Testing
@testable import SanaCore

/// The syllable heuristic against words whose syllables a dictionary gives, and the
/// Flesch–Kincaid grade against a passage whose grade is published.
@Suite struct ReadabilityTests {
    @Test(arguments: [
        ("the", 1), ("cat", 1), ("pain", 1), ("blood", 1), ("ache", 1), ("makes", 1), ("jumped", 1), ("skipped", 1), ("years", 1),
        ("fever", 2), ("doctor", 2), ("water", 2), ("table", 2), ("simple", 2), ("wanted", 2), ("needed", 2), ("boxes", 2),
        ("tables", 2), ("headache", 2), ("station", 2), ("language", 2), ("people", 2), ("conscious", 2), ("hybrid", 2),
        ("syllable", 3), ("beautiful", 3), ("hospital", 3), ("medicine", 3), ("physician", 3), ("infection", 3), ("serious", 3),
        ("radio", 3), ("actual", 3), ("medium", 3), ("platypus", 3), ("seemingly", 3),
        ("emergency", 4), ("temperature", 4), ("ibuprofen", 4), ("australian", 4), ("reptilian", 4),
        ("readability", 5),
    ])
    func syllablesOfKnownWords(word: String, syllables: Int) {
        #expect(Readability.syllables(in: word) == syllables, "\(word)")
    }

    @Test func punctuationCaseAndNumbers() {
        #expect(Readability.syllables(in: "Fever,") == 2)
        #expect(Readability.syllables(in: "(HOSPITAL)") == 3)
        #expect(Readability.syllables(in: "38") == 1)
        #expect(Readability.syllables(in: "—") == 0)
    }

    /// Wikipedia's example of the grade level: 13 words, 26 syllables, one sentence: 13.1.
    @Test func theKnownPassageHasItsPublishedGrade() throws {
        let r = Readability(text: "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.")
        #expect(r.words == 13 && r.sentences == 1 && r.syllables == 26)
        let grade = try #require(r.grade)
        #expect(abs(grade - 13.1) < 0.05)
        #expect(r.longSentences.isEmpty)
    }

    @Test func plainWritingScoresLowAndLongSentencesAreFound() throws {
        let simple = Readability(text: "Drink water. Rest in bed. See a doctor if the pain gets worse.")
        #expect(simple.sentences == 3 && simple.words == 13)
        #expect(try #require(simple.grade) < 4)
        let long = Array(repeating: "word", count: 26).joined(separator: " ") + "."
        let r = Readability(text: "Short one.\n" + long + "\nA list item without a stop\nAnother")
        #expect(r.sentences == 4)
        #expect(r.longSentences == [long])
        #expect(Readability(text: "").grade == nil)
    }

    @Test func careCardsAreFoundWithTheirLevelAndWords() {
        let cards = CareCard.found(in: """
            Intro.

            > [!URGENT] See a doctor **today** if you have a fever.

            ## When to get help

            > [!emergency] Call 999 if you cannot breathe.
            > Do not drive yourself.

            > A plain quote.
            """)
        #expect(cards == [CareCard(level: .urgent, text: "See a doctor today if you have a fever."),
                          CareCard(level: .emergency, text: "Call 999 if you cannot breathe. Do not drive yourself.")])
    }
}

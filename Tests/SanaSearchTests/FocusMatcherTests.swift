import Testing
@testable import SanaSearch
import SanaTestSupport

/// Known names in a question's terms: the longest at each place, left to right, never overlapping.
struct FocusMatcherTests {
    /// The definition: at each place, try the longest run first.
    static func longestFirst(_ terms: [String], maxWords: Int, known: (String) -> Bool) -> [(String, Range<Int>)] {
        var found: [(String, Range<Int>)] = []
        var i = 0
        while i < terms.count {
            let n = stride(from: min(maxWords, terms.count - i), through: 1, by: -1).first { known(terms[i..<(i + $0)].joined(separator: " ")) }
            if let n { found.append((terms[i..<(i + n)].joined(separator: " "), i..<(i + n))); i += n } else { i += 1 }
        }
        return found
    }

    @Test func findsTheLongestNamesLeftToRight() {
        let names: Set<String> = ["heart", "heart attack", "attack", "high blood pressure", "blood"]
        let terms = ["high", "blood", "pressure", "after", "heart", "attack", "blood"]
        let found = FocusMatcher.matches(in: terms, known: names.contains)
        #expect(found.map(\.key) == ["high blood pressure", "heart attack", "blood"])
        #expect(found.map(\.range) == [0..<3, 4..<6, 6..<7])
        #expect(FocusMatcher.matches(in: ["high", "blood", "pressure"], known: names.contains).map(\.key) == ["high blood pressure"])
        #expect(FocusMatcher.matches(in: ["high", "blood", "pressure"], maxWords: 2, known: names.contains).map(\.key) == ["blood"])
    }

    @Test func randomTermsMatchTheLongestFirstDefinition() {
        var rng = SplitMix(seed: 6)
        let words = ["a", "b", "c", "d"]
        for _ in 0..<400 {
            let names = Set((0..<Int.random(in: 0...8, using: &rng)).map { _ in
                (0..<Int.random(in: 1...4, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            })
            let terms = (0..<Int.random(in: 0...12, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            let maxWords = Int.random(in: 1...6, using: &rng)
            let found = FocusMatcher.matches(in: terms, maxWords: maxWords, known: names.contains)
            let expected = Self.longestFirst(terms, maxWords: maxWords, known: names.contains)
            #expect(found.map(\.key) == expected.map(\.0) && found.map(\.range) == expected.map(\.1), "\(terms) \(names)")
        }
    }
}

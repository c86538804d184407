import Foundation
import Testing
@testable import SanaCore

@Suite struct EnglishStemmerTests {
    /// Snowball's published English sample vocabulary, from Debian's snowball-data package
    /// (installed by .ci/run): 29,417 words and their expected stems.
    static let vocabulary = "/usr/share/snowball/data/english/voc.txt"
    static let expected = "/usr/share/snowball/data/english/output.txt"

    @Test func matchesTheSnowballSampleVocabulary() throws {
        let words = try String(contentsOfFile: Self.vocabulary, encoding: .utf8).split(separator: "\n")
        let stems = try String(contentsOfFile: Self.expected, encoding: .utf8).split(separator: "\n")
        try #require(words.count == stems.count && words.count > 29_000)
        var wrong: [String] = []
        for (word, stem) in zip(words, stems) where EnglishStemmer.stem(String(word)) != stem {
            wrong.append("\(word) → \(EnglishStemmer.stem(String(word))), expected \(stem)")
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, e.g. \(wrong.prefix(20).joined(separator: "; "))")
    }

    @Test(arguments: [("aneurysms", "aneurysm"), ("calcifications", "calcif"), ("running", "run"), ("gallstones", "gallston"), ("skies", "sky")])
    func stemsHealthWords(_ word: String, _ stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }
}

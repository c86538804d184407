import Testing
import SanaCore
@testable import SanaSearch

/// Equivalent answers collapse into one result, "also on" the others.
@Suite struct DuplicatesTests {
    let text = "Char syndrome is a condition that affects the development of the face, heart, and limbs. It is inherited in an autosomal dominant pattern."

    @Test func theSameTextOrANearCopyAboutTheSameTopicIsOneSet() {
        let near = text.replacingOccurrences(of: "It is inherited", with: "This condition is inherited")
        let clusters = Duplicates.clusters(summaries: ["Another answer about something else entirely.", text, near, text],
                                           group: [1, 2, 2, 5], types: [1, 1, 1, 3])
        #expect(clusters == [0, 1, 1, 1], "identical text joins across topics; a near copy joins within its topic")
    }

    @Test func nearCopiesOfAnotherKindOfAnswerOrTopicStaySeparate() {
        let near = text.replacingOccurrences(of: "It is inherited", with: "This condition is inherited")
        #expect(Duplicates.clusters(summaries: [text, near], group: [2, 2], types: [1, 2]) == [0, 1])
        #expect(Duplicates.clusters(summaries: [text, near], group: [2, 3], types: [1, 1]) == [0, 1])
        #expect(Duplicates.clusters(summaries: [text, "Char syndrome is treated by a team of specialists for the face and heart."],
                                    group: [2, 2], types: [1, 1]) == [0, 1])
    }

    @Test func chainsOfNearCopiesAreOneSet() {
        let words = (1...30).map { "w\($0)" }
        let a = words.joined(separator: " ")
        let b = (words.prefix(24) + ["x1", "x2", "x3", "x4", "x5", "x6"]).joined(separator: " ")
        let c = (words.prefix(18) + ["x1", "x2", "x3", "x4", "x5", "x6", "y1", "y2", "y3", "y4", "y5", "y6"]).joined(separator: " ")
        #expect(Duplicates.overlap(Duplicates.triples(a), Duplicates.triples(c)) < Duplicates.minimumOverlap)
        #expect(Duplicates.clusters(summaries: [a, b, c], group: [0, 0, 0], types: [0, 0, 0]) == [0, 0, 0])
    }

    @Test func theSameAnswerFromTwoCollectionsIsOneResultAlsoOnTheOther() {
        let body = "## Summary\n\n" + text
        let first = Article(id: "GARD_1_Sec1", title: "What is (are) Char syndrome ?", body: body, category: Category(name: "GARD"),
                            focus: "Char syndrome", tags: ["information"])
        let second = Article(id: "GHR_1_Sec1", title: "What is (are) Char syndrome ?", body: body, category: Category(name: "GHR"),
                             focus: "Char syndrome", tags: ["information"])
        let index = indexed(corpus + [first, second])
        let results = index.search("what is char syndrome").results
        let shown = results.filter { $0.id.hasSuffix("_1_Sec1") }
        #expect(shown.count == 1)
        let other = shown.first?.id == "GARD_1_Sec1" ? "GHR_1_Sec1" : "GARD_1_Sec1"
        #expect(shown.first?.alsoOn.map(\.id) == [other])
        #expect(shown.first?.alsoOn.first?.categorySlug == (other.hasPrefix("GARD") ? "gard" : "ghr"))
    }
}

import Testing
import SanaCore
@testable import SanaSearch
import SanaTestSupport

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

/// The sorted triples give the overlap a set of them gives.
struct TripleOverlapTests {
    @Test func overlapIsTheJaccardOfTheDistinctTriples() {
        var rng = SplitMix(seed: 77)
        let words = ["the", "fever", "Fever", "cough", "a", "rash", "lasts", "days", "2", "é"]
        for _ in 0..<300 {
            let a = (0..<Int.random(in: 0...14, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            let b = (0..<Int.random(in: 0...14, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: ", ")
            let (ta, tb) = (Duplicates.triples(a), Duplicates.triples(b))
            #expect(ta == ta.sorted() && Set(ta).count == ta.count)
            let (sa, sb) = (Set(ta), Set(tb))
            let union = sa.union(sb).count
            #expect(Duplicates.overlap(ta, tb) == (union == 0 ? 0 : Double(sa.intersection(sb).count) / Double(union)))
        }
        #expect(Duplicates.overlap(Duplicates.triples("Fever lasts days"), Duplicates.triples("fever, lasts; DAYS")) == 1)
    }
}

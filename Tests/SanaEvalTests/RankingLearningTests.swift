import Foundation
import Testing
import SanaCore
import SanaSearch
import SanaTestSupport
@testable import SanaEval

/// The features `sana features` writes and the learner that reads them.
@Suite struct RankingLearningTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func featureLinesNameEveryFeatureAndReadBackExactly() throws {
        let index = SearchIndex()
        index.update([
            Article(id: "gs", title: "What causes gallstones?", body: "## Causes\n\nGallstones form when bile holds too much cholesterol.",
                    category: Category(name: "Test"), focus: "Gallstones", tags: ["causes"]),
            Article(id: "ks", title: "What are kidney stones?", body: "Kidney stones are hard deposits that form in the kidneys.",
                    category: Category(name: "Test"), focus: "Kidney stones", tags: ["information"]),
        ])
        let questions = [LiveQAEvaluation.Question(qid: "7", question: "what causes gallstones and kidney stones", summary: nil)]
        let text = FeatureDump.lines(questions: questions) { index.candidates(for: $0) }
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let expected = index.candidates(for: questions[0].question)
        for (line, candidate) in zip(lines, expected) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["qid"] as? String == "7")
            #expect(object["id"] as? String == candidate.id)
            #expect(object["rank"] as? Int == candidate.firstStageRank)
            let features = try #require(object["features"] as? [String: Double])
            #expect(Set(features.keys) == Set(RankingFeature.allCases.map(\.rawValue)))
            // Foundation's JSON reader rounds the last digit; the written digits read back exactly.
            #expect(zip(RankingFeature.allCases.map { features[$0.rawValue]! }, candidate.features).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(candidate.features.allSatisfy { Double(LiveQAEvaluation.pythonFloat($0)) == $0 })
        }
    }

    /// `focusFirst` marks the articles about the question's first focus name; `focusType` is the
    /// focus match only where the article also answers the first kind of question asked.
    @Test func focusFeaturesNeedTheFirstNameAndTheAskedKind() throws {
        let index = SearchIndex()
        // Two-word names: a one-word name in most of a tiny index is too common to be boosted.
        index.update([
            Article(id: "ks-causes", title: "What causes kidney stones?", body: "Kidney stones form when urine holds too many minerals.",
                    category: Category(name: "Test"), focus: "Kidney stones", tags: ["causes"]),
            Article(id: "ks-treat", title: "How are kidney stones treated?", body: "Kidney stones that block urine are broken up.",
                    category: Category(name: "Test"), focus: "Kidney stones", tags: ["treatment"]),
            Article(id: "gb-causes", title: "What causes gallbladder stones?", body: "Gallbladder stones form when bile holds too much cholesterol.",
                    category: Category(name: "Test"), focus: "Gallbladder stones", tags: ["causes"]),
        ])
        let candidates = index.candidates(for: "what causes kidney stones")
        func feature(_ id: String, _ f: RankingFeature) throws -> Double {
            let c = try #require(candidates.first { $0.id == id }, "\(id) is a candidate")
            return c.features[RankingFeature.allCases.firstIndex(of: f)!]
        }
        #expect(try feature("ks-causes", .focusFirst) == 1)
        #expect(try feature("ks-treat", .focusFirst) == 1)
        #expect(try feature("ks-causes", .focusType) > 0)
        #expect(try feature("ks-causes", .focusType) == feature("ks-causes", .focus))
        #expect(try feature("ks-treat", .focusType) == 0, "about the name, but not the kind of answer asked")
        // Another name's article, when its words make it a candidate at all, gets neither.
        if candidates.contains(where: { $0.id == "gb-causes" }) {
            #expect(try feature("gb-causes", .focusFirst) == 0)
            #expect(try feature("gb-causes", .focusType) == 0, "the kind asked, but about another name")
        }
    }

    /// The learner (Python with NumPy) finds the one feature that separates a synthetic
    /// set's right answers and reports held-out figures.
    @Test func theLearnerFindsAKnownSeparatingWeight() throws {
        let run = try PythonRun.run([Self.repository.appendingPathComponent("tools/test_learn_ranking.py").path])
        #expect(run.status == 0, "\(run.output)")
    }
}

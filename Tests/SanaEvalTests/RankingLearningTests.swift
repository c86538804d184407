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

    /// The learner (Python, standard library) finds the one feature that separates a synthetic
    /// set's right answers and reports held-out figures.
    @Test func theLearnerFindsAKnownSeparatingWeight() throws {
        let run = try PythonRun.run([Self.repository.appendingPathComponent("tools/test_learn_ranking.py").path])
        #expect(run.status == 0, "\(run.output)")
    }
}

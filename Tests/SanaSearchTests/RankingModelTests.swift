import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// The learned weights file: the shipped one loads, a damaged one stops loading with its place named.
@Suite struct RankingModelTests {
    static let allWeights = RankingFeature.allCases.map { "\"\($0.rawValue)\": 1" }.joined(separator: ", ")

    static func file(weights: String = allWeights, slope: String = "0.5", threshold: String = "0.2", candidates: String = "100") -> Data {
        Data("""
        {"command": "test", "candidates": \(candidates), "weights": {\(weights)},
         "confidence": {"slope": \(slope), "intercept": -1, "threshold": \(threshold)}}
        """.utf8)
    }

    @Test func theShippedWeightsLoadAndNameTheirCommand() throws {
        let model = try RankingModel.bundled()
        #expect(model.weights.count == RankingFeature.allCases.count)
        #expect(model.weights.allSatisfy { $0.isFinite })
        #expect(!model.command.isEmpty)
        #expect(model.slope > 0)
        #expect(RankingModel.shipped == model)
    }

    @Test func aGoodFileReadsEveryWeightInFeatureOrder() throws {
        let weights = RankingFeature.allCases.enumerated().map { "\"\($1.rawValue)\": \($0)" }.joined(separator: ", ")
        let model = try RankingModel(json: Self.file(weights: weights), place: "w.json")
        #expect(model.weights == RankingFeature.allCases.indices.map(Double.init))
        #expect(model.score(RankingFeature.allCases.map { _ in 1 }) == Double((0..<RankingFeature.allCases.count).reduce(0, +)))
    }

    @Test(arguments: [
        (file(weights: "\"bm25f\": 1"), "no weight for feature"),
        (file(weights: allWeights + ", \"popularity\": 2"), "unknown feature 'popularity'"),
        (file(slope: "0"), "slope must be a positive number"),
        (file(slope: "-2"), "slope must be a positive number"),
        (file(threshold: "1.5"), "threshold must be within"),
        (file(candidates: "3"), "candidates must be from"),
        (Data("{\"weights\": ".utf8), "not a ranking weights file"),
        (Data("".utf8), "not a ranking weights file"),
    ])
    func aDamagedFileIsRefusedWithItsPlace(data: Data, message: String) {
        do {
            _ = try RankingModel(json: data, place: "/etc/sana/ranking-weights.json")
            Issue.record("accepted a damaged file")
        } catch let e as RankingModelError {
            #expect(e.place == "/etc/sana/ranking-weights.json")
            #expect(e.message.contains(message), "\(e.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aMissingFileNamesItsPath() {
        let path = "/nonexistent-\(UUID().uuidString)/ranking-weights.json"
        do {
            _ = try RankingModel(contentsOf: URL(fileURLWithPath: path))
            Issue.record("read a missing file")
        } catch {
            #expect((error as? RankingModelError)?.place == path)
        }
    }

    @Test func confidenceGrowsWithTheScoreAndStaysWithinZeroAndOne() throws {
        for model in [try RankingModel.bundled(), RankingModel.prior] {
            let scores = stride(from: -50.0, through: 50.0, by: 0.5).map(model.confidence)
            #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(scores.allSatisfy { (0...1).contains($0) })
            #expect(scores.last! > scores.first!)
        }
    }

    @Test func searchResultsCarryTheirConfidenceBestFirstAndSaySoWhenNoneIsGood() throws {
        let strict = RankingModel(weights: [.bm25fRaw: 10, .focus: 4], slope: 1, intercept: -1_000, threshold: 0.5)
        let lenient = RankingModel(weights: [.bm25fRaw: 10, .focus: 4], slope: 1, intercept: 1_000, threshold: 0.5)
        let strictIndex = SearchIndex(ranking: strict), lenientIndex = SearchIndex(ranking: lenient)
        // Below `calibratedFromArticles` nothing is withheld: unrelated articles make the index big enough.
        let filler = (0..<RankingModel.calibratedFromArticles).map { article("filler-\($0)", "Note \($0)", "Unrelated words number \($0).") }
        strictIndex.update(corpus + filler)
        lenientIndex.update(corpus + filler)
        let small = SearchIndex(ranking: strict)
        small.update(corpus)
        #expect(!small.search("what causes gallstones").noGoodAnswer, "a small index is outside the calibration: nothing withheld")
        let question = "what causes gallstones"
        let sure = lenientIndex.search(question)
        #expect(!sure.noGoodAnswer)
        #expect(sure.results.first?.id == "gs-causes")
        #expect(zip(sure.results, sure.results.dropFirst()).allSatisfy { $0.score >= $1.score && $0.confidence >= $1.confidence })
        let unsure = strictIndex.search(question)
        #expect(unsure.noGoodAnswer)
        #expect(unsure.results.map(\.id) == sure.results.map(\.id), "the answers are still there for the API; the page hides them")
        // Under an urgent-care notice the answers are never withheld.
        let urgent = strictIndex.search("crushing chest pain spreading to my left arm, what causes gallstones")
        #expect(urgent.urgent != nil)
        #expect(!urgent.noGoodAnswer)
    }
}

import Foundation
import SanaTestSupport
import Testing
@testable import SanaEval

@Suite struct LiveQAEvaluationTests {
    /// The same run scored here and by the reference scorer prints the same JSON.
    @Test func agreesWithTheReferenceScorer() throws {
        let qrelsPath = try SharedData.require("data/liveqa-dev/qrels.txt").path
        let qrels = try LiveQAEvaluation.loadQrels(qrelsPath)
        // A deterministic run that mixes judged answers in several orders with unjudged ones.
        var runs: [String: [String]] = [:]
        for (i, qid) in qrels.keys.sorted().enumerated() where i % 5 != 0 {
            var ids = qrels[qid]!.keys.sorted()
            if i % 2 == 0 { ids.reverse() }
            runs[qid] = Array((["UNJUDGED_\(i)"] + ids).prefix(3 + i % 9))
        }
        let folder = try TemporaryFolder("sana-eval"); defer { folder.remove() }
        let dir = folder.url
        let runFile = dir.appendingPathComponent("run.jsonl")
        let lines = runs.keys.sorted().map { RunLine(qid: $0, ids: runs[$0]!) }
        try RunLine.file(lines).write(to: runFile, atomically: true, encoding: .utf8)

        let run = try PythonRun.run([try SharedData.require("tools/liveqa_score.py").path, runFile.path, qrelsPath],
                                    standardErrorSeparate: true)
        try #require(run.status == 0)
        let printed = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(LiveQAEvaluation.json(LiveQAEvaluation.score(runs: runs, qrels: qrels)) == printed)
    }

    @Test func pythonFloatFormatting() {
        #expect(LiveQAEvaluation.pythonFloat(1) == "1.0")
        #expect(LiveQAEvaluation.pythonFloat(0.9623) == "0.9623")
        #expect(LiveQAEvaluation.round4(2.0 / 3.0) == 0.6667)
        #expect(LiveQAEvaluation.json([("avgScore", 1), ("questions", 53)]) == #"{"avgScore": 1.0, "questions": 53}"#)
    }

    /// `sana eval --run-out` writes these lines; their bytes for ordinary ids are the scorer's
    /// `json.dumps` layout, and any id is escaped.
    @Test func runLinesKeepTheScorersLayoutAndEscape() throws {
        #expect(try RunLine(qid: "12", ids: ["GHR_0000738_Sec1", "ADAM_0002818_Sec1"]).json()
                == #"{"qid": "12", "ids": ["GHR_0000738_Sec1", "ADAM_0002818_Sec1"]}"#)
        #expect(try RunLine(qid: "7", ids: []).json() == #"{"qid": "7", "ids": []}"#)
        let odd = RunLine(qid: "a\"b\\c\nd/e", ids: ["x\"y"])
        let line = try odd.json()
        #expect(line == #"{"qid": "a\"b\\c\nd/e", "ids": ["x\"y"]}"#)
        #expect(try JSONDecoder().decode(RunLine.self, from: Data(line.utf8)) == odd)
        #expect(try RunLine.file([RunLine(qid: "1", ids: ["a"]), RunLine(qid: "2", ids: ["b"])])
                == "{\"qid\": \"1\", \"ids\": [\"a\"]}\n{\"qid\": \"2\", \"ids\": [\"b\"]}\n")
        #expect(try RunLine.file([]) == "\n")
    }
}

import Foundation

/// Scores a run of answers the way `shared/tools/liveqa_score.py` does (TREC 2017 LiveQA medical):
/// judgments 1–4 are worth 0–3 points, unjudged answers count as incorrect, the first 10 answers
/// count, and an answer judged twice for one question keeps its better judgment.
public enum LiveQAEvaluation {
    public struct Question: Sendable, Decodable {
        public var qid: String
        public var question: String
        public var summary: String?
    }

    /// qid → answer id → grade (1…4).
    public typealias Qrels = [String: [String: Int]]

    public static func loadQuestions(_ path: String) throws -> [Question] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.enumerated().map { i, line in
            do { return try JSONDecoder().decode(Question.self, from: Data(line.utf8)) } catch {
                throw EvaluationError.badLine(file: path, line: i + 1, message: "\(error)")
            }
        }
    }

    public static func loadQrels(_ path: String) throws -> Qrels {
        var qrels: Qrels = [:]
        for (i, line) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let grade = Int(parts[1].prefix { $0.isNumber }) else {
                throw EvaluationError.badLine(file: path, line: i + 1, message: "expected 'qid judgment answer-id'")
            }
            let answer = parts[2].hasSuffix(".txt") ? String(parts[2].dropLast(4)) : String(parts[2])
            qrels[String(parts[0]), default: [:]][answer] = max(grade, qrels[String(parts[0])]?[answer] ?? 0)
        }
        return qrels
    }

    /// The scorer's metrics in its key order, rounded to 4 places as it rounds them.
    public static func score(runs: [String: [String]], qrels: Qrels, k: Int = 10) -> [(String, Double)] {
        let qids = qrels.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }
        var totals: [String: Double] = [:]
        var judged = 0, returned = 0
        for qid in qids {
            let ids = Array((runs[qid] ?? []).prefix(k))
            let j = qrels[qid] ?? [:]
            let grades = ids.map { j[$0] ?? 1 }
            judged += ids.filter { j[$0] != nil }.count
            returned += ids.count
            let first = grades.first ?? 1
            totals["avgScore", default: 0] += Double(first - 1)
            for i in 2...4 where first >= i { totals["succ@\(i)+", default: 0] += 1 }
            for threshold in [2, 3] {
                let relevant = j.values.filter { $0 >= threshold }.count
                var hits = 0, ap = 0.0, rr = 0.0
                for (rank, g) in grades.enumerated() where g >= threshold {
                    hits += 1
                    ap += Double(hits) / Double(rank + 1)
                    if rr == 0 { rr = 1 / Double(rank + 1) }
                }
                totals["MAP@10(>=\(threshold))", default: 0] += relevant > 0 ? ap / Double(min(relevant, k)) : 0
                totals["MRR@10(>=\(threshold))", default: 0] += rr
            }
        }
        let keys = ["avgScore", "succ@2+", "succ@3+", "succ@4+", "MAP@10(>=2)", "MRR@10(>=2)", "MAP@10(>=3)", "MRR@10(>=3)"]
        var out = keys.map { ($0, round4((totals[$0] ?? 0) / Double(max(qids.count, 1)))) }
        out.append(("judged@10", returned > 0 ? round4(Double(judged) / Double(returned)) : 0))
        out.append(("questions", Double(qids.count)))
        return out
    }

    /// Python's `round(x, 4)`: the double nearest the correctly rounded decimal.
    static func round4(_ x: Double) -> Double { Double(String(format: "%.4f", x)) ?? x }

    /// The metrics as `json.dumps` prints them: `{"avgScore": 0.96, …, "questions": 53}`.
    /// Not through JSONEncoder, which writes `1` for 1.0 and orders keys its own way: these
    /// bytes must equal the reference scorer's. Keys are constants and values numbers, so
    /// nothing here needs escaping.
    public static func json(_ metrics: [(String, Double)], extra: [(String, Double)] = []) -> String {
        let parts = (metrics + extra).map { key, value in
            let number = key == "questions" ? String(Int(value)) : pythonFloat(value)
            return "\"\(key)\": \(number)"
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Python's repr of a float: shortest round-trip digits, always with a decimal point.
    static func pythonFloat(_ x: Double) -> String {
        let s = "\(x)"
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
}

public enum EvaluationError: Error, CustomStringConvertible {
    case badLine(file: String, line: Int, message: String)
    public var description: String {
        switch self { case let .badLine(file, line, message): "\(file):\(line): \(message)" }
    }
}

import ArgumentParser
import Foundation
import SanaEval
import SanaSearch
import SanaStore

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask a question; print the ranked answers with snippets.")
    @Argument(help: "The question.") var question: String
    @Option(help: "How many answers.") var limit = 10
    @Flag(help: "Print one JSON object with a results array.") var json = false
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100") }
        var loaded: SearchIndex?
        try await reportingStorageFailures { loaded = try await db.loadSearchIndex() }
        guard let index = loaded else { return }
        let response = index.search(question, limit: limit)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(response), as: UTF8.self))
            return
        }
        // The urgent-care notice comes before anything else: it matters more than any answer.
        if let urgent = response.urgent { print("URGENT: \(urgent.message)\n") }
        if let d = response.didYouMean { print("Did you mean: \(d)") }
        print("Understood: \(response.types.map(\.rawValue).joined(separator: ", "))" + (response.focus.isEmpty ? "" : " · about \(response.focus.joined(separator: ", "))"))
        for (i, r) in response.results.enumerated() {
            print("\(i + 1). \(r.title)  [\(r.id), \(String(format: "%.2f", r.score))]")
            print("   \(r.section.heading ?? "Overview") — \(r.snippet)")
        }
        if response.results.isEmpty { print("No answers found.") }
    }
}

struct Eval: AsyncParsableCommand {
    enum QuestionField: String, ExpressibleByArgument { case question, summary }
    static let configuration = CommandConfiguration(
        abstract: "Ask every question of a LiveQA-style file and score the answers as shared/tools/liveqa_score.py does.")
    @Argument(help: "Questions, one JSON object per line with qid, question and summary.") var questions: String
    @Argument(help: "Judgments: 'qid judgment answer-id' per line.") var qrels: String
    @Option(help: "Write the run (one {qid, ids} object per line) here.") var runOut: String?
    @Option(help: "Which wording to ask: question or summary.") var field: QuestionField = .question
    @Flag(help: "Print one JSON object: the scorer's keys plus latency_p50_ms and latency_p99_ms.") var json = false
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a ranking parameter, e.g. --set focusBoost=3 (for tuning).", visibility: .hidden))
    var overrides: [String] = []
    @Option(help: "Rank with these learned weights instead of the bundled ones (a ranking-weights.json).") var weights: String?
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let model = try weights.map { try RankingModel(contentsOf: URL(fileURLWithPath: $0)) }
        let parameters = try RankingParameters(overrides: overrides)
        let asked = try LiveQAEvaluation.loadQuestions(questions)
        let judgments = try LiveQAEvaluation.loadQrels(qrels)
        var loaded: SearchIndex?
        try await reportingStorageFailures { loaded = try await db.loadSearchIndex() }
        guard let index = loaded else { return }
        var runs: [String: [String]] = [:]
        var lines: [RunLine] = []
        var latencies: [Double] = []
        for q in asked {
            let text = field == .summary ? (q.summary ?? q.question) : q.question
            let start = ContinuousClock.now
            let response = index.search(text, limit: 10, parameters: parameters, model: model)
            latencies.append((ContinuousClock.now - start).milliseconds)
            runs[q.qid] = response.results.map(\.id)
            lines.append(RunLine(qid: q.qid, ids: response.results.map(\.id)))
        }
        if let runOut { try RunLine.file(lines).write(toFile: runOut, atomically: true, encoding: .utf8) }
        let metrics = LiveQAEvaluation.score(runs: runs, qrels: judgments)
        let timings = Latencies(latencies)
        let latency = [("latency_p50_ms", (timings.percentile(0.5) * 1000).rounded() / 1000),
                       ("latency_p99_ms", (timings.percentile(0.99) * 1000).rounded() / 1000)]
        if json {
            print(LiveQAEvaluation.json(metrics, extra: latency))
        } else {
            print(LiveQAEvaluation.json(metrics))
            print(String(format: "latency: p50 %.3f ms, p99 %.3f ms over %d questions", latency[0].1, latency[1].1, asked.count))
        }
    }
}

struct Features: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the features of every question's candidate answers (JSON Lines), for learning the ranking weights.")
    @Argument(help: "Questions, one JSON object per line with qid, question and summary.") var questions: String
    @Option(help: "Write the features here.") var out: String
    @Option(help: "Which wording to ask: question or summary.") var field: Eval.QuestionField = .question
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a ranking parameter, e.g. --set maxQueryTerms=14 (for tuning).", visibility: .hidden))
    var overrides: [String] = []
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let parameters = try RankingParameters(overrides: overrides)
        let asked = try LiveQAEvaluation.loadQuestions(questions)
        var loaded: SearchIndex?
        try await reportingStorageFailures { loaded = try await db.loadSearchIndex() }
        guard let index = loaded else { return }
        let text = FeatureDump.lines(questions: asked, useSummary: field == .summary) { index.candidates(for: $0, parameters: parameters) }
        try text.write(toFile: out, atomically: true, encoding: .utf8)
    }
}

extension RankingParameters {
    /// The defaults with `--set NAME=NUMBER` overrides applied.
    init(overrides: [String]) throws {
        self.init()
        for o in overrides {
            let parts = o.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Float(parts[1]), set(String(parts[0]), value) else {
                throw ValidationError("--set \(o): expected NAME=NUMBER with a known parameter name")
            }
        }
    }
}

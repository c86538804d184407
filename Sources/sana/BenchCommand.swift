import ArgumentParser
import Foundation
import SanaApp
import SanaEval
import SanaSearch

/// Measures the answer engine in-process, for bench/search.sh, which runs tantivy on the same
/// corpus and questions and prints the ratios.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "Time index building and searches over question files (one question per line); prints JSON.")
    @Argument(help: "Question files, one question per line.") var files: [String]
    @Option(help: "Answers per question.") var limit = 10
    @Flag(help: "Open the index file beside the database (as `sana serve` does) instead of building; build_ms is then the time to open it.")
    var indexFile = false
    @Option(help: "Write each question's total and answers (article id:score, best first, one line a question) here, to compare rankings.")
    var resultsOut: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a ranking parameter, e.g. --set pruneAbove=100000 (for tuning).", visibility: .hidden))
    var overrides: [String] = []
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let parameters = try RankingParameters(overrides: overrides)
        let configuration = try await db.load()
        let store = try openStore(configuration, create: false)
        let clock = ContinuousClock()
        let words = installedEnglishWords(warn: printError)
        let index: SearchIndex
        let buildTime: Duration
        if indexFile {
            var loaded: LoadedIndex?
            buildTime = try await clock.measure {
                loaded = try await loadSearchIndex(from: store, file: indexFilePath(database: configuration.database), englishWords: words, logger: quietLogger())
            }
            index = loaded!.index
        } else {
            index = SearchIndex(englishWords: words)
            // Loaded as `sana serve` loads it; only the indexing is timed.
            buildTime = try await applyAllArticles(of: store, to: index).indexingTime
            finishLoading(index)
        }
        var report = BenchReport(buildMilliseconds: milliseconds(buildTime), articles: index.count)
        if let resultsOut {
            var lines = ""
            for file in files {
                for q in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
                    let response = index.search(String(q), limit: limit, parameters: parameters)
                    lines += "\(response.total) " + response.results.map { "\($0.id):\($0.score)" }.joined(separator: " ") + "\n"
                }
            }
            try lines.write(toFile: resultsOut, atomically: true, encoding: .utf8)
        }
        for file in files {
            let questions = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            for q in questions.prefix(200) { _ = index.search(q, limit: limit, parameters: parameters) }  // warm up
            // Short files are asked several times over, so percentiles rest on at least 1,000 timings.
            let rounds = questions.isEmpty ? 0 : (1000 + questions.count - 1) / questions.count
            var times: [Double] = []
            times.reserveCapacity(questions.count * rounds)
            for _ in 0..<rounds {
                for q in questions { times.append(milliseconds(clock.measure { _ = index.search(q, limit: limit, parameters: parameters) })) }
            }
            let timings = Latencies(times)
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            report.files.append((name, .init(queries: questions.count, timings: times.count,
                                             p50: timings.percentile(0.5), p99: timings.percentile(0.99))))
        }
        // The A–Z directory reads every condition name after start and after writes.
        report.conditionsMilliseconds = milliseconds(clock.measure { _ = index.conditionNames() })
        report.residentMegabytes = residentMegabytes()
        report.indexMegabytes = index.storageReport().mapValues { $0 / 1_048_576 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    /// To the microsecond.
    func milliseconds(_ d: Duration) -> Double { (d.milliseconds * 1000).rounded() / 1000 }

    /// Resident memory of this process, from /proc.
    func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kb / 1024
    }
}

/// What `bench-search` prints: fixed keys, and one object per question file named after the file
/// (bench/search.sh reads them by these names).
struct BenchReport: Encodable {
    struct FileTimings: Encodable {
        var queries: Int
        var timings: Int
        var p50: Double
        var p99: Double
        enum CodingKeys: String, CodingKey { case queries, timings, p50 = "p50_ms", p99 = "p99_ms" }
    }

    var buildMilliseconds: Double
    var articles: Int
    var residentMegabytes = -1
    var conditionsMilliseconds: Double = 0
    var files: [(name: String, timings: FileTimings)] = []
    var indexMegabytes: [String: Int] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(buildMilliseconds, forKey: Key("build_ms"))
        try container.encode(articles, forKey: Key("articles"))
        try container.encode(residentMegabytes, forKey: Key("rss_mb"))
        try container.encode(conditionsMilliseconds, forKey: Key("conditions_ms"))
        for file in files { try container.encode(file.timings, forKey: Key(file.name)) }
        try container.encode(indexMegabytes, forKey: Key("index_mb"))
    }
}

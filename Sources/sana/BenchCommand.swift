import ArgumentParser
import Foundation
import SanaCore
import SanaSearch
import SanaStore
import SanaWeb

/// Measures the answer engine in-process, for bench/search.sh, which runs tantivy on the same
/// corpus and questions and prints the ratios.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "Time index building and searches over question files (one question per line); prints JSON.")
    @Argument(help: "Question files, one question per line.") var files: [String]
    @Option(help: "Answers per question.") var limit = 10
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let store = try db.openExisting()
        let clock = ContinuousClock()
        let index = SearchIndex(englishWords: installedEnglishWords())
        // Articles are read in batches, as `sana serve` does; only the indexing is timed.
        var buildTime = Duration.zero
        var batch: [Article] = []
        for try await a in store.allArticles() {
            batch.append(a)
            if batch.count == 5000 { buildTime += clock.measure { index.update(batch) }; batch.removeAll(keepingCapacity: true) }
        }
        buildTime += clock.measure { index.update(batch) }
        batch = []
        index.trimStorage()
        releaseFreedMemory()
        var parts = ["\"build_ms\": \(milliseconds(buildTime))", "\"articles\": \(index.count)", "\"rss_mb\": \(residentMegabytes())"]
        for file in files {
            let questions = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            for q in questions.prefix(200) { _ = index.search(q, limit: limit) }  // warm up
            // Short files are asked several times over, so percentiles rest on at least 1,000 timings.
            let rounds = questions.isEmpty ? 0 : (1000 + questions.count - 1) / questions.count
            var times: [Double] = []
            times.reserveCapacity(questions.count * rounds)
            for _ in 0..<rounds {
                for q in questions { times.append(milliseconds(clock.measure { _ = index.search(q, limit: limit) })) }
            }
            times.sort()
            func pct(_ p: Double) -> Double { times.isEmpty ? 0 : times[min(times.count - 1, Int(p * Double(times.count)))] }
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            parts.append("\"\(name)\": {\"queries\": \(questions.count), \"timings\": \(times.count), \"p50_ms\": \(pct(0.5)), \"p99_ms\": \(pct(0.99))}")
        }
        parts[2] = "\"rss_mb\": \(residentMegabytes())"
        let storage = index.storageReport().sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value / 1_048_576)" }
        parts.append("\"index_mb\": {" + storage.joined(separator: ", ") + "}")
        print("{" + parts.joined(separator: ", ") + "}")
    }

    func milliseconds(_ d: Duration) -> Double {
        ((Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15) * 1000).rounded() / 1000
    }

    /// Resident memory of this process, from /proc.
    func residentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kb / 1024
    }
}


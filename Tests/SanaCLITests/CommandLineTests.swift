import Foundation
import SanaTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The `sana` executable built beside this test bundle.
let sanaBinary: URL = {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [dir, dir.deletingLastPathComponent()] {
        let url = candidate.appendingPathComponent("sana")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return dir.appendingPathComponent("sana")
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

func sana(_ arguments: [String]) throws -> Run { try runProcess(sanaBinary, arguments) }

/// Runs a program to its end, reading its output as it goes (a full pipe would block it).
func runProcess(_ executable: URL, _ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

@Suite(.serialized) struct CommandLineTests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: sanaBinary.path), "build the package first: \(sanaBinary.path)")
    }

    @Test func badImportExitsWith65AndNamesTheFileAndLine() throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        let db = dir.appendingPathComponent("db.sqlite").path
        let good = dir.appendingPathComponent("good.jsonl")
        try #"{"id":"g","title":"Good?","body":"Yes.","category":"C"}"#.write(to: good, atomically: true, encoding: .utf8)
        #expect(try sana(["import", good.path, "--database", db]).status == 0)
        let before = try sana(["export", "--database", db]).stdout
        let bad = dir.appendingPathComponent("bad.jsonl")
        try #"{"id":"g","title":"Changed?","body":"No.","category":"C"}"#.appending("\n{\"title\": 5}\n").write(to: bad, atomically: true, encoding: .utf8)
        let run = try sana(["import", bad.path, "--database", db])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(bad.path):2:"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(try sana(["export", "--database", db]).stdout == before)
        let missing = try sana(["import", dir.appendingPathComponent("nope.jsonl").path, "--database", db])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no such file or folder"))
    }

    @Test func importSummaryAndIdempotence() throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        let db = dir.appendingPathComponent("db.sqlite").path
        let seed = try SharedData.require("seed/page-example.txt").path
        let first = try sana(["import", seed, "--title", "Neck calcification?", "--database", db])
        #expect(first.status == 0)
        #expect(first.stdout.contains("1 added, 0 updated, 0 unchanged, 0 skipped; 1 published, 0 drafts"))
        let second = try sana(["import", seed, "--title", "Neck calcification?", "--database", db])
        #expect(second.stdout.contains("0 added, 0 updated, 1 unchanged"))
        #expect(!second.stderr.contains("\u{1B}["), "no terminal escapes when stderr is not a terminal")
    }

    /// The README's first command: serve an empty database, which fills with the samples.
    @Test func serveLoadsSamplesServesPagesAndStopsGracefully() async throws {
        let folder = try TemporaryFolder("sana-cli"); defer { folder.remove() }
        let (process, base) = try startServer(database: folder.path("site.sqlite"))
        defer { if process.isRunning { process.terminate() } }
        try #require(await waitUntilHealthy(base, while: { process.isRunning }), "sana serve did not become healthy")

        let (data, response) = try await URLSession.shared.data(from: URL(string: base + "/articles/what-causes-calcification-in-the-neck-and-how-is-it-treated")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let html = String(decoding: data, as: UTF8.self)
        #expect(html.contains(#">Chronic Inflammation <a class="anchor""#))
        #expect(html.contains(#"rel="next""#))
        #expect(html.contains("...</span></li>"))

        process.terminate()  // SIGTERM: graceful shutdown
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// `sana import` into the database of a running server: the server's answers follow within
    /// seconds, without a restart.
    @Test func aRunningServerAnswersFromArticlesImportedMeanwhile() async throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        let db = dir.appendingPathComponent("site.sqlite").path
        let (process, base) = try startServer(database: db)
        defer { if process.isRunning { process.terminate() } }
        try #require(await waitUntilHealthy(base, while: { process.isRunning }), "sana serve did not become healthy")
        let file = dir.appendingPathComponent("new.jsonl")
        try #"{"id":"zz","title":"What is zorbitis?","body":"Zorbitis is a made-up condition for this test.","category":"Tests"}"#
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try sana(["import", file.path, "--database", db]).status == 0)
        let search = URL(string: base + "/search?q=zorbitis")!
        var found = false
        let deadline = Date().addingTimeInterval(30)
        while !found && Date() < deadline {
            let (data, _) = try await URLSession.shared.data(from: search)
            found = String(decoding: data, as: UTF8.self).contains("/articles/what-is-zorbitis")
            if !found { try await Task.sleep(for: .milliseconds(200)) }  // poll interval
        }
        #expect(found, "the imported article never became an answer")
    }

    @Test func searchAndEvalOverTheSamples() throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        let db = dir.appendingPathComponent("db.sqlite").path
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        #expect(try sana(["import", repo.appendingPathComponent("Sources/SanaIngest/Samples").path, "--database", db]).status == 0)

        let search = try sana(["search", "what causes gall stones", "--json", "--database", db])
        #expect(search.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.first?["slug"] as? String == "what-causes-gallstones")
        for key in ["id", "slug", "title", "score", "section", "snippet"] { #expect(results.first?[key] != nil, "missing \(key)") }

        let questions = dir.appendingPathComponent("q.jsonl")
        try """
        {"qid": "1", "question": "What causes gallstones?", "summary": "gallstone causes"}
        {"qid": "2", "question": "heel pain in the morning", "summary": "plantar fasciitis symptoms"}
        """.write(to: questions, atomically: true, encoding: .utf8)
        let qrels = dir.appendingPathComponent("qrels.txt")
        try "1 4-Excellent gallstones-causes.txt\n1 2-Related gallstones-untreated-consequences.txt\n2 4-Excellent plantar-fasciitis-symptoms.txt\n"
            .write(to: qrels, atomically: true, encoding: .utf8)
        let run = dir.appendingPathComponent("run.jsonl").path
        let eval = try sana(["eval", questions.path, qrels.path, "--run-out", run, "--json", "--database", db])
        #expect(eval.status == 0)
        let metrics = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        #expect(metrics["latency_p50_ms"] != nil && metrics["latency_p99_ms"] != nil)
        #expect(metrics["questions"] as? Int == 2)

        let scorer = Process()
        scorer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        scorer.arguments = ["python3", try SharedData.require("tools/liveqa_score.py").path, run, qrels.path]
        let out = Pipe()
        scorer.standardOutput = out
        try scorer.run()
        let reference = try #require(try JSONSerialization.jsonObject(with: out.fileHandleForReading.readDataToEndOfFile()) as? [String: Any])
        scorer.waitUntilExit()
        for (key, value) in reference {
            #expect("\(metrics[key] ?? "missing")" == "\(value)", "\(key)")
        }
    }
}

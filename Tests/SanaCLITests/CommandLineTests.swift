import Foundation
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

func sana(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = sanaBinary
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

func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sana-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite(.serialized) struct CommandLineTests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: sanaBinary.path), "build the package first: \(sanaBinary.path)")
    }

    @Test func badImportExitsWith65AndNamesTheFileAndLine() throws {
        let dir = try scratch()
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
        let dir = try scratch()
        let db = dir.appendingPathComponent("db.sqlite").path
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seed/page-example.txt").standardized.path
        let first = try sana(["import", seed, "--title", "Neck calcification?", "--database", db])
        #expect(first.status == 0)
        #expect(first.stdout.contains("1 added, 0 updated, 0 unchanged, 0 skipped; 1 published, 0 drafts"))
        let second = try sana(["import", seed, "--title", "Neck calcification?", "--database", db])
        #expect(second.stdout.contains("0 added, 0 updated, 1 unchanged"))
        #expect(!second.stderr.contains("\u{1B}["), "no terminal escapes when stderr is not a terminal")
    }

    /// The README's first command: serve an empty database, which fills with the samples.
    @Test func serveLoadsSamplesServesPagesAndStopsGracefully() async throws {
        let dir = try scratch()
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = sanaBinary
        process.arguments = ["serve", "--port", "\(port)", "--database", dir.appendingPathComponent("site.sqlite").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let base = "http://127.0.0.1:\(port)"
        var healthy = false
        let deadline = Date().addingTimeInterval(60)
        while !healthy && Date() < deadline && process.isRunning {
            if let (data, response) = try? await URLSession.shared.data(from: URL(string: base + "/health")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                healthy = String(decoding: data, as: UTF8.self).contains(#""status":"ok""#)
            } else {
                try await Task.sleep(for: .milliseconds(100))  // poll interval, not a wait for readiness
            }
        }
        try #require(healthy, "sana serve did not become healthy")

        let (data, response) = try await URLSession.shared.data(from: URL(string: base + "/articles/what-causes-calcification-in-the-neck-and-how-is-it-treated")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let html = String(decoding: data, as: UTF8.self)
        #expect(html.contains("<h2>Chronic Inflammation</h2>"))
        #expect(html.contains(#"rel="next""#))
        #expect(html.contains("...</a></li>"))

        process.terminate()  // SIGTERM: graceful shutdown
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}

import Foundation
import SanaTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `../shared/tools/with-cores N`: runs a command as if the machine had N cores (needs root, as
/// CI has). CI machines have 2 cores, servers 16 or more: the work split must hold at every count.
let withCores = SharedData.folder.appendingPathComponent("tools/with-cores").path

@Suite(.serialized) struct ManyCoresTests {
    /// Articles enough that every core count splits them (the old split trapped from 3 cores on).
    static func corpus(_ count: Int, prefix: String) throws -> String {
        try (0..<count).map { i in
            let record = ["id": "\(prefix)\(i)", "title": "What causes \(prefix)itis type \(i)?", "category": "Tests",
                          "body": "## Causes\n\n\(prefix.capitalized)itis type \(i) comes from marker\(i) in the joints."]
            return String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    func sanaWithCores(_ cores: Int, _ arguments: [String]) throws -> Run {
        try runProcess(URL(fileURLWithPath: "/bin/bash"), [withCores, "\(cores)", sanaBinary.path] + arguments)
    }

    @Test(arguments: [3, 16, 64])
    func searchAndServeOnManyCores(cores: Int) async throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("site.sqlite").path
        let file = dir.appendingPathComponent("corpus.jsonl")
        try Self.corpus(2_000, prefix: "zorb").write(to: file, atomically: true, encoding: .utf8)
        let imported = try sanaWithCores(cores, ["import", file.path, "--database", db])
        #expect(imported.status == 0, "\(imported.stderr)")

        let search = try sanaWithCores(cores, ["search", "what causes zorbitis type 1234", "--json", "--database", db])
        #expect(search.status == 0, "sana search under \(cores) cores: \(search.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
        let first = (object?["results"] as? [[String: Any]])?.first
        #expect(first?["id"] as? String == "zorb1234")

        let port = Int.random(in: 20_000..<50_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/bin/bash")
        server.arguments = [withCores, "\(cores)", sanaBinary.path, "serve", "--port", "\(port)", "--no-sample", "--database", db]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        try #require(await waitUntilHealthy(base, while: { server.isRunning }), "sana serve under \(cores) cores did not become healthy")
        let (data, _) = try await URLSession.shared.data(from: URL(string: base + "/search?q=zorbitis+type+77")!)
        #expect(String(decoding: data, as: UTF8.self).contains("/articles/what-causes-zorbitis-type-77"))

        // The index follower splits what another process writes over the same cores.
        let more = dir.appendingPathComponent("more.jsonl")
        try Self.corpus(300, prefix: "quib").write(to: more, atomically: true, encoding: .utf8)
        #expect(try sana(["import", more.path, "--database", db]).status == 0)
        var found = false
        let deadline = Date().addingTimeInterval(30)
        while !found && server.isRunning && Date() < deadline {
            let (page, _) = try await URLSession.shared.data(from: URL(string: base + "/search?q=quibitis+type+250")!)
            found = String(decoding: page, as: UTF8.self).contains("/articles/what-causes-quibitis-type-250")
            if !found { try await Task.sleep(for: .milliseconds(200)) }  // poll interval
        }
        #expect(found && server.isRunning, "the server under \(cores) cores followed the import")
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }
}

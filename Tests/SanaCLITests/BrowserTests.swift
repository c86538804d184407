import Foundation
import SanaTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the browser suites (`Tests/Browser/site_browser_test.py` and `editor_browser_test.py`:
/// Chromium through chromium-driver, selenium and axe-core) against `sana serve` on the bundled
/// samples. Screenshots land in `.build/screenshots/`.
@Suite struct BrowserTests {
    /// The package's root, found from this source file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func aVisitorCanAskReadAndBrowseWithoutErrorsOrSeriousAccessibilityProblems() async throws {
        let folder = try TemporaryFolder("sana-browser"); defer { folder.remove() }
        let (server, base) = try startServer(database: folder.path("site.sqlite"))
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        try #require(await waitUntilHealthy(base, while: { server.isRunning }), "sana serve did not become healthy")

        let browser = try PythonRun.run([Self.root.appendingPathComponent("Tests/Browser/site_browser_test.py").path,
                                         base, Self.root.appendingPathComponent(".build/screenshots").path])
        let text = browser.output
        #expect(browser.status == 0, "browser suite failed:\n\(text)")
        #expect(text.contains(#""status": "ok""#))
        #expect(text.contains("article-phone.png") && text.contains("article-desktop.png"))
    }

    /// A writer, a reviewer and an editor (made by `sana user add`, the password on standard
    /// input) take one article from draft to published in the browser; an admin adds an API token.
    @Test func anArticleGoesFromDraftToPublishedThroughTheEditor() async throws {
        let folder = try TemporaryFolder("sana-browser-editor"); defer { folder.remove() }
        let database = folder.path("site.sqlite"), password = "correct horse battery staple"
        for (name, role) in [("wendy", "writer"), ("rita", "reviewer"), ("ed", "editor"), ("ada", "admin")] {
            let added = try addUser(name, role: role, password: password, database: database)
            try #require(added.status == 0, "sana user add \(name): \(added.output)")
        }
        let (server, base) = try startServer(database: database)
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        try #require(await waitUntilHealthy(base, while: { server.isRunning }), "sana serve did not become healthy")

        let browser = try PythonRun.run([Self.root.appendingPathComponent("Tests/Browser/editor_browser_test.py").path,
                                         base, Self.root.appendingPathComponent(".build/screenshots").path, password])
        #expect(browser.status == 0, "editor browser suite failed:\n\(browser.output)")
        #expect(browser.output.contains(#""status": "ok""#))
    }
}

/// `sana user add NAME --role ROLE --database PATH` with the password as one line of standard input.
func addUser(_ name: String, role: String, password: String, database: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = sanaBinary
    process.arguments = ["user", "add", name, "--role", role, "--database", database]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data((password + "\n").utf8))
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}

/// Starts `sana serve` on `database` (a new one fills with the samples) and a random port.
func startServer(database path: String) throws -> (Process, String) {
    let port = Int.random(in: 20_000..<50_000)
    let server = Process()
    server.executableURL = sanaBinary
    server.arguments = ["serve", "--port", "\(port)", "--database", path]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    return (server, "http://127.0.0.1:\(port)")
}

/// Polls `/health` until the server answers, giving up after ten minutes (a debug build starting beside the whole suite on a 2-core CI machine) or when it exits.
func waitUntilHealthy(_ base: String, while running: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(600)
    while Date() < deadline && running() {
        if let (data, response) = try? await URLSession.shared.data(from: URL(string: base + "/health")!),
           (response as? HTTPURLResponse)?.statusCode == 200 {
            return String(decoding: data, as: UTF8.self).contains(#""status":"ok""#)
        }
        try? await Task.sleep(for: .milliseconds(100))  // poll interval, not a wait for readiness
    }
    return false
}

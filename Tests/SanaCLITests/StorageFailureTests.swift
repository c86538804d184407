import Foundation
import SanaTestSupport
import Testing

/// A helper process (python3, which the suite already needs) holding some resource until its
/// standard input closes; it prints one line once it holds it.
final class Holder {
    let process = Process()
    let input = Pipe()
    let firstLine: String

    init(_ script: String, _ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        firstLine = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Runs `sana` and waits at most `timeout` seconds for it to exit (killing it after that).
func sana(_ arguments: [String], timeout: TimeInterval) throws -> Run? {
    let process = Process()
    process.executableURL = sanaBinary
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    if exited.wait(timeout: .now() + timeout) == .timedOut {
        process.interrupt()
        process.terminate()
        return nil
    }
    return Run(status: process.terminationStatus,
               stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
               stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
}

@Suite(.serialized) struct StorageFailureTests {
    static let article = #"{"id":"kept","title":"What is kept?","body":"This article must survive.","category":"C"}"#
    static let another = #"{"id":"new","title":"What is new?","body":"This one cannot be written.","category":"C"}"#

    /// A database with one article, the file of a second one, and the export of the first, in
    /// a folder the caller removes.
    static func seeded() throws -> (folder: TemporaryFolder, db: String, next: String, before: String) {
        let folder = try TemporaryFolder("sana-cli")
        let dir = folder.url
        let db = dir.appendingPathComponent("db.sqlite").path
        let first = dir.appendingPathComponent("first.jsonl")
        try article.write(to: first, atomically: true, encoding: .utf8)
        try #require(try sana(["import", first.path, "--database", db]).status == 0)
        let next = dir.appendingPathComponent("next.jsonl")
        try another.write(to: next, atomically: true, encoding: .utf8)
        return (folder, db, next.path, try sana(["export", "--database", db]).stdout)
    }

    /// Another process holds a write transaction: the import gives up after --busy-timeout,
    /// says the database is locked, exits 74 and writes nothing.
    @Test func aLockedDatabaseExits74AndChangesNothing() throws {
        let (folder, db, next, before) = try Self.seeded(); defer { folder.remove() }
        let lock = try Holder("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            sys.stdin.read()
            """, [db])
        #expect(lock.firstLine == "locked")
        let run = try sana(["import", next, "--database", db, "--busy-timeout", "0.2"])
        lock.release()
        #expect(run.status == 74)
        #expect(run.stderr.contains("storage error: the database is locked by another process"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(try sana(["export", "--database", db]).stdout == before)
    }

    /// A database file this user may not write. Tests run as root in CI, where permissions do not
    /// stop writes, so there `sana` runs as the unprivileged user `nobody`.
    @Test func aReadOnlyDatabaseExits74AndChangesNothing() throws {
        let (folder, db, next, before) = try Self.seeded(); defer { folder.remove() }
        let dir = folder.url
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.appendingPathComponent(file).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        let asUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : []
        let process = Process()
        process.executableURL = URL(fileURLWithPath: asUser.first ?? sanaBinary.path)
        process.arguments = Array(asUser.dropFirst()) + (asUser.isEmpty ? [] : [sanaBinary.path]) + ["import", next, "--database", db]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(stderr)")
        #expect(stderr.contains("storage error: the database is read-only"), "\(stderr)")
        #expect(stderr.contains("nothing was written"))
        #expect(try sana(["export", "--database", db]).stdout == before)
    }

    /// A mistyped path used to create an empty database and answer "No answers found", exit 0.
    @Test(arguments: [["search", "what causes gallstones"], ["export"], ["stats"], ["eval", "q.jsonl", "qrels.txt"]])
    func readOnlyCommandsRefuseAMissingDatabase(_ command: [String]) throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        let missing = dir.appendingPathComponent("typo.sqlite").path
        try #"{"qid": "1", "question": "What causes gallstones?"}"#.write(to: dir.appendingPathComponent("q.jsonl"), atomically: true, encoding: .utf8)
        try "1 4-Excellent x.txt\n".write(to: dir.appendingPathComponent("qrels.txt"), atomically: true, encoding: .utf8)
        let arguments = command.map { $0.hasSuffix(".jsonl") || $0.hasSuffix(".txt") ? dir.appendingPathComponent($0).path : $0 }
        let run = try sana(arguments + ["--database", missing])
        #expect(run.status == 66)
        #expect(run.stderr == "sana: no database at '\(missing)'; check --database (or $SANA_DATABASE). `sana import` creates one.\n")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func serveOnAPortInUseSaysSoInOneLine() throws {
        let listener = try Holder("""
            import socket, sys
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.listen()
            print(s.getsockname()[1], flush=True)
            sys.stdin.read()
            """)
        defer { listener.release() }
        let port = try #require(Int(listener.firstLine))
        let folder = try TemporaryFolder("sana-cli"); defer { folder.remove() }
        let db = folder.path("site.sqlite")
        let run = try #require(try sana(["serve", "--port", "\(port)", "--database", db], timeout: 60), "sana serve kept running")
        #expect(run.status == 69)
        #expect(run.stderr == "sana: 127.0.0.1:\(port) is already in use by another program; stop it or choose another --port\n")
    }
}

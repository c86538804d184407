import Foundation
import SanaTestSupport
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A raw TCP connection, so a test can hold connections open as a hostile client would.
final class RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    private var open = true
    deinit { close() }

    func close() {
        if open { _ = Glibc.close(fd) }
        open = false
    }

    func send(_ text: String) { _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) } }

    /// Waits up to `seconds` for bytes on a thread of its own (blocking a thread of the
    /// concurrency pool would starve the server under test); returns what arrived, "" when the
    /// server closed the connection, nil when nothing happened in time.
    func receive(within seconds: Double) async -> String? {
        await withCheckedContinuation { continuation in
            let connection = UncheckedBox(self)
            Thread { continuation.resume(returning: connection.value.blockingReceive(within: seconds)) }.start()
        }
    }

    private func blockingReceive(within seconds: Double) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n <= 0 ? "" : String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// Reads until the server closes the connection (or `seconds` pass): true when it closed.
    func closedByServer(within seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            switch await receive(within: max(0.01, deadline.timeIntervalSinceNow)) {
            case "": return true
            case nil: return false
            default: continue
            }
        }
        return false
    }
}

struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
@Suite(.serialized) struct ServingLimitsTests {
    /// Starts `sana serve` with `options` over an empty database (it loads the samples) and
    /// polls it over connections that close, so none is left open to count against a limit.
    func startServing(_ options: [String], in dir: URL) async throws -> (Process, Int) {
        let port = Int.random(in: 20_000..<50_000)
        let server = Process()
        server.executableURL = sanaBinary
        server.arguments = ["serve", "--port", "\(port)", "--database", dir.appendingPathComponent("site.sqlite").path] + options
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        var healthy = false
        let deadline = Date().addingTimeInterval(600)
        while !healthy && server.isRunning && Date() < deadline {
            if let probe = try? RawConnection(port: port) {
                probe.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                healthy = await probe.receive(within: 5)?.hasPrefix("HTTP/1.1 200") == true
                _ = await probe.closedByServer(within: 5)
            }
            if !healthy { try await Task.sleep(for: .milliseconds(100)) }  // poll interval
        }
        if !healthy { server.terminate() }
        try #require(healthy, "sana serve did not become healthy")
        return (server, port)
    }

    /// Slowloris: a connection that sends nothing, or drips its headers, is closed by the server;
    /// one that sends a whole request in time is answered.
    @Test func silentAndSlowConnectionsAreClosed() async throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        defer { try? FileManager.default.removeItem(at: dir) }
        let (server, port) = try await startServing(["--idle-timeout", "2"], in: dir)
        defer { if server.isRunning { server.terminate() } }
        let silent = try RawConnection(port: port)
        let dripping = try RawConnection(port: port)
        dripping.send("GET / HTTP/1.1\r\nHost: x\r\n")
        var closed = false
        // One header line every 100 ms never completes the head; the server must give up.
        for i in 0..<600 where !closed {
            dripping.send("X-Slow-\(i): y\r\n")
            closed = await dripping.closedByServer(within: 0.1)
        }
        #expect(closed, "a connection dripping headers is closed")
        #expect(await silent.closedByServer(within: 60), "a connection that sends nothing is closed")
        let prompt = try RawConnection(port: port)
        prompt.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await prompt.receive(within: 60)?.hasPrefix("HTTP/1.1 200") == true)
    }

    /// `sana serve --max-connections 2`: two keep-alive connections are served, a third waits
    /// in the kernel's queue until one of them closes.
    @Test func openConnectionsAreBounded() async throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        defer { try? FileManager.default.removeItem(at: dir) }
        let (server, port) = try await startServing(["--max-connections", "2", "--idle-timeout", "60"], in: dir)
        defer { if server.isRunning { server.terminate() } }
        let first = try RawConnection(port: port), second = try RawConnection(port: port)
        for c in [first, second] {
            c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await c.receive(within: 60)?.hasPrefix("HTTP/1.1 200") == true)
        }
        let third = try RawConnection(port: port)
        third.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await third.receive(within: 0.5) == nil, "a third connection waits while two are open")
        first.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(await first.closedByServer(within: 60))
        first.close()  // the server half-closed; the connection ends when the client closes too
        #expect(await third.receive(within: 60)?.hasPrefix("HTTP/1.1 200") == true, "served once one closed")
    }
}

extension ServingLimitsTests {
    /// Out-of-range settings are refused before anything starts (a port above 65535 was
    /// silently wrapped to another port).
    @Test(arguments: [["--port", "99999"], ["--port", "-1"], ["--idle-timeout", "0"], ["--max-connections", "0"]])
    func outOfRangeSettingsAreRefused(options: [String]) throws {
        let scratchFolder = try TemporaryFolder("sana-cli"); defer { scratchFolder.remove() }
        let dir = scratchFolder.url
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("site.sqlite").path
        // A server that starts anyway is stopped after a minute: the test fails instead of hanging.
        let run = try #require(try sana(["serve", "--database", db] + options, timeout: 60), "\(options) started a server")
        #expect(run.status == 64, "\(options): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "nothing is created")
    }
}

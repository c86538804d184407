import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import SanaCore
import SanaIngest
import SanaStore
@testable import SanaWeb

/// A raw TCP connection to the server under test, so a test can behave as a hostile client:
/// send nothing, send headers a byte at a time, or keep connections open.
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

    deinit { close(fd) }

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
    func site(_ limits: ConnectionLimits) async throws -> some ApplicationProtocol {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sana-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("site.sqlite").path)
        _ = try await SampleArticles.loadIfEmpty(into: store)
        return try await buildApplication(store: store, host: "127.0.0.1", port: 0, limits: limits, logger: Logger(label: "test"))
    }

    /// Slowloris: a connection that sends nothing, or drips its headers, is closed by the server;
    /// one that sends a whole request in time is answered.
    @Test func silentAndSlowConnectionsAreClosed() async throws {
        let app = try await site(ConnectionLimits(idleTimeout: .seconds(2)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
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
    }
}

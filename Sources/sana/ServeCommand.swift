import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SanaIngest
import SanaStore
import SanaWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the website. An empty database is first filled with the bundled sample articles.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "The site's public address, for canonical links, the sitemap and the feed (default: http://HOST:PORT).")
    var publicURL: String?
    @Flag(help: "Do not load the sample articles into an empty database.") var noSample = false
    @Option(help: "Seconds before a connection that sends nothing, or its headers too slowly, is closed.")
    var idleTimeout: Double = 30
    @Option(help: "Connections open at once; further ones wait until one closes.") var maxConnections = 1_024
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard idleTimeout > 0, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout must be more than 0 and at most 86400 seconds.") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
    }

    func run() async throws {
        // Checked before anything starts, so a taken port is one plain line, not a service log.
        if PortCheck.isInUse(host: host, port: port) {
            printError("sana: \(host):\(port) is already in use by another program; stop it or choose another --port")
            throw ExitCode(ExitCodes.portInUse)
        }
        var logger = Logger(label: "sana")
        logger.logLevel = .info
        var started: (SQLiteStore, String?)?
        try await reportingStorageFailures {
            let store = try db.open()
            let summary = noSample ? nil : try await SampleArticles.loadIfEmpty(into: store)
            started = (store, summary?.line)
        }
        guard let (store, loaded) = started.map({ ($0.0, $0.1) }) else { return }
        if let loaded { logger.info("Loaded sample articles: \(loaded)") }
        let limits = ConnectionLimits(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), maxConnections: maxConnections)
        let app = try await buildApplication(store: store, host: host, port: port, publicURL: publicURL, limits: limits, logger: logger)
        try await app.runService()
    }
}

/// Whether another socket already listens on an address, found by binding it as the server
/// will (with SO_REUSEADDR, so connections closing in TIME_WAIT do not count).
enum PortCheck {
    static func isInUse(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var yes: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
                let bound = bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
                let failure = errno
                close(fd)
                if bound != 0 && failure == EADDRINUSE { return true }
            }
            node = info.pointee.ai_next
        }
        return false
    }
}

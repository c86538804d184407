import ArgumentParser
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

    func run() async throws {
        var logger = Logger(label: "sana")
        logger.logLevel = .info
        let store = try SQLiteStore(path: db.database)
        if !noSample, let summary = try await SampleArticles.loadIfEmpty(into: store) {
            logger.info("Loaded sample articles: \(summary.line)")
        }
        guard idleTimeout > 0, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout must be between 0 and 86400 seconds.") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        let limits = ConnectionLimits(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), maxConnections: maxConnections)
        let app = try await buildApplication(store: store, host: host, port: port, publicURL: publicURL, limits: limits, logger: logger)
        try await app.runService()
    }
}

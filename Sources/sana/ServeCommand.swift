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
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        var logger = Logger(label: "sana")
        logger.logLevel = .info
        let store = try SQLiteStore(path: db.database)
        if !noSample, let summary = try await SampleArticles.loadIfEmpty(into: store) {
            logger.info("Loaded sample articles: \(summary.line)")
        }
        let app = try await buildApplication(store: store, host: host, port: port, publicURL: publicURL, logger: logger)
        try await app.runService()
    }
}

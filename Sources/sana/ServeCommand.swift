import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SanaApp
import SanaIngest

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the website. An empty database is first filled with the bundled sample articles.",
        discussion: "Every option can also come from an environment variable or the configuration file; the README's table lists them.")

    @Option(help: "Address to listen on (default: 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: 8080).") var port: Int?
    @Option(help: "The site's public address, for canonical links, the sitemap and the feed (default: http://HOST:PORT).")
    var publicURL: String?
    @Flag(name: .customLong("sample"), inversion: .prefixedNo, help: "Load the sample articles into an empty database (default) or not.")
    var loadSample: Bool?
    @Option(help: "Seconds before a connection that sends nothing, or its headers too slowly, is closed (default: 30).")
    var idleTimeout: Double?
    @Option(help: "Connections open at once; further ones wait until one closes (default: 1024).") var maxConnections: Int?
    @Option(help: "Seconds between looks at the database for articles other processes wrote (default: 2).")
    var followInterval: Double?
    @Option(help: "trace, debug, info, notice, warning, error or critical (default: info).") var logLevel: String?
    @Option(name: .customLong("trusted-proxy"),
            help: "A proxy (IP address or CIDR block) whose X-Forwarded-For names the client; repeatable (default: none).")
    var trustedProxies: [String] = []
    @Option(help: "Requests a minute the API takes from one client address, and from one token (default: 120).")
    var apiRateLimit: Int?
    @OptionGroup var db: DatabaseOptions

    func settings(_ s: inout CommandLineSettings) {
        s.set(.host, host)
        s.set(.port, port)
        s.set(.publicURL, publicURL)
        s.set(.loadSample, loadSample)
        s.set(.idleTimeout, idleTimeout)
        s.set(.maxConnections, maxConnections)
        s.set(.followInterval, followInterval)
        s.set(.logLevel, logLevel)
        s.set(.trustedProxies, trustedProxies)
        s.set(.apiRateLimit, apiRateLimit)
    }

    /// The flags alone, checked before anything runs (the environment and the file are read in `run`).
    func validate() throws {
        var flagsOnly = SanaConfiguration()
        flagsOnly.port = port ?? flagsOnly.port
        flagsOnly.idleTimeout = idleTimeout ?? flagsOnly.idleTimeout
        flagsOnly.maxConnections = maxConnections ?? flagsOnly.maxConnections
        flagsOnly.followInterval = followInterval ?? flagsOnly.followInterval
        flagsOnly.trustedProxies = trustedProxies
        flagsOnly.apiRateLimit = apiRateLimit ?? flagsOnly.apiRateLimit
        do { try flagsOnly.validate() } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let configuration = try await db.load(settings)
        do { try configuration.validate() } catch { throw ValidationError(error.description) }
        // Checked before anything starts, so a taken port is one plain line, not a service log.
        if PortCheck.isInUse(host: configuration.host, port: configuration.port) {
            printError("sana: \(configuration.host):\(configuration.port) is already in use by another program; stop it or choose another --port")
            throw ExitCode(ExitCodes.portInUse)
        }
        var logger = Logger(label: "sana")
        logger.logLevel = configuration.logLevel
        let (store, samples) = try await reportingStorageFailures {
            let store = try openStore(configuration, create: true)
            return (store, try await loadSampleArticles(into: store, configuration: configuration))
        }
        let accounts = try await reportingStorageFailures { try await db.openAccounts(create: true) }
        if let samples { logger.info("Loaded sample articles: \(samples.line)") }
        let words = installedEnglishWords(warn: printError)
        let app = try await buildApplication(configuration: configuration, store: store, accounts: accounts, englishWords: words, logger: logger)
        try await app.runService()
    }
}

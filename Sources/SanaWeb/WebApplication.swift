import Hummingbird
import HummingbirdCore
import Logging
import SanaSearch
import SanaStore

/// The application `sana serve` runs: the site, and an `IndexFollower` applying what other
/// processes write to the store. `runService()` shuts down gracefully on SIGINT and SIGTERM.
public func buildApplication(store: some ArticleStore, host: String, port: Int, publicURL: String? = nil,
                             limits: ConnectionLimits = ConnectionLimits(), logger: Logger) async throws -> some ApplicationProtocol {
    let position = try await store.latestChange()
    let index = try await loadSearchIndex(from: store)
    logger.info("Search index ready: \(index.count) published articles")
    let follower = IndexFollower(store: store, index: index, position: position, logger: logger)
    let renderer = try await PageRenderer(siteURL: publicURL ?? "http://\(host):\(port)")
    let router = buildRouter(store: store, renderer: renderer, index: index)
    return Application(router: router, server: .http1(configuration: .init(idleTimeout: .nanoseconds(limits.idleTimeoutNanoseconds))),
                       configuration: limits.configuration(address: .hostname(host, port: port), logger: logger),
                       services: [follower], logger: logger)
}

/// What a server gives each client: a connection that sends nothing, or sends its headers too
/// slowly, is closed after `idleTimeout` (a complete request head or body part resets it); at
/// most `maxConnections` are open at once, further ones wait in the kernel's queue.
public struct ConnectionLimits: Sendable {
    public var idleTimeout: Duration
    public var maxConnections: Int

    public init(idleTimeout: Duration = .seconds(30), maxConnections: Int = 1_024) {
        self.idleTimeout = idleTimeout
        self.maxConnections = max(1, maxConnections)
    }

    var idleTimeoutNanoseconds: Int64 {
        max(1, idleTimeout.components.seconds * 1_000_000_000 + idleTimeout.components.attoseconds / 1_000_000_000)
    }

    public func configuration(address: BindAddress, logger: Logger) -> ApplicationConfiguration {
        ApplicationConfiguration(address: address, serverName: "Sana",
                                 availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger))
    }
}

import Hummingbird
import HummingbirdCore
import Logging

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

    /// HTTP/1.1 whose idle handler closes a connection after `idleTimeout`.
    var server: HTTPServerBuilder {
        .http1(configuration: .init(idleTimeout: .nanoseconds(idleTimeoutNanoseconds)))
    }
}

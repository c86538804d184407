import Logging
import SanaWeb

/// Every setting of Sana. `load` reads them from flags, the environment and an optional JSON
/// file: a flag wins over the environment, the environment over the file, the file over the
/// defaults written here. The README's configuration table lists every key (a test keeps the
/// two in step).
public struct SanaConfiguration: Sendable, Equatable {
    /// The store: an SQLite path, `sqlite:PATH` or `sqlite://PATH` (see `StoreLocation`).
    public var database = "sana.sqlite"
    /// Seconds a write waits for another process's write before giving up.
    public var busyTimeout: Double = 10
    public var host = "127.0.0.1"
    public var port = 8080
    /// The site's public address for canonical links, the sitemap and the feed; nil: `http://HOST:PORT`.
    public var publicURL: String?
    /// Seconds before a connection that sends nothing, or its headers too slowly, is closed.
    public var idleTimeout: Double = 30
    public var maxConnections = 1_024
    /// Whether `serve` fills an empty database with the bundled sample articles.
    public var loadSample = true
    /// Seconds between the index follower's looks at the store's changes.
    public var followInterval: Double = 2
    public var logLevel: Logger.Level = .info
    /// Proxies (CIDR blocks) whose `X-Forwarded-For` names the client, for the API's rate limit
    /// and the sign-in delays; none by default: the socket's peer is the client.
    public var trustedProxies: [String] = []
    /// Requests a minute the API takes from one client address, and from one token.
    public var apiRateLimit = 120

    public init() {}

    /// The name of each setting. The raw value is the key in the configuration file.
    public enum Key: String, CaseIterable, Sendable {
        case database, busyTimeout, host, port, publicURL, idleTimeout, maxConnections, loadSample, followInterval, logLevel, trustedProxies, apiRateLimit

        /// The command-line flag that sets it.
        public var flag: String {
            switch self {
            case .loadSample: "--no-sample"
            // Repeated once per block, so named in the singular.
            case .trustedProxies: "--trusted-proxy"
            default: "--" + words.joined(separator: "-")
            }
        }

        /// The environment variable that sets it, as swift-configuration's environment provider
        /// spells the key under the `sana` prefix.
        public var environmentVariable: String { (["SANA"] + words.map { $0.uppercased() }).joined(separator: "_") }

        /// The key split at its camel-case boundaries: `publicURL` → public, url.
        private var words: [String] {
            var words: [String] = []
            var previous: Character?
            for c in rawValue {
                if words.isEmpty || (c.isUppercase && previous?.isLowercase == true) { words.append("") }
                words[words.count - 1].append(c.lowercased().first ?? c)
                previous = c
            }
            return words
        }
    }
}

extension SanaConfiguration {
    /// The serving settings out of range, refused before anything starts; the message names the
    /// flag, whichever source gave the value.
    public func validate() throws(ConfigurationError) {
        guard (0...65_535).contains(port) else { throw ConfigurationError("--port must be between 0 and 65535.") }
        guard idleTimeout > 0, idleTimeout <= 86_400 else { throw ConfigurationError("--idle-timeout must be more than 0 and at most 86400 seconds.") }
        guard maxConnections >= 1 else { throw ConfigurationError("--max-connections must be at least 1.") }
        guard followInterval > 0, followInterval <= 86_400 else { throw ConfigurationError("--follow-interval must be more than 0 and at most 86400 seconds.") }
        guard (1...1_000_000).contains(apiRateLimit) else { throw ConfigurationError("--api-rate-limit must be from 1 to 1000000 requests a minute.") }
        for block in trustedProxies where AddressBlock(block) == nil {
            throw ConfigurationError("--trusted-proxy must be an IP address or a CIDR block such as 10.0.0.0/8, not '\(block)'.")
        }
    }

    /// Whether the public address is HTTPS: then the editor's cookies are sent `Secure`.
    public var servesHTTPS: Bool { siteURL.lowercased().hasPrefix("https://") }

    /// The address pages link to.
    public var siteURL: String { publicURL ?? "http://\(host):\(port)" }

    public var connectionLimits: ConnectionLimits {
        ConnectionLimits(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), maxConnections: maxConnections)
    }

    /// The trusted proxies as blocks (`validate()` has refused any that is not one).
    public var trustedProxyBlocks: [AddressBlock] { trustedProxies.compactMap(AddressBlock.init) }

    /// The API's limiter: `apiRateLimit` a minute, up to half of it at once.
    public var apiRateLimiter: RateLimiter { RateLimiter(perMinute: Double(apiRateLimit), burst: Double(max(1, apiRateLimit / 2))) }

    public var followIntervalDuration: Duration { .milliseconds(Int64(followInterval * 1000)) }
}

/// A setting Sana cannot use; the command line reports it as a usage error (exit code 64).
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

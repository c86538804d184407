import Configuration
import Foundation
import Logging
import Synchronization

/// The settings given on the command line, which win over every other source. Commands set only
/// what the user typed (options without defaults), so an unset flag lets the environment speak.
public struct CommandLineSettings: Sendable {
    fileprivate var values: [AbsoluteConfigKey: ConfigValue] = [:]

    public init() {}

    public mutating func set(_ key: SanaConfiguration.Key, _ value: String?) { set(key, content: value.map(ConfigContent.string)) }
    public mutating func set(_ key: SanaConfiguration.Key, _ value: Int?) { set(key, content: value.map(ConfigContent.int)) }
    public mutating func set(_ key: SanaConfiguration.Key, _ value: Double?) { set(key, content: value.map(ConfigContent.double)) }
    public mutating func set(_ key: SanaConfiguration.Key, _ value: Bool?) { set(key, content: value.map(ConfigContent.bool)) }
    /// A repeatable flag: none given leaves the key to the other sources.
    public mutating func set(_ key: SanaConfiguration.Key, _ value: [String]) { set(key, content: value.isEmpty ? nil : .stringArray(value)) }

    private mutating func set(_ key: SanaConfiguration.Key, content: ConfigContent?) {
        values[AbsoluteConfigKey(key.configKey)] = content.map { ConfigValue($0, isSecret: false) }
    }
}

extension SanaConfiguration.Key {
    var configKey: ConfigKey { ConfigKey([rawValue]) }
}

extension SanaConfiguration {
    /// The environment variable naming the configuration file when `--config` is not given.
    public static let configFileVariable = "SANA_CONFIG"

    /// Reads every setting: `flags` first, then `environment` (`SANA_DATABASE`, `SANA_PORT`, …),
    /// then the JSON file `file` (or `$SANA_CONFIG`), whose top-level keys are the `Key` names,
    /// then the defaults. A value of the wrong type (`SANA_PORT=eighty`) or an unreadable file
    /// is an error, not a silent default. Ranges are checked by `validate()`.
    public static func load(flags: CommandLineSettings = CommandLineSettings(),
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            file: String? = nil) async throws(ConfigurationError) -> SanaConfiguration {
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "command line", values: flags.values),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "sana"),
        ]
        if let path = file ?? environment[configFileVariable] {
            providers.append(try await jsonFile(at: path))
        }
        let problems = ProblemCollector()
        let reader = ConfigReader(providers: providers, accessReporter: problems)
        var c = SanaConfiguration()
        c.database = reader.string(forKey: Key.database.configKey, default: c.database)
        c.busyTimeout = reader.double(forKey: Key.busyTimeout.configKey, default: c.busyTimeout)
        c.host = reader.string(forKey: Key.host.configKey, default: c.host)
        c.port = reader.int(forKey: Key.port.configKey, default: c.port)
        c.publicURL = reader.string(forKey: Key.publicURL.configKey)
        c.idleTimeout = reader.double(forKey: Key.idleTimeout.configKey, default: c.idleTimeout)
        c.maxConnections = reader.int(forKey: Key.maxConnections.configKey, default: c.maxConnections)
        c.loadSample = reader.bool(forKey: Key.loadSample.configKey, default: c.loadSample)
        c.followInterval = reader.double(forKey: Key.followInterval.configKey, default: c.followInterval)
        c.logLevel = reader.string(forKey: Key.logLevel.configKey, as: Logger.Level.self, default: c.logLevel)
        c.trustedProxies = reader.stringArray(forKey: Key.trustedProxies.configKey, default: c.trustedProxies)
        c.apiRateLimit = reader.int(forKey: Key.apiRateLimit.configKey, default: c.apiRateLimit)
        if let problem = problems.first { throw ConfigurationError(problem) }
        return c
    }

    private static func jsonFile(at path: String) async throws(ConfigurationError) -> FileProvider<JSONSnapshot> {
        let location = ConfigReader(provider: InMemoryProvider(values: ["filePath": ConfigValue(.string(path), isSecret: false)]))
        do {
            return try await FileProvider<JSONSnapshot>(config: location)
        } catch {
            throw ConfigurationError("cannot read the configuration file '\(path)': \(error)")
        }
    }
}

/// Hears every lookup the reader makes and keeps the first failure: swift-configuration's plain
/// getters fall back to the default on a malformed value, which would hide a typo.
private final class ProblemCollector: AccessReporter {
    private let found = Mutex<[String]>([])

    var first: String? { found.withLock { $0.first } }

    func report(_ event: AccessEvent) {
        var problems: [String] = []
        for result in event.providerResults {
            if case .failure(let error) = result.result { problems.append("bad setting: \(error)") }
        }
        if let error = event.conversionError { problems.append("bad setting: \(error)") }
        if !problems.isEmpty { found.withLock { $0 += problems } }
    }
}

import Foundation
import SanaTestSupport
import Logging
import SanaApp
import Testing

@Suite struct ConfigurationTests {
    @Test func nothingGivenMeansTheDefaults() async throws {
        let configuration = try await SanaConfiguration.load(environment: [:])
        #expect(configuration == SanaConfiguration())
        #expect(configuration.database == "sana.sqlite")
        #expect(configuration.port == 8080)
        #expect(configuration.loadSample)
        #expect(configuration.siteURL == "http://127.0.0.1:8080")
    }

    /// Each key set in all three sources takes the flag; set in the environment and the file,
    /// the environment's; set in the file alone, the file's.
    @Test func aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() async throws {
        try await withTemporaryFolder("sana-app") { folder in
            let file = folder.appendingPathComponent("sana.json")
            try #"""
            {"database": "file.sqlite", "port": 3000, "host": "0.0.0.0", "publicURL": "https://file.example",
             "idleTimeout": 5, "maxConnections": 7, "loadSample": true, "followInterval": 9, "logLevel": "error", "busyTimeout": 1}
            """#.write(to: file, atomically: true, encoding: .utf8)
            let environment = ["SANA_DATABASE": "env.sqlite", "SANA_PORT": "4000", "SANA_PUBLIC_URL": "https://env.example",
                               "SANA_MAX_CONNECTIONS": "8", "SANA_LOAD_SAMPLE": "false", "SANA_LOG_LEVEL": "debug"]
            var flags = CommandLineSettings()
            flags.set(.database, "flag.sqlite")
            flags.set(.port, 5000)
            flags.set(.logLevel, "critical")
            let c = try await SanaConfiguration.load(flags: flags, environment: environment, file: file.path)
            // flag > environment > file
            #expect(c.database == "flag.sqlite")
            #expect(c.port == 5000)
            #expect(c.logLevel == .critical)
            // environment > file
            #expect(c.publicURL == "https://env.example")
            #expect(c.maxConnections == 8)
            #expect(c.loadSample == false)
            // file > default
            #expect(c.host == "0.0.0.0")
            #expect(c.idleTimeout == 5)
            #expect(c.followInterval == 9)
            #expect(c.busyTimeout == 1)
        }
    }

    /// `SANA_CONFIG` names the file when `--config` is not given; `--config` wins over it.
    @Test func theFileComesFromTheFlagOrSanaConfig() async throws {
        try await withTemporaryFolder("sana-app") { folder in
            let first = folder.appendingPathComponent("a.json"), second = folder.appendingPathComponent("b.json")
            try #"{"port": 1111}"#.write(to: first, atomically: true, encoding: .utf8)
            try #"{"port": 2222}"#.write(to: second, atomically: true, encoding: .utf8)
            #expect(try await SanaConfiguration.load(environment: ["SANA_CONFIG": first.path]).port == 1111)
            #expect(try await SanaConfiguration.load(environment: ["SANA_CONFIG": first.path], file: second.path).port == 2222)
        }
    }

    /// Every key reaches the configuration through its environment variable, spelled as the
    /// README and `Key.environmentVariable` say.
    @Test(arguments: SanaConfiguration.Key.allCases)
    func everyKeyIsReadFromItsEnvironmentVariable(key: SanaConfiguration.Key) async throws {
        let values: [SanaConfiguration.Key: String] = [
            .database: "other.sqlite", .busyTimeout: "3", .host: "::1", .port: "81", .publicURL: "https://sana.example",
            .idleTimeout: "12", .maxConnections: "3", .loadSample: "false", .followInterval: "0.5", .logLevel: "warning",
            .trustedProxies: "10.0.0.0/8,::1", .apiRateLimit: "600",
        ]
        let value = try #require(values[key])
        let read = try await SanaConfiguration.load(environment: [key.environmentVariable: value])
        #expect(read != SanaConfiguration(), "\(key.environmentVariable)=\(value) changed nothing")
    }

    @Test func malformedValuesAreErrorsNotSilentDefaults() async throws {
        await #expect(throws: ConfigurationError.self) { try await SanaConfiguration.load(environment: ["SANA_PORT": "eighty"]) }
        await #expect(throws: ConfigurationError.self) { try await SanaConfiguration.load(environment: ["SANA_LOG_LEVEL": "loud"]) }
        try await withTemporaryFolder("sana-app") { folder in
            let file = folder.appendingPathComponent("bad.json")
            try #"{"port": "eighty"}"#.write(to: file, atomically: true, encoding: .utf8)
            await #expect(throws: ConfigurationError.self) { try await SanaConfiguration.load(environment: [:], file: file.path) }
            await #expect(throws: ConfigurationError.self) {
                try await SanaConfiguration.load(environment: [:], file: folder.appendingPathComponent("missing.json").path)
            }
        }
    }

    /// The messages `sana serve` has always printed for out-of-range flags.
    @Test func outOfRangeServingSettingsAreRefused() throws {
        func problem(_ change: (inout SanaConfiguration) -> Void) -> String? {
            var c = SanaConfiguration()
            change(&c)
            do { try c.validate(); return nil } catch { return error.description }
        }
        #expect(problem { _ in } == nil)
        #expect(problem { $0.port = 0 } == nil)
        #expect(problem { $0.port = 65_536 } == "--port must be between 0 and 65535.")
        #expect(problem { $0.port = -1 } == "--port must be between 0 and 65535.")
        #expect(problem { $0.idleTimeout = 0 } == "--idle-timeout must be more than 0 and at most 86400 seconds.")
        #expect(problem { $0.idleTimeout = 86_401 } == "--idle-timeout must be more than 0 and at most 86400 seconds.")
        #expect(problem { $0.maxConnections = 0 } == "--max-connections must be at least 1.")
        #expect(problem { $0.followInterval = 0 } == "--follow-interval must be more than 0 and at most 86400 seconds.")
        #expect(problem { $0.trustedProxies = ["10.0.0.0/8", "::1"] } == nil)
        #expect(problem { $0.apiRateLimit = 0 } == "--api-rate-limit must be from 1 to 1000000 requests a minute.")
        #expect(problem { $0.trustedProxies = ["proxy.example"] } == "--trusted-proxy must be an IP address or a CIDR block such as 10.0.0.0/8, not 'proxy.example'.")
    }

    @Test func keysSpellTheirFlagsAndVariables() {
        #expect(SanaConfiguration.Key.publicURL.flag == "--public-url")
        #expect(SanaConfiguration.Key.publicURL.environmentVariable == "SANA_PUBLIC_URL")
        #expect(SanaConfiguration.Key.maxConnections.environmentVariable == "SANA_MAX_CONNECTIONS")
        #expect(SanaConfiguration.Key.database.environmentVariable == "SANA_DATABASE")
        #expect(SanaConfiguration.Key.loadSample.flag == "--no-sample")
    }
}

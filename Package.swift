// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Sana",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sana", targets: ["sana"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        // Default traits only (JSON files): no YAML, reloading or metrics to build.
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        // Editorial accounts: bcrypt for passwords, the authenticated-context and policy types.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // SHA-256 of session tokens (already in the graph through hummingbird-auth).
        .package(url: "https://github.com/apple/swift-crypto.git", "1.0.0"..<"6.0.0"),
        // The JSON API: server types generated from the OpenAPI document at build time.
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
    ],
    targets: [
        // GitHub's CommonMark parser (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "SanaCore", dependencies: ["CCmarkGFM"]),
        .target(name: "SanaIngest", dependencies: [
            "SanaCore", "SanaStore",
            .product(name: "Yams", package: "Yams"),
        ], resources: [.copy("Samples")]),
        .target(name: "SanaStore", dependencies: [
            "SanaCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "SanaSearch", dependencies: ["SanaCore"], resources: [.copy("Resources")]),
        // Scores a run of answers as the LiveQA track's scorer does; used by `sana eval`.
        .target(name: "SanaEval", dependencies: ["SanaSearch"]),
        // The API's contract (openapi.json) and the server code generated from it; a target of its
        // own so that the generated code does not recompile the rest of SanaWeb.
        .target(name: "SanaAPIContract", dependencies: [
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ], resources: [.copy("openapi.json")],
        plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]),
        .target(name: "SanaWeb", dependencies: [
            "SanaCore", "SanaStore", "SanaSearch", "SanaAPIContract",
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Templates"), .copy("Assets")]),
        // Puts Sana together: configuration, the store chosen by its URL, the index and its
        // follower, the web application and its services.
        .target(name: "SanaApp", dependencies: [
            "SanaCore", "SanaIngest", "SanaStore", "SanaSearch", "SanaWeb",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Configuration", package: "swift-configuration"),
        ]),
        .executableTarget(name: "sana", dependencies: [
            "SanaCore", "SanaIngest", "SanaStore", "SanaSearch", "SanaEval", "SanaApp",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // What tests share: temporary folders they remove, and ../shared found in one place.
        .target(name: "SanaTestSupport", path: "Tests/SanaTestSupport"),
        .testTarget(name: "SanaCoreTests", dependencies: ["SanaCore", "SanaTestSupport"]),
        .testTarget(name: "SanaIngestTests", dependencies: [
            "SanaIngest", "SanaStore", "SanaTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "SanaStoreTests", dependencies: ["SanaStore", "SanaTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        // The urgent-care tests build the engine over MedQuAD imported into SQLite.
        .testTarget(name: "SanaSearchTests", dependencies: ["SanaSearch", "SanaCore", "SanaIngest", "SanaStore", "SanaTestSupport"]),
        .testTarget(name: "SanaEvalTests", dependencies: ["SanaEval", "SanaSearch", "SanaCore", "SanaTestSupport"]),
        // Runs the built `sana` executable end to end: exit codes, messages, serving.
        .testTarget(name: "SanaCLITests", dependencies: ["SanaTestSupport"]),
        .testTarget(name: "SanaAppTests", dependencies: [
            "SanaApp", "SanaStore", "SanaIngest", "SanaSearch", "SanaCore", "SanaTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "SanaWebTests", dependencies: [
            "SanaWeb", "SanaSearch", "SanaStore", "SanaIngest", "SanaCore", "SanaTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

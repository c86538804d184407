import Foundation
import SanaTestSupport
import SanaApp
import SanaStore
import Testing

@Suite struct StoreFactoryTests {
    @Test(arguments: [
        ("site.sqlite", "site.sqlite"), ("/var/lib/sana/site.sqlite", "/var/lib/sana/site.sqlite"),
        ("sqlite:site.sqlite", "site.sqlite"), ("sqlite:/var/lib/sana.sqlite", "/var/lib/sana.sqlite"),
        ("sqlite://site.sqlite", "site.sqlite"), ("sqlite:///var/lib/sana.sqlite", "/var/lib/sana.sqlite"),
        ("SQLite:site.sqlite", "site.sqlite"), ("./odd:name.sqlite", "./odd:name.sqlite"),
    ])
    func sqliteAddresses(url: String, path: String) throws {
        #expect(try StoreLocation(url: url) == .sqlite(path: path))
    }

    @Test(arguments: ["postgres://sana@localhost/sana", "postgresql://localhost/sana"])
    func postgresIsNotSupportedYet(url: String) {
        #expect(throws: StoreLocationError.self) { try StoreLocation(url: url) }
        do { _ = try makeStore(url: url) } catch { #expect("\(error)".contains("PostgreSQL is not supported yet")) }
    }

    @Test(arguments: ["mysql://localhost/sana", "file:site.sqlite", "sqlite:"])
    func unknownSchemesAreRefused(url: String) {
        #expect(throws: StoreLocationError.self) { try makeStore(url: url) }
    }

    /// Every SQLite spelling opens the same file, which `create: false` requires to exist.
    @Test func opensTheSQLiteFileTheURLNames() async throws {
        try await withTemporaryFolder("sana-app") { folder in
            let path = folder.appendingPathComponent("site.sqlite").path
            #expect(throws: MissingDatabase(path: path)) { try makeStore(url: "sqlite:" + path, create: false) }
            #expect(!FileManager.default.fileExists(atPath: path), "a read-only open creates nothing")
            let created = try makeStore(url: "sqlite://" + path)
            _ = try await created.upsert(.init(id: "a", title: "What is a test?", body: "A check.", category: .init(name: "Tests")))
            for url in [path, "sqlite:" + path, "sqlite://" + path] {
                #expect(try await makeStore(url: url, create: false).article(id: "a")?.title == "What is a test?")
            }
        }
    }
}

import Foundation
import SanaTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import SanaApp
import SanaCore
import SanaIngest
import SanaSearch
import Testing

@Suite struct ApplicationTests {
    /// The whole app over a real SQLite file, listening on a port the system picks: it answers
    /// /health and serves the articles the store holds.
    @Test func startsOnAnyFreePortAndAnswersHealth() async throws {
        try await withTemporaryFolder("sana-app") { folder in
            var configuration = SanaConfiguration()
            configuration.database = "sqlite:" + folder.appendingPathComponent("site.sqlite").path
            configuration.port = 0
            let store = try makeStore(url: configuration.database)
            _ = try await SampleArticles.loadIfEmpty(into: store)
            let app = try await buildApplication(configuration: configuration, store: store, englishWords: .none, logger: Logger(label: "test"))
            // The live test client starts the service group, waits until the server listens, then connects.
            try await app.test(.live) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: "/search?q=gallstones", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("/articles/what-causes-gallstones"))
                }
            }
        }
    }

    @Test func aMissingWordListIsToldOnce() {
        var warnings: [String] = []
        let words = installedEnglishWords { warnings.append($0) }
        #expect(warnings.count == (EnglishWords.installed == nil ? 1 : 0))
        #expect(EnglishWords.installed == nil || words.contains("the"))
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SanaWeb

/// The answers page leads with the crisis notice for self-harm intent, however indirect.
@Suite struct CrisisNoticeTests {
    @Test(arguments: ["i+want+to+kill+myself", "how+much+paracetamol+would+kill+me", "i+dont+want+to+live+anymore"])
    func theCrisisNoticeComesFirst(_ query: String) async throws {
        let (_, app) = try await sampleSite()
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=" + query, method: .get) { response in
                let html = String(buffer: response.body)
                let notice = try #require(html.range(of: "urgent-notice"), "\(query)")
                #expect(html.contains("crisis line"))
                let main = try #require(html.range(of: "<h1"))
                for later in [#"<li class="result">"#, #"class="dym""#, #"class="filter""#] {
                    if let at = html.range(of: later) { #expect(notice.lowerBound < at.lowerBound, "\(later)") }
                }
                #expect(main.lowerBound < notice.lowerBound)
            }
        }
    }
}

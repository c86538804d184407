import Foundation
import SanaTestSupport
import Testing

/// `sana search` prints the urgent-care notice before anything else, the crisis notice first.
@Suite struct UrgentNoticeCommandTests {
    @Test func searchPrintsTheCrisisNoticeFirst() throws {
        let folder = try TemporaryFolder("sana-cli"); defer { folder.remove() }
        let db = folder.path("db.sqlite")
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        #expect(try sana(["import", repo.appendingPathComponent("Sources/SanaIngest/Samples").path, "--database", db]).status == 0)

        let crisis = try sana(["search", "i dont want to live anymore", "--database", db])
        #expect(crisis.status == 0)
        #expect(crisis.stdout.hasPrefix("URGENT: If you are thinking about ending your life"), "\(crisis.stdout)")

        let seizure = try sana(["search", "my son is convulsing", "--database", db])
        #expect(seizure.stdout.hasPrefix("URGENT: Someone who is unconscious"), "\(seizure.stdout)")
        #expect(!seizure.stdout.contains("Did you mean"))

        let ordinary = try sana(["search", "what causes gallstones", "--database", db])
        #expect(!ordinary.stdout.contains("URGENT"))
    }
}

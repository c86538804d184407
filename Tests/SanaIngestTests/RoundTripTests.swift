import Foundation
import Testing
import SanaCore
@testable import SanaIngest

@Suite struct RoundTripTests {
    static func articles(_ ws: Workspace) async throws -> [Article] {
        var out: [Article] = []
        for try await a in ws.store.allArticles() { out.append(a) }
        return out
    }

    /// The caller removes the workspace.
    static func loaded() async throws -> Workspace {
        let ws = try Workspace()
        let samples = try #require(SampleArticles.folder)
        _ = try await ws.importing([samples, try MedQuADTests.miniCorpus(ws)])
        _ = try await ws.importing([PageFileTests.seedPath], ImportOptions(title: "What causes neck calcification?"))
        return ws
    }

    @Test func jsonLinesExportImportsIntoAFreshDatabaseUnchanged() async throws {
        let ws = try await Self.loaded(); defer { ws.remove() }
        let file = ws.dir.appendingPathComponent("export.jsonl").path
        let count = try await Exporter(store: ws.store).jsonLines(to: file)
        let original = try await Self.articles(ws)
        #expect(count == original.count)

        let fresh = try Workspace(); defer { fresh.remove() }
        let summary = try await fresh.importing([file])
        #expect(summary.added == original.count)
        #expect(try await Self.articles(fresh) == original)
        let again = fresh.dir.appendingPathComponent("again.jsonl").path
        try await Exporter(store: fresh.store).jsonLines(to: again)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test func markdownExportImportsIntoAFreshDatabaseUnchanged() async throws {
        let ws = try await Self.loaded(); defer { ws.remove() }
        let folder = ws.dir.appendingPathComponent("md").path
        try await Exporter(store: ws.store).markdown(toFolder: folder)
        let fresh = try Workspace(); defer { fresh.remove() }
        _ = try await fresh.importing([folder])
        #expect(try await Self.articles(fresh) == Self.articles(ws))
    }

    @Test func samplesLoadOnlyIntoAnEmptyStore() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let first = try #require(try await SampleArticles.loadIfEmpty(into: ws.store))
        #expect(first.published >= 20)
        #expect(try await SampleArticles.loadIfEmpty(into: ws.store) == nil)
        let pages = try await Self.articles(ws).filter { $0.previousTitle != nil && $0.nextTitle != nil }
        #expect(pages.count >= 3)
        for a in try await Self.articles(ws) {
            #expect(a.sections.contains { $0.aspect == .whenToSeekCare }, "\(a.id) must end with when to seek care")
        }
    }
}

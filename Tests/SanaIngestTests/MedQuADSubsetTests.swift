import Foundation
import Testing
import SanaCore
import SanaStore
@testable import SanaIngest

/// Part of MedQuAD, imported on its own or later than the rest, must read and keep its slugs.
@Suite struct MedQuADSubsetTests {
    /// NIDDK repeats 364 question titles across its files ("What is (are) Diabetes ?").
    static var niddk: URL { MedQuADTests.medquad.appendingPathComponent("5_NIDDK_QA") }

    static func xmlFiles(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    static func slugs(_ ws: Workspace) async throws -> [String: String] {
        var out: [String: String] = [:]
        for try await a in ws.store.allArticles() { out[a.id] = a.slug }
        return out
    }

    @Test func aSingleCollectionFolderImportsWithItsJudgedAnswers() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let root = try MedQuADTests.miniCorpus(ws)
        let summary = try await ws.importing([root + "/10_MPlus_ADAM_QA"])
        #expect(summary.issues.isEmpty)
        #expect(summary.added > 0)
        // judged-answers.csv beside the collection fills the empty answer, as in a whole import.
        #expect(try await ws.store.article(id: "ADAM_0003147_Sec1")?.status == .published)
        #expect(try await ws.store.article(id: "GARD_0000004_Sec1") == nil)
    }

    /// `sana import ../shared/data/medquad` found no judged-answers.csv: standardizing a relative
    /// path dropped its "..".
    @Test func aRelativePathFindsTheJudgedAnswers() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let root = try MedQuADTests.miniCorpus(ws)
        let up = FileManager.default.currentDirectoryPath.split(separator: "/").map { _ in ".." }.joined(separator: "/")
        let relative = up + root
        #expect(!relative.hasPrefix("/"))
        _ = try await ws.importing([relative])
        #expect(try await ws.store.article(id: "ADAM_0003147_Sec1")?.status == .published)
        let fresh = try Workspace(); defer { fresh.remove() }
        _ = try await fresh.importing([relative + "/10_MPlus_ADAM_QA/0003147.xml"])
        #expect(try await fresh.store.article(id: "ADAM_0003147_Sec1")?.status == .published)
    }

    @Test func singleXMLFilesImportLikeTheirFolder() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let root = try MedQuADTests.miniCorpus(ws)
        _ = try await ws.importing([root + "/10_MPlus_ADAM_QA/0003147.xml"])
        #expect(try await ws.store.article(id: "ADAM_0003147_Sec1")?.status == .published)
        let whole = try await ws.importing([root])
        #expect(whole.updated == 0)
        #expect(whole.issues.isEmpty)
    }

    /// Every file of a collection, one by one and backwards, then the rest of the corpus's way in:
    /// nothing collides, nothing is renamed, nothing reports "updated".
    @Test func filesOneByOneInAnyOrderThenTheWholeFolderKeepEverySlug() async throws {
        let files = try Self.xmlFiles(Self.niddk)
        let ws = try Workspace(); defer { ws.remove() }
        let firstHalf = Array(files.prefix(files.count / 2).reversed())
        let part = try await ws.importing(firstHalf)
        #expect(part.issues.isEmpty)
        let before = try await Self.slugs(ws)

        let rest = try await ws.importing(Array(files.reversed()))
        #expect(rest.issues.isEmpty)
        #expect(rest.updated == 0)
        #expect(rest.unchanged == before.count)
        let after = try await Self.slugs(ws)
        #expect(after.count == 1192)
        for (id, slug) in before { #expect(after[id] == slug, "\(id) was renamed") }
        #expect(Set(after.values).count == after.count)
        #expect(try await ws.importing([Self.niddk.path]).unchanged == after.count)

        // A title that appears once has the same slug whatever was imported first; a repeated
        // one is its title's slug or that slug followed by the id.
        let whole = try Workspace(); defer { whole.remove() }
        _ = try await whole.importing([Self.niddk.path])
        var articles: [Article] = []
        for try await a in whole.store.allArticles() { articles.append(a) }
        let titleCounts = Dictionary(articles.map { (Slug.make(from: $0.title), 1) }, uniquingKeysWith: +)
        for a in articles {
            let bare = Slug.make(from: a.title)
            #expect([bare, bare + "-" + Slug.make(from: a.id, maxLength: 100)].contains(after[a.id] ?? ""), "\(a.id)")
            if titleCounts[bare] == 1 { #expect(after[a.id] == a.slug, "\(a.id)") }
        }
    }

    /// A database written before this rule numbered repeats ("-2"); re-importing keeps those.
    @Test func storedSlugsAreNeverRenamed() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let root = try MedQuADTests.miniCorpus(ws)
        _ = try await ws.store.upsert(Article(id: "GARD_0000004_Sec1", slug: "legacy-slug-2", title: "Old", body: "Old.", category: Category(name: "Rare diseases")))
        let summary = try await ws.importing([root])
        #expect(summary.issues.isEmpty)
        #expect(try await ws.store.article(id: "GARD_0000004_Sec1")?.slug == "legacy-slug-2")
    }
}

/// The MedQuAD reader splits files over tasks; any number of them reads the same articles in
/// the same order.
@Suite struct MedQuADWorkersTests {
    @Test func anyNumberOfWorkersReadsTheSameArticles() async throws {
        let collection = MedQuADTests.medquad.appendingPathComponent("7_SeniorHealth_QA").path
        var reference: [String]?
        for workers in [1, 2, 3, 7, 16, 64, 1_000] {
            let result = await MedQuAD.parse(root: collection, now: Date(timeIntervalSince1970: 0), workers: workers)
            #expect(result.issues.isEmpty, "\(workers) workers")
            let ids = result.records.map { $0.article.id + " " + $0.article.slug }
            #expect(!ids.isEmpty)
            if let reference { #expect(ids == reference, "\(workers) workers") } else { reference = ids }
        }
    }
}

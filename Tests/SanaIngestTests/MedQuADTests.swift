import Foundation
import Testing
import SanaCore
@testable import SanaIngest

@Suite struct MedQuADTests {
    static var medquad: URL { sharedFolder.appendingPathComponent("data/medquad") }

    /// A small MedQuAD folder made of real files from ../shared plus a judged-answers.csv written here.
    static func miniCorpus(_ ws: Workspace, extra: [(String, String)] = []) throws -> String {
        let picks = ["2_GARD_QA/0000004.xml", "10_MPlus_ADAM_QA/0003147.xml", "6_NINDS_QA/0000018.xml",
                     "1_CancerGov_QA/0000013_2.xml", "1_CancerGov_QA/0000013_2_4.xml",
                     "12_MPlusHerbsSupplements_QA/0000001.xml", "9_CDC_QA/0000397.xml"]
        for p in picks { try ws.write("mq/" + p, try Data(contentsOf: medquad.appendingPathComponent(p))) }
        for (name, text) in extra { try ws.write("mq/" + name, text) }
        try ws.write("mq/judged-answers.csv", """
        AnswerID,Answer
        ADAM_0003147_Sec1.txt,"Question: What is (are) Polycystic ovary syndrome ? (Also called: Polycystic ovaries; Stein-Leventhal syndrome)
        URL: https://www.nlm.nih.gov/medlineplus/ency/article/000369.htm
        Answer: Polycystic ovary syndrome is a condition in which a woman has an imbalance of ""female"" sex hormones.) "
        GHR_0000001_Sec1.txt,"Question: unrelated
        URL: https://example.org
        Answer: Not in this corpus."

        """)
        return ws.dir.appendingPathComponent("mq").path
    }

    @Test func importsPairsWithQrelsIdsDraftsAndJudgedAnswers() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let summary = try await ws.importing([try Self.miniCorpus(ws)])
        #expect(summary.issues.isEmpty)
        let gard = try #require(try await ws.store.article(id: "GARD_0000004_Sec1"))
        #expect(gard.status == .published)
        #expect(gard.focus == "ABCD syndrome")
        #expect(gard.alsoCalled.contains("Albinism, Black lock, Cell migration disorder of the neurocytes of the gut and Deafness"))
        #expect(gard.sections.first?.aspect == .symptoms)
        #expect(gard.category.name == "Rare diseases")
        #expect(gard.sources.first?.licence == "CC BY 4.0")
        #expect(gard.sources.first?.url == "https://rarediseases.info.nih.gov/gard/335/abcd-syndrome")

        let filled = try #require(try await ws.store.article(id: "ADAM_0003147_Sec1"))
        #expect(filled.status == .published)
        #expect(filled.body.hasSuffix(#"imbalance of "female" sex hormones."#))
        #expect(filled.alsoCalled.contains("Stein-Leventhal syndrome"))
        #expect(try await ws.store.article(id: "ADAM_0003147_Sec2")?.status == .draft)

        #expect(try await ws.store.article(id: "MPlusHerbsSuppls_0000001_Sec1") != nil)
        #expect(try await ws.store.article(id: "NINDS_0000018_Sec1")?.status == .published)
        #expect(try await ws.store.article(id: "CDC_0000397_Sec1")?.status == .published)
        // Two CancerGov files share the id attribute 0000013_2: the file name tells them apart.
        #expect(try await ws.store.article(id: "CancerGov_0000013_2_4_Sec1")?.focus == "Chronic Neutrophilic Leukemia")
        #expect(try await ws.store.article(id: "CancerGov_0000013_2_Sec1")?.focus == "Chronic Myeloproliferative Neoplasms")
        let counts = try await ws.store.counts()
        #expect(counts.byStatus[.draft] == summary.drafts)
        #expect(counts.byStatus[.published] == summary.published)
    }

    @Test func malformedXMLFailsTheWholeImportWithFileAndLine() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let root = try Self.miniCorpus(ws, extra: [("2_GARD_QA/0009999.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document id="0009999" source="GARD" url="https://x.org">
        <Focus>Broken</Focus>
        <QAPairs><QAPair pid="1"><Question qtype="information">Q?</Question><Answer>A</Answer></QAPair>
        </Document>
        """)])
        let issues = try await ws.expectFailure([root])
        #expect(issues.count == 1)
        #expect(issues[0].file.hasSuffix("2_GARD_QA/0009999.xml"))
        #expect(issues[0].line == 5)
        #expect(issues[0].message.hasPrefix("malformed XML"))
        #expect(try await ws.store.counts().total == 0)
    }

    @Test func missingDocumentAttributeNamesTheField() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("one.xml", "<?xml version=\"1.0\"?>\n<Document id=\"1\" url=\"https://x.org\"><Focus>F</Focus><QAPairs/></Document>")
        let issues = try await ws.expectFailure([file], ImportOptions(format: .medquad))
        #expect(issues.first?.field == "Document@source")
    }

    @Test func skipInvalidImportsTheRestOfTheFolder() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let root = try Self.miniCorpus(ws, extra: [("2_GARD_QA/0009998.xml", "<Document><broken")])
        let summary = try await ws.importing([root], ImportOptions(skipInvalid: true))
        #expect(summary.skipped == 1)
        #expect(summary.added > 20)
    }

    /// The whole of ../shared/data/medquad: every QA pair stored, and as many published as have
    /// answer text in the XML or in judged-answers.csv, counted here independently with a regex.
    @Test func wholeCorpusPublishesExactlyThePairsWithAnswerText() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let summary = try await ws.importing([Self.medquad.path])
        let expected = try Self.countPairs()
        #expect(summary.added == expected.pairs)
        #expect(summary.published == expected.withText)
        #expect(summary.drafts == expected.pairs - expected.withText)
        #expect(summary.issues.isEmpty)
        let again = try await ws.importing([Self.medquad.path])
        #expect(again.unchanged == expected.pairs)
    }

    static func countPairs() throws -> (pairs: Int, withText: Int) {
        let csv = try String(contentsOf: medquad.appendingPathComponent("judged-answers.csv"), encoding: .utf8)
        let judgedRegex = try Regex(#"(?m)^([A-Za-z]+_[0-9_]+_Sec[0-9]+)\.txt,"#)
        let judged = Set(csv.matches(of: judgedRegex).map { String($0.output[1].substring!) })
        let pairRegex = try Regex(#"(?s)<(?:QAPair|pair) pid="(\d+)">.*?<(?:Answer|answer)>(.*?)</(?:Answer|answer)>"#)
        let sourceRegex = try Regex(#"(?:source|corpus)="([^"]+)""#)
        var pairs = 0, withText = 0
        let fm = FileManager.default
        for collection in try fm.contentsOfDirectory(atPath: medquad.path) where collection.contains("_QA") {
            let dir = medquad.appendingPathComponent(collection)
            for file in try fm.contentsOfDirectory(atPath: dir.path) where file.hasSuffix(".xml") {
                let xml = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                var source = String(xml.firstMatch(of: sourceRegex)?.output[1].substring ?? "")
                if source == "MPlusHerbsSupplements" { source = "MPlusHerbsSuppls" }
                for m in xml.matches(of: pairRegex) {
                    pairs += 1
                    let answer = m.output[2].substring!.trimmingCharacters(in: .whitespacesAndNewlines)
                    let id = "\(source)_\(file.dropLast(4))_Sec\(m.output[1].substring!)"
                    if !answer.isEmpty || judged.contains(id) { withText += 1 }
                }
            }
        }
        return (pairs, withText)
    }
}

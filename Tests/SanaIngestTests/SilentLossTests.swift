import Foundation
import Testing
import SanaCore
import SanaStore
@testable import SanaIngest

/// Inputs that used to lose data without a word (issue 9, part 5).
@Suite struct ControlCharacterTests {
    /// SQLite cut both ids at the NUL: "a" was written twice and the second overwrote the first.
    @Test func idsThatDifferAfterANulAreRejectedNotMerged() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("nul.jsonl", #"{"id":"a\u0000x","title":"First?","body":"One.","category":"C"}"# + "\n"
                                + #"{"id":"a\u0000y","title":"Second?","body":"Two.","category":"C"}"# + "\n")
        let issues = try await ws.expectFailure([file])
        #expect(issues.count == 2)
        #expect(issues.map(\.field) == ["id", "id"])
        #expect(issues.map(\.line) == [1, 2])
        #expect(issues[0].description == "\(file):1: record 'a\\u{0}x': field 'id': contains control character U+0000")
        #expect(try await ws.store.counts().total == 0)
    }

    /// Every field of the exchange shape, ids and slugs included; only body and summary may hold
    /// tabs and newlines.
    @Test(arguments: [
        ("id", #""id":"x\u0001""#), ("slug", #""slug":"ok\u0000""#), ("title", #""title":"T\u0000 more""#),
        ("category", #""category":"C\u0000""#), ("category_slug", #""category_slug":"c\u0000""#),
        ("focus", #""focus":"F\u0000""#), ("language", #""language":"en\u0000""#), ("reviewer", #""reviewer":"Dr\u0085""#),
        ("previous_title", #""previous_title":"P\u007f""#), ("next_title", #""next_title":"N\u0000""#),
        ("also_called[1]", #""also_called":["ok","b\u0000"]"#), ("tags[0]", #""tags":["t\u0000"]"#),
        ("related_hints[0]", #""related_hints":["r\u0000..."]"#), ("sources[0].title", #""sources":[{"title":"s\u0000","url":"https://x.org"}]"#),
        ("sources[0].licence", #""sources":[{"title":"s","url":"https://x.org","licence":"CC\u0000"}]"#),
        ("summary", #""summary":"S\u0000""#), ("body", #""body":"B\u0000""#), ("title", #""title":"Two\nlines""#),
    ])
    func aControlCharacterInAnyFieldIsRejectedByName(_ field: String, _ json: String) async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let base = ["\"id\":\"x\"", "\"title\":\"T\"", "\"body\":\"B\"", "\"category\":\"C\""]
        let key = json.prefix { $0 != ":" }
        let line = "{" + (base.filter { !$0.hasPrefix(key) } + [json]).joined(separator: ",") + "}"
        let issues = try await ws.expectFailure([try ws.write("f.jsonl", line)])
        #expect(issues.map(\.field) == [field], "\(line)")
        #expect(issues.first?.message.hasPrefix("contains control character U+") == true)
    }

    @Test func bodyKeepsTabsAndNewlines() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        _ = try await ws.importing([try ws.write("t.jsonl", #"{"id":"t","title":"T?","body":"Line\tone.\n\nLine two.","category":"C"}"#)])
        #expect(try await ws.store.article(id: "t")?.body == "Line\tone.\n\nLine two.")
    }

    /// Titles from `--title` and the front matter pass the same check as JSON Lines.
    @Test func markdownAndPageTitlesAreChecked() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let md = try ws.write("n.md", "---\nid: \"m\\0x\"\ntitle: T\ncategory: C\n---\nBody.\n")
        #expect(try await ws.expectFailure([md]).map(\.field) == ["id"])
        let page = try ws.write("p.txt", "Answer. |\n")
        #expect(try await ws.expectFailure([page], ImportOptions(title: "Bad\u{0}title")).map(\.field) == ["title"])
    }

    @Test func theStoreRefusesANulThatReachesIt() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        await #expect(throws: StoreError.self) {
            _ = try await ws.store.upsert(Article(id: "a\u{0}x", title: "T", body: "B", category: Category(name: "C")))
        }
        #expect(try await ws.store.counts().total == 0)
    }
}

@Suite struct LineEndTests {
    static func variants(_ text: String) -> [(String, String)] {
        [("lf", text), ("crlf", text.replacingOccurrences(of: "\n", with: "\r\n")), ("cr", text.replacingOccurrences(of: "\n", with: "\r"))]
    }

    @Test func markdownWithWindowsOrOldMacLineEndsReadsLikeUnix() async throws {
        var bodies: [String] = []
        for (name, text) in Self.variants(MarkdownFileTests.good) {
            let ws = try Workspace(); defer { ws.remove() }
            let summary = try await ws.importing([try ws.write("\(name).md", text)])
            #expect(summary.added == 1, "\(name)")
            let a = try #require(try await ws.store.article(id: "md1"))
            #expect(a.focus == "Plantar fasciitis")
            #expect(a.sections.count == 2, "\(name)")
            bodies.append(a.body)
        }
        #expect(Set(bodies).count == 1)
        #expect(!bodies[0].contains("\r"))
    }

    @Test func pageFilesSplitTheSameWithAnyLineEnd() async throws {
        let page = try String(contentsOfFile: PageFileTests.seedPath, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        var stored: [Article] = []
        for (name, text) in Self.variants(page) {
            let ws = try Workspace(); defer { ws.remove() }
            _ = try await ws.importing([try ws.write("\(name).txt", text)], ImportOptions(title: "Neck?"))
            stored.append(try #require(try await ws.store.article(slug: "neck"), "\(name)"))
        }
        #expect(stored[1] == stored[0])
        #expect(stored[2] == stored[0])
        #expect(stored[0].nextTitle != nil && !stored[0].relatedHints.isEmpty)
    }

    @Test func jsonLinesAndBodiesWithCRLF() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let line1 = #"{"id":"c1","title":"One?","body":"Para one.\r\n\r\n## Causes\r\n\r\nCause.","category":"C"}"#
        let line2 = #"{"id":"c2","title":"Two?","body":"Two.","category":"C"}"#
        let summary = try await ws.importing([try ws.write("c.jsonl", line1 + "\r\n" + line2 + "\r\n")])
        #expect(summary.added == 2)
        let a = try #require(try await ws.store.article(id: "c1"))
        #expect(a.body == "Para one.\n\n## Causes\n\nCause.")
        #expect(a.sections.map(\.aspect) == [.overview, .causes])
    }
}

@Suite struct NonLatinTitleTests {
    /// Two Chinese, Arabic, Greek or emoji titles used to share the slug "article".
    @Test func everyScriptGetsItsOwnSlug() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let titles = ["什么是糖尿病？", "什么是高血压？", "ما هو مرض السكري؟", "ما هو ضغط الدم؟", "Τι είναι ο διαβήτης;", "Τι είναι η γρίπη;", "🤒", "🤧"]
        let lines = titles.enumerated().map { i, t in #"{"id":"n\#(i)","title":"\#(t)","body":"Text.","category":"Κατηγορία"}"# }
        let file = try ws.write("n.jsonl", lines.joined(separator: "\n"))
        let summary = try await ws.importing([file])
        #expect(summary.added == titles.count)
        var slugs: [String] = []
        for i in titles.indices { slugs.append(try #require(try await ws.store.article(id: "n\(i)")).slug) }
        #expect(Set(slugs).count == titles.count)
        #expect(slugs.allSatisfy(Slug.isValid))
        #expect(slugs[0] == "shen-me-shi-tang-niao-bing")
        #expect(slugs[4] == "ti-einai-o-diabetes")
        #expect(slugs[6] == "article-" + Slug.hash("n6"))
        #expect(try await ws.store.article(id: "n0")?.category.slug == "kategoria")
        #expect(try await ws.importing([file]).unchanged == titles.count)
    }
}

@Suite struct MedQuADTextTests {
    /// Text after an inline element, an entity or a CDATA block used to be cut off.
    @Test func answerKeepsTextAfterInlineElementsAndEntities() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("0000001.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document id="0000001" source="GARD" url="https://x.org/a">
        <Focus>Thing &amp; other</Focus>
        <QAPairs>
        <QAPair pid="1"><Question qtype="information">What is <i>thing</i> ?</Question>
        <Answer>hello &x; there, <b>bold</b> and after &amp; more <![CDATA[raw <text>]]> end &#233;.</Answer></QAPair>
        <QAPair pid="2"><Question qtype="symptoms">What are the symptoms of thing ?</Question><Answer>Second answer.</Answer></QAPair>
        </QAPairs>
        </Document>
        """)
        let summary = try await ws.importing([file])
        #expect(summary.added == 2)
        let a = try #require(try await ws.store.article(id: "GARD_0000001_Sec1"))
        #expect(a.title == "What is thing ?")
        #expect(a.focus == "Thing & other")
        #expect(a.body.hasSuffix("hello &x; there, bold and after & more raw <text> end é."))
        #expect(try await ws.store.article(id: "GARD_0000001_Sec2")?.body.hasSuffix("Second answer.") == true)
    }
}

@Suite struct ExportTests {
    /// "X_1" and "x-1" both became x-1.md: one article was lost while the count said 2.
    @Test func markdownFileNamesAreUniquePerId() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let ids = ["X_1", "x-1", "x.1", "🤒"]
        let lines = ids.enumerated().map { i, id in #"{"id":"\#(id)","title":"Question \#(i)?","body":"Answer \#(i).","category":"C"}"# }
        _ = try await ws.importing([try ws.write("a.jsonl", lines.joined(separator: "\n"))])
        let folder = ws.dir.appendingPathComponent("md").path
        #expect(try await Exporter(store: ws.store).markdown(toFolder: folder) == ids.count)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == ids.count)
        #expect(files.contains("x-1.md"))
        let fresh = try Workspace(); defer { fresh.remove() }
        #expect(try await fresh.importing([folder]).added == ids.count)
        for id in ids { #expect(try await fresh.store.article(id: id) != nil, "\(id)") }
    }

    /// The old export deleted whatever was at the target before moving its file there: a folder
    /// given by mistake was deleted with everything in it.
    @Test func jsonLinesExportNeverDeletesWhatIsThere() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        _ = try await ws.importing([try ws.write("a.jsonl", JSONLinesTests.good)])
        let target = try ws.write("out/keep.txt", "precious")
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        await #expect(throws: (any Error).self) { try await Exporter(store: ws.store).jsonLines(to: folder) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.dir.path).allSatisfy { !$0.hasSuffix(".partial") })

        let file = try ws.write("export.jsonl", "old\n")
        #expect(try await Exporter(store: ws.store).jsonLines(to: file) == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("{"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.dir.path).allSatisfy { !$0.hasSuffix(".partial") })
    }
}

@Suite struct RevisionAndDateTests {
    /// Fractional seconds were kept to the millisecond by SQLite but compared in full, and
    /// written without them by the export: every re-import reported "updated".
    @Test func fractionalSecondsDoNotReportUpdatedOnReimport() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("d.jsonl", #"{"id":"d","title":"D?","body":"B.","category":"C","created_at":"2026-01-02T03:04:05.123456Z","updated_at":"2026-01-02T03:04:05.5Z","reviewed_at":"2026-01-02T03:04:05.987654Z","next_review_due":"2027-01-02T03:04:05.0001Z"}"#)
        _ = try await ws.importing([file])
        let before = try ws.dump()
        #expect(try await ws.importing([file]).unchanged == 1)
        let export = ws.dir.appendingPathComponent("e.jsonl").path
        try await Exporter(store: ws.store).jsonLines(to: export)
        #expect(try await ws.importing([export]).unchanged == 1)
        #expect(try ws.dump() == before)
        #expect(try String(contentsOfFile: export, encoding: .utf8).contains(#""reviewed_at":"2026-01-02T03:04:05.98"#))  // milliseconds, as stored
    }

    /// Revision Int.max was accepted, and the next change trapped on overflow.
    @Test func revisionNearIntMaxNeitherCrashesNorUpdatesForever() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let big = ArticleDocument.maxRevision
        let first = try ws.write("r1.jsonl", #"{"id":"r","title":"R?","body":"One.","category":"C","revision":\#(big)}"#)
        _ = try await ws.importing([first])
        #expect(try await ws.importing([first]).unchanged == 1)
        let second = try ws.write("r2.jsonl", #"{"id":"r","title":"R?","body":"Two.","category":"C","revision":\#(big)}"#)
        #expect(try await ws.importing([second]).updated == 1)
        #expect(try await ws.store.article(id: "r")?.revision == big + 1)
        #expect(try await ws.importing([second]).unchanged == 1)

        let huge = try ws.write("r3.jsonl", #"{"id":"h","title":"H?","body":"One.","category":"C","revision":\#(Int.max)}"#)
        let issues = try await ws.expectFailure([huge])
        #expect(issues.first?.field == "revision")
        #expect(issues.first?.line == 1)
    }

    @Test func theStoreNeverOverflowsARevision() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        _ = try await ws.store.upsert(Article(id: "m", title: "M?", body: "One.", category: Category(name: "C"), revision: Int.max))
        await #expect(throws: StoreError.self) {
            _ = try await ws.store.upsert(Article(id: "m", title: "M?", body: "Two.", category: Category(name: "C")))
        }
        #expect(try await ws.store.article(id: "m")?.body == "One.")
    }
}

/// Markdown and page files have no line limit on their body; every format is held to JSON
/// Lines' 1 MB so the largest importable body still renders quickly.
@Suite struct BodySizeTests {
    @Test func aBodyOverTheLimitIsRejectedInEveryFormat() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let big = String(repeating: "Rest and fluids help.\n\n", count: Importer.maxBodyBytes / 23 + 10)
        let markdown = try ws.write("big.md", "---\ntitle: Big?\ncategory: Tests\n---\n" + big)
        let issues = try await ws.expectFailure([markdown])
        #expect(issues.map(\.field) == ["body"])
        #expect(issues.first?.message.contains("the limit is \(Importer.maxBodyBytes) bytes") == true)
        #expect(try await ws.store.counts().total == 0)
        // Just under the limit is accepted.
        let fits = String(big.prefix(Importer.maxBodyBytes - 1_000))
        let ok = try ws.write("fits.md", "---\ntitle: Fits?\ncategory: Tests\n---\n" + fits)
        #expect(try await ws.importing([ok]).added == 1)
    }
}

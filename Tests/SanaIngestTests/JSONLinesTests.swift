import Foundation
import Testing
import SanaCore
@testable import SanaIngest

@Suite struct JSONLinesTests {
    static let good = #"{"id":"g1","title":"What causes gallstones?","body":"Bile forms stones.\n\n## Causes\n\nCholesterol.","category":"Digestive health","also_called":["Cholelithiasis"],"sources":[{"title":"NIDDK","url":"https://www.niddk.nih.gov"}]}"#

    @Test func importsGoodRecords() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("a.jsonl", Self.good + "\n\n" + #"{"title":"Second?","body":"Text.","category":"Other","status":"draft"}"# + "\n")
        let summary = try await ws.importing([file])
        #expect(summary.added == 2)
        #expect(summary.drafts == 1)
        let a = try #require(try await ws.store.article(id: "g1"))
        #expect(a.slug == "what-causes-gallstones")
        #expect(a.alsoCalled == ["Cholelithiasis"])
        #expect(a.sections.map(\.aspect) == [.overview, .causes])
        #expect(try await ws.store.article(id: "second")?.status == .draft)
    }

    @Test func malformedJSONNamesFileAndLine() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        _ = try await ws.importing([try ws.write("seed.jsonl", Self.good)])
        let file = try ws.write("bad.jsonl", Self.good.replacingOccurrences(of: "g1", with: "g2") + "\n{\"title\": \n")
        let issues = try await ws.expectFailure([file])
        #expect(issues.count == 1)
        #expect(issues[0].description.hasPrefix("\(file):2:"))
        #expect(issues[0].message.contains("malformed JSON"))
        #expect(try await ws.store.article(id: "g2") == nil)
    }

    @Test func missingRequiredFieldNamesTheField() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("m.jsonl", #"{"title":"No body here?","category":"C"}"#)
        let issues = try await ws.expectFailure([file])
        #expect(issues.map(\.field) == ["body"])
        #expect(issues[0].line == 1)
        #expect(issues[0].description == "\(file):1: record 'No body here?': field 'body': is required")
    }

    @Test func wrongTypeNamesTheField() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("t.jsonl", #"{"title":"T?","body":"B","category":"C","also_called":"not a list"}"#)
        let issues = try await ws.expectFailure([file])
        #expect(issues.first?.field == "also_called")
        #expect(issues.first?.message == "expected an array")
    }

    @Test func invalidUTF8NamesTheLine() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        var data = Data((Self.good + "\n").utf8)
        data.append(contentsOf: Array(#"{"title":"Bad "#.utf8) + [0xC3, 0x28] + Array(#"","body":"B","category":"C"}"#.utf8))
        let file = try ws.write("u.jsonl", data)
        let issues = try await ws.expectFailure([file])
        #expect(issues.map(\.line) == [2])
        #expect(issues.first?.message == "invalid UTF-8")
        #expect(try await ws.store.counts().total == 0)
    }

    @Test func aTenMegabyteLineIsRejected() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let huge = #"{"title":"Huge?","category":"C","body":""# + String(repeating: "x", count: 10 << 20) + "\"}"
        let file = try ws.write("h.jsonl", Self.good + "\n" + huge + "\n")
        let issues = try await ws.expectFailure([file])
        #expect(issues.map(\.line) == [2])
        #expect(issues.first?.message.contains("the limit is 1048576 bytes") == true)
    }

    @Test func emptyFileIsAnError() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let issues = try await ws.expectFailure([try ws.write("e.jsonl", "")])
        #expect(issues.first?.message == "file is empty")
        let blank = try await ws.expectFailure([try ws.write("b.jsonl", "\n \n")])
        #expect(blank.first?.message == "file has no records")
    }

    @Test func duplicateSlugsInOneFileAreRejected() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("d.jsonl", #"{"id":"x1","slug":"same","title":"A?","body":"B","category":"C"}"# + "\n" + #"{"id":"x2","slug":"same","title":"B?","body":"B","category":"C"}"#)
        let issues = try await ws.expectFailure([file])
        #expect(issues.map(\.line) == [2])
        #expect(issues.first?.field == "slug")
    }

    @Test func slugTakenByAStoredArticleIsRejected() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        _ = try await ws.importing([try ws.write("a.jsonl", #"{"id":"x1","slug":"same","title":"A?","body":"B","category":"C"}"#)])
        let file = try ws.write("b.jsonl", #"{"id":"x2","slug":"same","title":"B?","body":"B","category":"C"}"#)
        let issues = try await ws.expectFailure([file])
        #expect(issues.first?.description == "\(file):1: record 'x2': field 'slug': 'same' is already used by article 'x1'")
    }

    @Test(arguments: [
        (#"{"title":"<script>alert(1)</script>\u0007","body":"B","category":"C"}"#, "title"),
        (#"{"title":"T","body":"B","category":"C","slug":"'; DROP TABLE article; --"}"#, "slug"),
        (#"{"title":"T","body":"B","category":"C","status":"live"}"#, "status"),
        (#"{"title":"T","body":"B","category":"C","sources":[{"title":"x","url":"javascript:alert(1)"}]}"#, "sources[0].url"),
        (#"{"title":"T","body":"B","category":"C","created_at":"yesterday"}"#, "created_at"),
    ])
    func hostileOrWrongValuesAreRejectedByField(_ line: String, _ field: String) async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let issues = try await ws.expectFailure([try ws.write("h.jsonl", line)])
        #expect(issues.first?.field == field)
    }

    @Test func skipInvalidKeepsTheGoodRecords() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("s.jsonl", Self.good + "\n{oops\n" + #"{"title":"Third?","body":"B","category":"C"}"#)
        let summary = try await ws.importing([file], ImportOptions(skipInvalid: true))
        #expect(summary.added == 2)
        #expect(summary.skipped == 1)
        #expect(summary.issues.map(\.line) == [2])
    }

    @Test func dryRunReportsButWritesNothing() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let before = try ws.dump()
        let summary = try await ws.importing([try ws.write("a.jsonl", Self.good)], ImportOptions(dryRun: true))
        #expect(summary.added == 1)
        #expect(try ws.dump() == before)
    }

    @Test func importingTwiceChangesNothing() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("a.jsonl", Self.good)
        _ = try await ws.importing([file])
        let before = try ws.dump()
        let again = try await ws.importing([file])
        #expect(again.unchanged == 1)
        #expect(again.added + again.updated == 0)
        #expect(try ws.dump() == before)
    }
}

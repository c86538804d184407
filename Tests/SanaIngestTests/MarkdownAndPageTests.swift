import Foundation
import Testing
import SanaCore
@testable import SanaIngest

@Suite struct MarkdownFileTests {
    static let good = """
    ---
    id: md1
    title: How is plantar fasciitis treated?
    category: Bones, joints and spine
    focus: Plantar fasciitis
    also_called: [Heel pain]
    reviewed_at: 2026-01-15
    ---
    Most people get better.

    ## Self-care

    Stretch daily.
    """

    @Test func importsFrontMatterAndBody() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        _ = try await ws.importing([try ws.write("a.md", Self.good)])
        let a = try #require(try await ws.store.article(id: "md1"))
        #expect(a.focus == "Plantar fasciitis")
        #expect(a.alsoCalled == ["Heel pain"])
        #expect(a.body.hasPrefix("Most people get better."))
        #expect(a.sections.last?.aspect == .lifestyle)
        #expect(a.reviewedAt != nil)
    }

    @Test func missingFrontMatterIsAnError() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("n.md", "# Just markdown\n\nText.")
        let issues = try await ws.expectFailure([file])
        #expect(issues.first?.description == "\(file):1: missing YAML front matter: the file must start with a '---' line")
    }

    @Test func malformedYAMLIsAnErrorWithALine() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("y.md", "---\ntitle: A\ncategory: [unclosed\n---\nBody")
        let issues = try await ws.expectFailure([file])
        #expect(issues.first?.message.contains("malformed YAML") == true)
        #expect((issues.first?.line ?? 0) >= 2)
    }

    @Test func missingTitleNamesTheField() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let issues = try await ws.expectFailure([try ws.write("t.md", "---\ncategory: C\n---\nBody")])
        #expect(issues.first?.field == "title")
        let noBody = try await ws.expectFailure([try ws.write("b.md", "---\ntitle: T\ncategory: C\n---\n")])
        #expect(noBody.first?.field == "body")
    }
}

@Suite struct PageFileTests {
    static var seedPath: String { sharedFolder.appendingPathComponent("seed/page-example.txt").path }

    @Test func seedPageImportsWithTitleFromOption() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let summary = try await ws.importing([Self.seedPath], ImportOptions(title: "What causes neck calcification?"))
        #expect(summary.added == 1)
        let a = try #require(try await ws.store.article(slug: "what-causes-neck-calcification"))
        #expect(a.previousTitle == "What are the symptoms of thoracic and abdominal aneurysms?")
        #expect(a.nextTitle == "Can breast cysts eat lungs?")
        #expect(a.relatedHints.count == 15)
        #expect(a.relatedHints.allSatisfy { $0.hasSuffix("...") })
        #expect(a.sections.map(\.heading) == [nil, "Chronic Inflammation", "Degenerative lesions", "Trauma", "Lifestyle Adjustment"])
        #expect(a.summary.count <= 200)
    }

    @Test func titleComesFromHashLineThenOptionThenFileName() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let body = "Answer text. |\n<<: Prev\n>>: Next\n"
        _ = try await ws.importing([try ws.write("from-hash.txt", "# Hash title?\n" + body)], ImportOptions(title: "Ignored"))
        #expect(try await ws.store.article(slug: "hash-title") != nil)
        _ = try await ws.importing([try ws.write("what-causes-gallstones.txt", body)])
        #expect(try await ws.store.article(slug: "what-causes-gallstones")?.title == "What causes gallstones")
    }

    @Test func previousAndNextResolveOnceTheArticlesExist() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let page = try ws.write("b.txt", "# B?\nCategory: X\nText of B. |\n<<: A?\n>>: C?\nThe text of A...\n")
        _ = try await ws.importing([page])
        let b = try #require(try await ws.store.article(slug: "b"))
        #expect(try await ws.store.neighbours(of: b).previous == nil)
        _ = try await ws.importing([try ws.write("a.txt", "# A?\nCategory: Y\nThe text of A is here. |\n")])
        let (prev, _) = try await ws.store.neighbours(of: b)
        #expect(prev?.slug == "a")
        #expect(try await ws.store.resolveExcerpts(b.relatedHints).map(\.slug) == ["a"])
    }

    @Test func answerWithoutClosingBarIsAnError() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let file = try ws.write("x.txt", "Answer without the bar\n<<: Prev\n")
        let issues = try await ws.expectFailure([file])
        #expect(issues.first?.line == 2)
        #expect(issues.first?.field == "body")
    }

    @Test func relatedLineWithoutEllipsisIsAnError() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let issues = try await ws.expectFailure([try ws.write("r.txt", "Answer. |\n<<: P\nNot an excerpt\n")])
        #expect(issues.first?.line == 3)
        #expect(issues.first?.field == "related")
    }

    @Test func controlCharactersAreRejected() async throws {
        let ws = try Workspace(); defer { ws.remove() }
        let issues = try await ws.expectFailure([try ws.write("c.txt", "Answer \u{1B}[31m red. |\n")])
        #expect(issues.first?.message == "contains control character U+001B")
    }
}

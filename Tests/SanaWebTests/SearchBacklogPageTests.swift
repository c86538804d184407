import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
@testable import SanaSearch
@testable import SanaStore
@testable import SanaWeb

/// Unanswered public searches reach the editors' backlog: counted per request (cached pages
/// too), by normalised question and day, written only when flushed, shown to writers most asked
/// first, and a draft can start from one.
@Suite struct SearchBacklogPageTests {
    @Test func unansweredSearchesAreCountedAndShownToWriters() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        let rita = try await site.accounts.addUser(name: "rita", role: .reviewer, password: EditorSite.password, by: "test")
        let recorder = site.backlogRecorder()
        try await site.application(backlog: recorder).test(.router) { client in
            // An empty index answers nothing: every question is unanswered.
            for q in ["What causes gout?", "what  causes GOUT", "what causes gout", "Why do knees <click>?"] {
                #expect(try await client.get("/search?q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).status == .ok)
            }
            _ = try await client.get("/search?q=gout&page=2")  // later pages do not count again
            _ = try await client.get("/search?q=")
            #expect(try await site.settings.backlog.rows().isEmpty, "nothing is written before a flush")
            #expect(await recorder.pendingCount == 2)
            try await recorder.flush()
            #expect(await recorder.pendingCount == 0)
            let rows = try await site.settings.backlog.rows()
            #expect(rows.map(\.question) == ["what causes gout", "why do knees <click>"])
            #expect(rows.map(\.count) == [3, 1])

            let cookies = [EditorCookies.session: try await site.accounts.startSession(for: wendy, lifetime: 600).token]
            let dashboard = String(buffer: try await client.get(EditorPath.dashboard, cookies: cookies).body)
            #expect(dashboard.contains("Searches that found nothing"))
            let gout = try #require(dashboard.range(of: "what causes gout")), knees = try #require(dashboard.range(of: "why do knees &lt;click&gt;"))
            #expect(gout.lowerBound < knees.lowerBound, "most asked first")
            let link = EditorPath.newDraft(title: "What causes gout?")
            #expect(dashboard.contains(Escape.html(link)))
            let form = String(buffer: try await client.get(link, cookies: cookies).body)
            #expect(form.contains(#"value="What causes gout?""#))
            let page = String(buffer: try await client.get(EditorPath.backlog, cookies: cookies).body)
            #expect(page.contains("what causes gout") && page.contains("<td>3</td>") && page.contains("Start a draft"))

            let reviewer = [EditorCookies.session: try await site.accounts.startSession(for: rita, lifetime: 600).token]
            let theirs = String(buffer: try await client.get(EditorPath.backlog, cookies: reviewer).body)
            #expect(theirs.contains("what causes gout") && !theirs.contains("Start a draft"), "only writers start drafts")
            #expect(!String(buffer: try await client.get(EditorPath.dashboard, cookies: reviewer).body).contains("Searches that found nothing"))

            // Thirty-one days on, the question is out of the period shown.
            site.clock.advance(31 * 86_400)
            let later = [EditorCookies.session: try await site.accounts.startSession(for: wendy, lifetime: 600).token]
            #expect(String(buffer: try await client.get(EditorPath.backlog, cookies: later).body).contains("No unanswered searches"))
        }
    }

    @Test func aFullBufferIsWrittenWithoutWaitingForTheTimer() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let recorder = site.backlogRecorder(batchSize: 3)
        for q in ["one", "two"] { await recorder.record(question: q, reason: .nothingFound) }
        await recorder.record(question: "answered", reason: nil)
        #expect(await recorder.pendingCount == 2)
        await recorder.record(question: "three", reason: .noGoodAnswer)
        // The batch was started in a task of its own; flushing again waits for nothing it missed.
        try await recorder.flush()
        #expect(Set(try await site.settings.backlog.rows().map(\.question)) == ["one", "two", "three"])
    }

    /// The service's run ends (graceful shutdown cancels it) by writing what it holds.
    @Test func whatIsHeldIsWrittenWhenTheServiceStops() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let recorder = site.backlogRecorder()
        await recorder.record(question: "asked just before shutdown", reason: .nothingFound)
        let running = Task { try await recorder.run() }
        running.cancel()
        try await running.value
        #expect(try await site.settings.backlog.rows().map(\.question) == ["asked just before shutdown"])
    }

    @Test func reasonsFollowTheEnginesFlags() {
        var response = SearchResponse(query: "q", types: [], focus: [], total: 0, results: [], noGoodAnswer: false, bestConfidence: 0)
        #expect(SearchBacklogRecorder.reason(for: response) == .nothingFound)
        response.results = [SearchResult(id: "a", slug: "a", title: "A", categorySlug: "c", score: 1, section: .init(heading: nil, aspect: .overview),
                                         snippet: "", highlights: [], why: .init(focus: nil, type: nil, terms: []), confidence: 0.1, alsoOn: [])]
        response.noGoodAnswer = true
        #expect(SearchBacklogRecorder.reason(for: response) == .noGoodAnswer)
        response.noGoodAnswer = false
        response.focusWithoutArticle = "gout"
        #expect(SearchBacklogRecorder.reason(for: response) == .unpublishedOnly)
        response.focusWithoutArticle = nil
        #expect(SearchBacklogRecorder.reason(for: response) == nil)
    }
}

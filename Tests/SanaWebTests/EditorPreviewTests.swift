import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
@testable import SanaStore
@testable import SanaWeb

/// The draft editor's preview: the public page's renderer beside the form, the checks a writer
/// reads (aspects, care cards, readability, when to seek care), nothing saved by previewing,
/// and hostile text inert.
@Suite struct EditorPreviewTests {
    static let body = """
        Most sore throats get better in a week.

        ## Symptoms

        Pain when you swallow. \(Array(repeating: "very", count: 30).joined(separator: " ")) long sentence.

        > [!URGENT] See a doctor today if you cannot swallow your own spit.
        """

    @Test func thePreviewButtonShowsThePublicRenderingAndTheChecksAndSavesNothing() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let cookies = [EditorCookies.session: session.token]
            let response = try await client.post(EditorPath.drafts, [("csrf", session.session.csrfToken), ("title", "Sore throat?"), ("category", "ENT"),
                                                                     ("body", Self.body), ("preview", "1")], cookies: cookies)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(try await site.store.counts().total == 0, "previewing saves nothing")
            #expect(page.contains("&gt; [!URGENT] See a doctor today if you cannot swallow your own spit.</textarea>"), "the typed text is kept")
            // The article as the public page renders it: its classes and the care card's markup.
            #expect(page.contains(#"class="section aspect-symptoms""#) && page.contains(#"id="preview-symptoms""#))
            #expect(page.contains(#"<div class="care care-urgent" role="note">"#))
            #expect(page.contains("Symptoms <span class=\"small\">(symptoms)</span>"))
            #expect(page.contains("<strong>urgent</strong>: See a doctor today if you cannot swallow your own spit."))
            #expect(page.contains("Flesch–Kincaid grade <strong>") && page.contains("reading age 9 to 11 (NHS), about grade 4–6"))
            #expect(page.contains("<mark>Pain when you swallow.</mark>") == false, "a short sentence is not marked")
            #expect(page.contains("<mark>very very"), "the long sentence is marked")
            #expect(!page.contains("Nothing says when to seek care"), "the care card is enough")
            #expect(page.contains(#"<script src="/assets/editor.js" defer></script>"#))
            MarkupInvariants.check(page, "draft preview")
        }
    }

    /// The preview's article is the public page's article, element for element (only its ids
    /// are prefixed, to stay apart from the form's).
    @Test func thePreviewIsThePublicRendering() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        let article = Article(id: "same", title: "Is it the same?", summary: "A summary of its own.", body: Self.body + "\n\n## When to get help\n\nIf it lasts.",
                              category: Category(name: "Ear, nose and throat"),
                              sources: [Source(title: "NHS <sore throat>", url: "https://www.nhs.uk/conditions/sore-throat/", licence: "OGL")])
        _ = try await site.store.upsert(article)
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let publicPage = String(buffer: try await client.get(SitePath.article(slug: article.slug).href).body)
            let panel = String(buffer: try await client.post(EditorPath.preview, [("csrf", session.session.csrfToken), ("article", "same"), ("title", article.title),
                                                                                 ("category", article.category.name), ("summary", article.summary), ("body", article.body)],
                                                             cookies: [EditorCookies.session: session.token]).body)
            func articleElement(_ html: String) -> String? {
                guard let start = html.range(of: "<article>"), let end = html.range(of: "</article>") else { return nil }
                return String(html[start.lowerBound..<end.upperBound])
            }
            let shown = try #require(articleElement(publicPage)), previewed = try #require(articleElement(panel))
            #expect(previewed.replacingOccurrences(of: PageRenderer.previewAnchorPrefix, with: "") == shown)
            #expect(shown.contains("NHS &lt;sore throat&gt;") && shown.contains("care-urgent"))
        }
    }

    /// Browsers send textarea line breaks as CR LF: saved as LF, not refused as control characters.
    @Test func lineBreaksAsBrowsersSendThemAreSaved() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let created = try await client.post(EditorPath.drafts, [("csrf", session.session.csrfToken), ("title", "Two lines?"), ("category", "General"),
                                                                    ("summary", "One.\r\nTwo."), ("body", "First.\r\n\r\n## Second\r\n\rText.")],
                                                cookies: [EditorCookies.session: session.token])
            #expect(created.status == .seeOther)
            let id = String(try #require(created.headers[.location]).dropFirst(EditorPath.drafts.count + 1))
            let saved = try #require(try await site.store.article(id: id))
            #expect(saved.body == "First.\n\n## Second\n\nText." && saved.summary == "One.\nTwo.")
        }
    }

    @Test func theLivePreviewRouteAnswersThePanelAndWarnsWithoutCareAdvice() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let cookies = [EditorCookies.session: session.token]
            let panel = try await client.post(EditorPath.preview, [("csrf", session.session.csrfToken), ("title", "Why do knees click?"),
                                                                   ("category", "Bones"), ("body", "Knees click. It is usually harmless.")], cookies: cookies)
            #expect(panel.status == .ok)
            let html = String(buffer: panel.body)
            #expect(html.hasPrefix(#"<div class="draft-checks">"#) && html.contains("<h1>Why do knees click?</h1>"))
            #expect(html.contains("Nothing says when to seek care"))
            let noToken = try await client.post(EditorPath.preview, [("body", "x")], cookies: cookies)
            #expect(noToken.status == .forbidden)
            let tooBig = try await client.post(EditorPath.preview, [("csrf", session.session.csrfToken),
                                                                    ("body", String(repeating: "a", count: EditorRoute.articleFormBytes + 1))], cookies: cookies)
            #expect(tooBig.status == .contentTooLarge)
            #expect(try await site.store.counts().total == 0)
        }
    }

    @Test func hostileTextIsInertInThePreview() async throws {
        let site = try EditorSite(); defer { site.remove() }
        let wendy = try await site.accounts.addUser(name: "wendy", role: .writer, password: EditorSite.password, by: "test")
        try await site.application().test(.router) { client in
            let session = try await site.accounts.startSession(for: wendy, lifetime: 600)
            let cookies = [EditorCookies.session: session.token]
            for payload in hostilePayloads + [controlPayload] {
                let body = """
                    \(payload)

                    ## \(payload)

                    [click](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick="alert(1)">x</b>

                    > [!EMERGENCY] \(payload)
                    """
                let fields = [("csrf", session.session.csrfToken), ("title", payload), ("category", payload), ("summary", payload), ("body", body)]
                let page = try await client.post(EditorPath.drafts, fields + [("preview", "1")], cookies: cookies)
                #expect(page.status == .ok)
                MarkupInvariants.check(String(buffer: page.body), "preview of \(payload.debugDescription)")
                let panel = String(buffer: try await client.post(EditorPath.preview, fields, cookies: cookies).body)
                let wrapped = "<html lang=\"en\"><form><input><input></form>" + panel + "<footer></footer></html>"
                MarkupInvariants.check(wrapped, "live preview of \(payload.debugDescription)")
                #expect(!panel.contains("<script") && !panel.lowercased().contains("href=\"javascript") && !panel.contains("<img"))
            }
        }
    }
}

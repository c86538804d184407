import Foundation
import SanaTestSupport
import GRDB
import Hummingbird
import HummingbirdTesting
import SanaCore
import SanaIngest
import SanaStore
import Testing
@testable import SanaWeb

/// Text that tries to become markup. The first two share a grapheme cluster with a mark (U+0600
/// prepends, U+0301 combines), which hides the `<` or `"` from an escaper that reads `Character`s.
let hostilePayloads = [
    "zqxj\u{0600}\"\u{0600}>\u{0600}<meta http-equiv=refresh content=0;url=https://example.org/ \u{0600}>",
    "x\"\u{0301} autofocus onfocus=alert(1) y=\"\u{0301}",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</script><!--<script>",
    "javascript:alert(1)",
    "\u{0600}</title>\u{0600}<iframe src=javascript:alert(1)>\u{0600}<!--",
]

/// Characters a page or an XML document must never carry raw: C0 and C1 controls, DEL and the
/// noncharacters U+FFFE and U+FFFF (XML 1.0 forbids them outright).
let controlPayload = "ctl\u{0001}\u{0008}\u{000B}\u{000C}\u{001B}\u{007F}\u{0085}\u{FFFE}\u{FFFF}<b onclick=alert(1)>x</b>"

/// A site over a real SQLite file whose every article field holds a hostile payload: imported
/// from a JSON Lines file by the real importer, plus two rows holding control characters,
/// noncharacters and a `javascript:` source written straight into the file (as a database from an older version may hold,
/// whatever today's importer accepts), one of them under a slug no route accepts.
/// The caller owns `folder` and removes it after the test.
func hostileSite(in folder: TemporaryFolder) async throws -> (SQLiteStore, some ApplicationProtocol) {
    let dir = folder.url
    let path = dir.appendingPathComponent("site.sqlite").path
    let store = try SQLiteStore(path: path)
    var articles: [Article] = []
    for (i, p) in hostilePayloads.enumerated() {
        for copy in 1...2 { articles.append(hostileArticle(p, id: "hostile-\(i)-\(copy)", copy: copy)) }
    }
    articles.append(hostileArticle("Legacy row", id: "legacy-row", copy: 1))
    articles.append(hostileArticle("Legacy slug", id: "legacy-slug", copy: 1))
    let file = dir.appendingPathComponent("hostile.jsonl")
    try articles.map(JSONLines.line(for:)).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let summary = try await Importer(store: store).run(paths: [file.path], options: ImportOptions(format: .jsonl))
    try #require(summary.added == articles.count, "import: \(summary.line) \(summary.issues)")

    let db = try DatabaseQueue(path: path)
    let c = controlPayload
    let names = try jsonText([c]), sources = try jsonText([Source(title: c, url: "https://example.org/" + c, licence: c),
                                                       Source(title: "Script " + c, url: "javascript:alert(1)//" + c)])
    try await db.write { db in
        try db.execute(sql: """
            UPDATE article SET title = ?, summary = ?, body = ?, category_name = ?, focus = ?, reviewer = ?, language = ?,
              also_called = ?, sources = ? WHERE id IN ('legacy-row', 'legacy-slug')
            """, arguments: [c + " title", c + " summary", hostileBody(c), c, c + " focus", c, c, names, sources])
        try db.execute(sql: "UPDATE article SET slug = ? WHERE id = 'legacy-slug'", arguments: ["legacy-\u{0001}\u{FFFE}<x>&"])
    }
    let app = try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: try await loadSearchIndex(from: store)))
    return (store, app)
}

private func jsonText(_ value: some Encodable) throws -> String {
    String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
}

/// An article with `p` in every field a page, feed or sitemap shows; two copies share a category,
/// so each has a previous or next article, and their words make them related.
func hostileArticle(_ p: String, id: String, copy: Int) -> Article {
    let day = Date(timeIntervalSince1970: 1_700_000_000 + Double(copy) * 86_400)
    return Article(
        id: id, title: "\(p) question \(copy) about hostile text", summary: "Summary \(p) of hostile text.", body: hostileBody(p),
        category: Category(name: "Topic \(p)"), focus: "Focus \(p)", alsoCalled: [p, "Other \(p)"], tags: [p], language: p,
        sources: [Source(title: p, url: "https://example.org/\(p)"), Source(title: "Second \(p)", url: "https://example.org/2?\(p)", licence: p),
                  Source(title: "Licensed \(p)", url: "https://example.org/cc", licence: "CC BY 4.0 \(p)")],
        createdAt: day, updatedAt: day, reviewedAt: day, nextReviewDue: day.addingTimeInterval(86_400 * 365), reviewer: p,
        position: copy, previousTitle: p, nextTitle: p, relatedHints: [p])
}

func hostileBody(_ p: String) -> String {
    """
    Introduction \(p) of hostile text.

    ## Heading \(p)

    Paragraph \(p) with *emphasis* and [a link](javascript:alert(1)) \(p).

    - item \(p)
    - second item \(p)

    > [!URGENT] See a doctor today \(p).

    > Quoted \(p)

    ### Subheading \(p)

    Closing words \(p).
    """
}

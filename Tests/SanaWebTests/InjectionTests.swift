import Foundation
import SanaTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Testing
import SanaCore
import SanaStore
@testable import SanaWeb

/// Issue 9, part 2: no text, stored or asked, can add an element or attribute to a page, end a
/// script, or break the feed or sitemap, whatever marks share a grapheme cluster with it.
@Suite struct InjectionTests {
    static func query(_ text: String) -> String { SitePath.component(text) }

    @Test func noStoredOrAskedTextBecomesMarkupOnAnyPage() async throws {
        let folder = try TemporaryFolder("sana-hostile"); defer { folder.remove() }
        let (store, app) = try await hostileSite(in: folder)
        let articles = try await store.publishedSlugs().map(\.slug).filter(Slug.isValid)
        let categories = try await store.counts().byCategory.map(\.category.slug)
        #expect(articles.count == hostilePayloads.count * 2 + 1 && categories.count == hostilePayloads.count + 2)
        typealias Page = (uri: String, status: HTTPResponse.Status)
        var pages: [Page] = [("/", .ok), ("/conditions/0-9", .ok), ("/search?q=hostile+text", .ok),
                             ("/search?q=hostile+text&page=2", .ok), ("/search?q=hostil+txet", .ok)]
        for slug in articles { pages.append(("/articles/" + slug, .ok)) }
        for slug in categories { pages.append(("/categories/" + slug, .ok)) }
        for letter in "abcdefghijklmnopqrstuvwxyz" { pages.append(("/conditions/\(letter)", .ok)) }
        let printable = String(String.UnicodeScalarView(controlPayload.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        for p in hostilePayloads + [printable] {
            let q = Self.query(p)
            pages += [("/search?q=" + q, .ok), ("/search?q=" + q + "+hostile", .ok), ("/articles/" + q, .notFound), ("/" + q, .notFound),
                      ("/search?q=x&category=" + q, .badRequest), ("/search?q=x&page=" + q, .badRequest), ("/search?q=%zz" + p, .badRequest)]
        }
        pages.append(("/search?q=" + Self.query(controlPayload), .badRequest))
        let all = pages
        try await app.test(.router) { client in
            for (uri, status) in all {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    MarkupInvariants.check(String(buffer: response.body), uri)
                }
            }
        }
    }

    /// The payloads are shown as text, exactly: escaping neither drops nor doubles anything.
    @Test func hostileTextIsShownAsTheTextItIs() async throws {
        let folder = try TemporaryFolder("sana-hostile"); defer { folder.remove() }
        let (store, app) = try await hostileSite(in: folder)
        try await app.test(.router) { client in
            for p in hostilePayloads {
                try await client.execute(uri: "/search?q=" + Self.query(p), method: .get) { response in
                    let tags = HTMLTag.parse(String(buffer: response.body))
                    let boxes = tags.filter { $0.name == "input" && $0.attribute("name") == "q" }
                    #expect(boxes.count == 2 && boxes.allSatisfy { $0.attribute("value") == p.trimmed }, "\(p)")
                    #expect(HTMLTag.decodeReferences(tags.first { $0.name == "title" }?.content ?? "") == "Answers: \(p.trimmed) · Sana")
                }
            }
            for try await a in store.allArticles() where Slug.isValid(a.slug) {
                try await client.execute(uri: "/articles/" + a.slug, method: .get) { response in
                    let tags = HTMLTag.parse(String(buffer: response.body))
                    #expect(HTMLTag.decodeReferences(tags.first { $0.name == "title" }?.content ?? "") == a.title.shownAsText + " · Sana")
                    #expect(tags.first { $0.name == "html" }?.attribute("lang") == "en", "language \(a.language) is no language tag")
                    let sources = tags.filter { $0.name == "a" && $0.attribute("rel") == "nofollow noopener" }.compactMap { $0.attribute("href") }
                    // External links of the body come first (rendered Markdown); the sources list ends the page.
                    #expect(Array(sources.suffix(a.sources.count)) == a.sources.map { $0.url.lowercased().hasPrefix("https://") ? $0.url.shownAsText : "#" })
                    let json = tags.first { $0.attribute("type") == "application/ld+json" }?.content ?? ""
                    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
                    #expect(object?["name"] as? String == a.title.readFromJSONLD, "JSON-LD keeps the title")
                    #expect(object?["inLanguage"] as? String == "en")
                }
            }
        }
    }

    @Test func feedAndSitemapStayWellFormedXMLWhateverTheTitleHolds() async throws {
        let folder = try TemporaryFolder("sana-hostile"); defer { folder.remove() }
        let (store, app) = try await hostileSite(in: folder)
        let titles = try await store.recentlyChanged(limit: 50, byReview: false).map(\.title)
        try await app.test(.router) { client in
            for uri in ["/feed.atom", "/sitemap.xml"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let reader = XMLText()
                    let parser = XMLParser(data: Data(String(buffer: response.body).utf8))
                    parser.delegate = reader
                    #expect(parser.parse(), "\(uri): \(parser.parserError.map { "\($0)" } ?? "")")
                    if uri == "/feed.atom" {
                        #expect(Array(reader.texts["title", default: []].dropFirst()) == titles.map(\.shownAsText), "feed titles as text")
                    } else {
                        // Locations are percent-encoded URLs, whatever bytes a legacy slug holds.
                        #expect(reader.texts["loc", default: []].contains { $0.hasSuffix("/articles/legacy-%01%EF%BF%BE%3Cx%3E&") })
                    }
                }
            }
        }
    }

    @Test func suggestionsCarryHostileTitlesAsJSONText() async throws {
        let folder = try TemporaryFolder("sana-hostile"); defer { folder.remove() }
        let (_, app) = try await hostileSite(in: folder)
        try await app.test(.router) { client in
            try await client.execute(uri: "/suggest?q=zqxj", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
                let body = String(buffer: response.body)
                #expect(!body.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0 == "&" }, "raw markup characters in \(body)")
                let items = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
                #expect(items.contains { $0["text"] as? String == hostilePayloads[0] + " question 1 about hostile text" })
            }
        }
    }
}

extension String {
    /// The text as a page or XML document shows it: C0 controls but tab, newline and return, DEL,
    /// C1 controls and the noncharacters U+FFFE and U+FFFF become U+FFFD.
    var shownAsText: String {
        String(String.UnicodeScalarView(unicodeScalars.map { s in
            let v = s.value
            return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF ? "\u{FFFD}" : s
        }))
    }

    /// The text as JSON-LD reads back: controls travel as escapes, noncharacters as U+FFFD.
    var readFromJSONLD: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : $0 }))
    }

    /// Whether the text holds `needle` as a run of Unicode scalars (String.contains compares
    /// grapheme clusters, so it misses a `<` that a mark joined to another cluster).
    func containsScalars(_ needle: String) -> Bool { Array(utf8).firstRange(of: Array(needle.utf8)) != nil }
}

/// The text of each element of an XML document, by element name.
final class XMLText: NSObject, XMLParserDelegate {
    var texts: [String: [String]] = [:]
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[name, default: []].append(current)
        current = ""
    }
}

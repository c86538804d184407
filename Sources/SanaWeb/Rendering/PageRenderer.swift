import Foundation
import Mustache
import SanaCore

/// Renders the site's HTML from templates parsed once at start-up. Every value a template prints
/// is escaped by `Escape.html` (see `TemplateLibrary`), so no text can become markup. Each page's
/// own rendering sits with its handler in `Site/`; this is what they share.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The public address of the site, for canonical URLs, Open Graph, the sitemap and the feed.
    public let siteURL: String

    /// Where the site's templates are installed.
    static var templateDirectory: String? { Bundle.module.resourceURL?.appendingPathComponent("Templates").path }

    public init(siteURL: String = "http://localhost:8080") async throws {
        guard let dir = Self.templateDirectory else { throw RendererError.templatesMissing }
        try self.init(siteURL: siteURL, templates: dir)
    }

    init(siteURL: String, templates directory: String) throws {
        library = try TemplateLibrary.load(from: directory)
        self.siteURL = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// What every page's head and foot print: its title and description, its canonical URL
    /// (`path`, when the page has one worth indexing), the question asked, and the site's links.
    func base(title: String, description: String, path: SitePath?, language: String = "en", query: String = "") -> [String: Any] {
        var ctx: [String: Any] = ["pageTitle": title, "description": description, "language": Self.languageTag(language), "query": query,
                                  "siteURL": siteURL]
        for (name, href) in Self.siteLinks { ctx[name] = href }
        if let path { ctx["canonical"] = path.url(siteURL: siteURL) }
        return ctx
    }

    /// The links every page carries in its head, header and footer.
    static let siteLinks: [String: String] = [
        "homeURL": SitePath.home.href,
        "searchURL": SitePath.search().href,
        "conditionsURL": SitePath.conditions(letter: "a").href,
        "feedURL": SitePath.feed.href,
        "stylesheetURL": SitePath.asset("site.css").href,
        "iconURL": SitePath.asset("icon.svg").href,
        "scriptURL": SitePath.asset("site.js").href,
    ]

    /// `language` as an HTML `lang` value: a tag shaped like BCP 47 (`en`, `pt-BR`, `zh-Hant-TW`),
    /// or "en" when the stored text is anything else.
    static func languageTag(_ language: String) -> String {
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let parts = language.unicodeScalars.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...8).contains(primary.count), primary.allSatisfy(isLetter),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { isLetter($0) || ("0"..."9").contains($0) } })
        else { return "en" }
        return language
    }

    /// Only http(s) links reach a page; anything else (javascript:, data:) becomes "#".
    static func safeURL(_ s: String) -> String {
        let lower = s.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? s : "#"
    }

    static func dayFormat(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: TimeZone(identifier: "UTC")!))
    }

    static func isoDay(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }
}

enum RendererError: Error { case templatesMissing }

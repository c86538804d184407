import Foundation
import Hummingbird
import Mustache
import SanaCore
import SanaStore

/// Renders the site's HTML from templates parsed once at start-up. Every value a template prints
/// is escaped by `Escape.html` (see `TemplateLibrary`), so no text can become markup.
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

    func base(title: String, description: String, path: String?, language: String = "en", query: String = "") -> [String: Any] {
        var ctx: [String: Any] = ["pageTitle": title, "description": description, "language": Self.languageTag(language), "query": query,
                                  "siteURL": siteURL]
        if let path { ctx["canonical"] = siteURL + path }
        return ctx
    }

    func home(categories: [(CategoryCount, [ArticleLink])], recent: [Article]) -> String {
        var ctx = base(title: "Health questions, answered", description: "Clear answers to common health questions, with when to seek care.", path: "/")
        ctx["categories"] = categories.map { count, links -> [String: Any] in
            ["name": count.category.name, "slug": count.category.slug, "count": count.count,
             "more": count.count > links.count,
             "articles": links.map { ["slug": $0.slug, "title": $0.title] }]
        }
        ctx["hasRecent"] = !recent.isEmpty
        ctx["recent"] = recent.map { a -> [String: Any] in
            var d: [String: Any] = ["slug": a.slug, "title": a.title]
            if let r = a.reviewedAt { d["reviewed"] = Self.dayFormat(r); d["reviewedISO"] = Self.isoDay(r) }
            return d
        }
        return render("home", ctx)
    }

    func article(_ a: Article, previous: ArticleLink?, next: ArticleLink?, related: [ArticleLink]) -> String {
        var ctx = base(title: a.title, description: a.summary, path: "/articles/\(a.slug)", language: a.language)
        ctx["ogType"] = "article"
        ctx["structuredDataHTML"] = StructuredData.scriptElement(StructuredData.medicalWebPage(a, url: siteURL + "/articles/\(a.slug)"))
        ctx["title"] = a.title
        let sections = SectionParser.renderedSections(of: a.body)
        // The summary leads the page unless the introduction already says the same words.
        let intro = sections.first.flatMap { $0.section.heading == nil ? $0.section.text : nil } ?? ""
        if !intro.hasPrefix(String(a.summary.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: ". "))) {
            ctx["summary"] = a.summary
        }
        ctx["category"] = a.category.name
        ctx["categorySlug"] = a.category.slug
        // Each section's body is HTML already escaped by `MarkdownWalker`: the template's one raw value.
        ctx["sections"] = sections.map { r -> [String: Any] in
            var d: [String: Any] = ["anchor": r.section.anchor, "aspect": r.section.aspect.rawValue, "sectionHTML": r.html]
            if let h = r.section.heading { d["heading"] = h }
            return d
        }
        ctx["hasSources"] = !a.sources.isEmpty
        ctx["sources"] = a.sources.map { s -> [String: Any] in
            var d: [String: Any] = ["title": s.title, "url": Self.safeURL(s.url)]
            if let l = s.licence {
                d["licence"] = l
                if l.uppercased().contains("CC BY 4.0") { d["licenceURL"] = "https://creativecommons.org/licenses/by/4.0/" }
            }
            return d
        }
        ctx["fromMedQuAD"] = a.sources.contains { $0.title.contains("MedQuAD") }
        if let reviewed = Self.reviewLine(a) { ctx["reviewed"] = reviewed }
        if let previous { ctx["previous"] = ["slug": previous.slug, "title": previous.title] }
        if let next { ctx["next"] = ["slug": next.slug, "title": next.title] }
        ctx["hasRelated"] = !related.isEmpty
        ctx["related"] = related.map { ["slug": $0.slug, "title": $0.title, "excerpt": Excerpt.make($0.summary.isEmpty ? $0.title : $0.summary)] }
        return render("article", ctx)
    }

    func category(_ category: Category, page: ArticlePage, pageNumber: Int, pageCount: Int) -> String {
        var ctx = base(title: category.name, description: "Articles about \(category.name.lowercased()).",
                       path: "/categories/\(category.slug)" + (pageNumber > 1 ? "?page=\(pageNumber)" : ""))
        ctx["name"] = category.name
        ctx["slug"] = category.slug
        ctx["total"] = page.total
        if pageCount > 1 { ctx["pages"] = pageCount; ctx["page"] = pageNumber }
        if pageNumber > 1 { ctx["previousPage"] = pageNumber - 1 }
        if pageNumber < pageCount { ctx["nextPage"] = pageNumber + 1 }
        ctx["articles"] = page.items.map { ["slug": $0.slug, "title": $0.title, "summary": $0.summary] }
        return render("category", ctx)
    }

    func notFound() -> String {
        render("notfound", base(title: "Page not found", description: "Page not found", path: nil))
    }

    func serverError() -> String {
        render("error", base(title: "Something went wrong", description: "Something went wrong", path: nil))
    }

    func badRequest(_ message: String) -> String {
        var ctx = base(title: "Bad request", description: "Bad request", path: nil)
        ctx["message"] = message
        return render("badrequest", ctx)
    }

    static func htmlResponse(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

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

    static func reviewLine(_ a: Article) -> String? {
        guard let reviewed = a.reviewedAt else { return nil }
        var s = "Reviewed" + (a.reviewer.map { " by \($0)" } ?? "") + " on " + dayFormat(reviewed)
        if let due = a.nextReviewDue { s += " · Next review due " + dayFormat(due) }
        return s
    }

    static func dayFormat(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: TimeZone(identifier: "UTC")!))
    }

    static func isoDay(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }
}

enum RendererError: Error { case templatesMissing }

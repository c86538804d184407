import Foundation
import Hummingbird
import Mustache
import SanaCore
import SanaStore

/// Renders the site's HTML from templates parsed once at start-up. Mustache escapes every value,
/// so article text can never inject markup.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public init() async throws {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw RendererError.templatesMissing
        }
        library = try await MustacheLibrary(directory: dir)
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    static func base(title: String, description: String, language: String = "en") -> [String: Any] {
        ["pageTitle": title, "description": description, "language": language]
    }

    func home(categories: [(CategoryCount, [ArticleLink])]) -> String {
        var ctx = Self.base(title: "Health questions, answered", description: "Reviewed answers to common health questions.")
        ctx["categories"] = categories.map { count, links -> [String: Any] in
            ["name": count.category.name, "slug": count.category.slug, "count": count.count,
             "more": count.count > links.count,
             "articles": links.map { ["slug": $0.slug, "title": $0.title] }]
        }
        return render("home", ctx)
    }

    func article(_ a: Article, previous: ArticleLink?, next: ArticleLink?, related: [ArticleLink]) -> String {
        var ctx = Self.base(title: a.title, description: a.summary, language: a.language)
        ctx["title"] = a.title
        ctx["summary"] = a.summary
        ctx["category"] = a.category.name
        ctx["sections"] = a.sections.map { s -> [String: Any] in
            var d: [String: Any] = ["anchor": s.anchor, "aspect": s.aspect.rawValue,
                                    "paragraphs": Self.paragraphs(s.text)]
            if let h = s.heading { d["heading"] = h }
            return d
        }
        ctx["hasSources"] = !a.sources.isEmpty
        ctx["sources"] = a.sources.map { s -> [String: Any] in
            var d: [String: Any] = ["title": s.title, "url": Self.safeURL(s.url)]
            if let l = s.licence { d["licence"] = l }
            return d
        }
        if let reviewed = Self.reviewLine(a) { ctx["reviewed"] = reviewed }
        if let previous { ctx["previous"] = ["slug": previous.slug, "title": previous.title] }
        if let next { ctx["next"] = ["slug": next.slug, "title": next.title] }
        ctx["hasRelated"] = !related.isEmpty
        ctx["related"] = related.map { ["slug": $0.slug, "excerpt": Excerpt.make($0.summary.isEmpty ? $0.title : $0.summary)] }
        return render("article", ctx)
    }

    func category(_ category: Category, page: ArticlePage, pageNumber: Int, pageCount: Int) -> String {
        var ctx = Self.base(title: category.name, description: "Articles about \(category.name.lowercased()).")
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
        render("notfound", Self.base(title: "Page not found", description: "Page not found"))
    }

    func serverError() -> String {
        render("error", Self.base(title: "Something went wrong", description: "Something went wrong"))
    }

    static func htmlResponse(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Paragraphs of a section's Markdown text, with inline marks removed (escaped by the template).
    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { Summary.plainText($0.replacingOccurrences(of: "\n", with: " ")) }.filter { !$0.isEmpty }
    }

    /// Only http(s) links reach a page; anything else (javascript:, data:) becomes "#".
    static func safeURL(_ s: String) -> String {
        let lower = s.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? s : "#"
    }

    static func reviewLine(_ a: Article) -> String? {
        guard let reviewed = a.reviewedAt else { return nil }
        let f = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: TimeZone(identifier: "UTC")!)
        var s = "Reviewed" + (a.reviewer.map { " by \($0)" } ?? "") + " on " + reviewed.formatted(f)
        if let due = a.nextReviewDue { s += " · Next review due " + due.formatted(f) }
        return s
    }
}

enum RendererError: Error { case templatesMissing }

import Foundation
import SanaCore
import SanaSearch
import SanaStore

extension PageRenderer {
    /// The answers page: results with the answering section and matched words marked.
    func search(query: String, response: SearchResponse?, categories: [CategoryCount], selected: String?,
                page: Int, pageSize: Int) -> String {
        let trimmed = query.trimmed
        var ctx = base(title: trimmed.isEmpty ? "Ask a health question" : "Answers: \(trimmed)",
                       description: "Answers to your health question.", path: nil, query: trimmed)
        ctx["noindex"] = true
        ctx["asked"] = !trimmed.isEmpty
        ctx["categories"] = categories.map { c -> [String: Any] in
            ["slug": c.category.slug, "name": c.category.name, "selected": c.category.slug == selected]
        }
        guard let response else { return render("search", ctx) }
        if let urgent = response.urgent { ctx["urgent"] = urgent.message }
        if let fix = response.didYouMean {
            ctx["didYouMean"] = fix
            ctx["didYouMeanURL"] = "/search?q=" + Self.queryEscape(fix)
        }
        ctx["total"] = response.total
        ctx["hasResults"] = !response.results.isEmpty
        ctx["results"] = response.results.map { r -> [String: Any] in
            var d: [String: Any] = ["slug": r.slug, "title": r.title, "snippetHTML": Self.markedSnippet(r.snippet, r.highlights)]
            if let h = r.section.heading {
                d["section"] = h
                d["anchor"] = Section(heading: h, aspect: r.section.aspect, text: "").anchor
            }
            return d
        }
        let pages = max(1, (min(response.total, 100) + pageSize - 1) / pageSize)
        if pages > 1 { ctx["page"] = page; ctx["pages"] = pages }
        var link = "/search?q=" + Self.queryEscape(trimmed)
        if let selected { link += "&category=" + Self.queryEscape(selected) }
        if page > 1 { ctx["previousURL"] = link + "&page=\(page - 1)" }
        if page < pages { ctx["nextURL"] = link + "&page=\(page + 1)" }
        return render("search", ctx)
    }

    /// The snippet as HTML: escaped text with the matched words in `<mark>`. (Highlights count
    /// `Character`s; each piece is escaped by scalar.)
    static func markedSnippet(_ snippet: String, _ highlights: [[Int]]) -> String {
        let characters = Array(snippet)
        var out = ""
        var at = 0
        for h in highlights where h.count == 2 && h[0] >= at && h[0] < h[1] && h[1] <= characters.count {
            out += Escape.html(String(characters[at..<h[0]]))
            out += "<mark>" + Escape.html(String(characters[h[0]..<h[1]])) + "</mark>"
            at = h[1]
        }
        return out + Escape.html(String(characters[at...]))
    }

    static func queryEscape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The A–Z index of conditions, one letter per page.
    func conditions(letter: String, letters: [String], entries: [ConditionName]) -> String {
        var ctx = base(title: "Conditions A–Z: \(letter.uppercased())", description: "Health conditions starting with \(letter.uppercased()).",
                       path: "/conditions/\(letter)")
        ctx["letter"] = letter.uppercased()
        ctx["letters"] = letters.map { ["letter": $0.uppercased(), "slug": $0, "current": $0 == letter] }
        ctx["entries"] = entries.map { e -> [String: Any] in
            var d: [String: Any] = ["name": e.name, "slug": e.slug, "alias": e.isAlias]
            if e.articles > 1 { d["more"] = ["count": e.articles, "url": "/search?q=" + Self.queryEscape(e.name)] }
            return d
        }
        ctx["empty"] = entries.isEmpty
        return render("conditions", ctx)
    }

    /// An Atom feed of new and updated articles.
    func feed(_ articles: [Article]) -> String {
        let updated = articles.map(\.updatedAt).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Sana: new and updated answers</title>
        <id>\(Escape.xml(siteURL))/</id>
        <link rel="self" href="\(Escape.xml(siteURL))/feed.atom"/>
        <link href="\(Escape.xml(siteURL))/"/>
        <updated>\(StructuredData.iso(updated))</updated>
        <author><name>Sana</name></author>

        """
        for a in articles {
            let url = Escape.xml(siteURL + "/articles/" + a.slug)
            xml += """
            <entry><title>\(Escape.xml(a.title))</title><id>\(url)</id><link href="\(url)"/>\
            <updated>\(StructuredData.iso(a.updatedAt))</updated><summary>\(Escape.xml(a.summary))</summary></entry>

            """
        }
        return xml + "</feed>\n"
    }

    var robots: String {
        "User-agent: *\nDisallow: /search\nDisallow: /api/\nSitemap: \(siteURL)/sitemap.xml\n"
    }
}

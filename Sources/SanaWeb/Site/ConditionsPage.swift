import Foundation
import Hummingbird
import SanaCore
import SanaSearch

extension SiteRoutes {
    /// The letters of the A–Z index, each a page of its own.
    static var letters: [String] {
        (UnicodeScalar("a").value...UnicodeScalar("z").value).map { String(UnicodeScalar($0)!) } + ["0-9"]
    }

    /// `/conditions` has no page of its own: it is the index's first letter.
    @Sendable func conditionsIndex(_ request: Request, context: SanaRequestContext) async throws -> Response {
        .redirect(to: SitePath.conditions(letter: "a").href, type: .permanent)
    }

    /// One letter of the A–Z index of conditions (and their other names).
    @Sendable func conditions(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let letter = (context.parameters.get("letter") ?? "").lowercased()
        let letters = Self.letters
        guard letters.contains(letter) else { throw HTTPError(.notFound) }
        let page = cache.pageNow("conditions:\(index.generation):\(letter)") {
            let entries = index.conditionNames().filter { Self.indexLetter(of: $0.name) == letter }
            return CachedPage(renderer.conditions(letter: letter, letters: letters, entries: entries))
        }
        return CachedPageResponse(page, cacheControl: Self.pageCacheControl)
    }

    /// The A–Z letter a name is filed under: its first letter without accents, "0-9" for digits.
    static func indexLetter(of name: String) -> String {
        guard let first = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars
            .first(where: { CharacterSet.alphanumerics.contains($0) }) else { return "" }
        if CharacterSet.decimalDigits.contains(first) { return "0-9" }
        return String(first).lowercased()
    }
}

extension PageRenderer {
    /// The A–Z index of conditions, one letter per page.
    func conditions(letter: String, letters: [String], entries: [ConditionName]) -> String {
        var ctx = base(title: "Conditions A–Z: \(letter.uppercased())", description: "Health conditions starting with \(letter.uppercased()).",
                       path: .conditions(letter: letter))
        ctx["letter"] = letter.uppercased()
        ctx["letters"] = letters.map { ["letter": $0.uppercased(), "url": SitePath.conditions(letter: $0).href, "current": $0 == letter] }
        ctx["entries"] = entries.map { e -> [String: Any] in
            var d: [String: Any] = ["name": e.name, "url": SitePath.article(slug: e.slug).href, "alias": e.isAlias]
            if e.articles > 1 { d["more"] = ["count": e.articles, "url": SitePath.search(query: e.name).href] }
            return d
        }
        ctx["empty"] = entries.isEmpty
        return render("conditions", ctx)
    }
}

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

    /// One letter of the A–Z index of conditions (and their other names), `conditionsPageSize`
    /// names a page.
    @Sendable func conditions(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let letter = (context.parameters.get("letter") ?? "").lowercased()
        let letters = Self.letters
        guard letters.contains(letter) else { throw HTTPError(.notFound) }
        let pageNumber = try Self.pageNumber(FormQuery(request.uri.query)["page"], max: 100_000)
        let listing = await conditions.listing()
        let names = listing.byLetter[letter] ?? []
        let size = conditionsPageSize
        let pageCount = max(1, (names.count + size - 1) / size)
        guard pageNumber <= pageCount else { throw HTTPError(.notFound) }
        let page = cache.pageNow("conditions:\(listing.generation):\(letter):\(pageNumber)") {
            let entries = names[min(names.count, (pageNumber - 1) * size)..<min(names.count, pageNumber * size)]
            return CachedPage(renderer.conditions(letter: letter, letters: letters, entries: entries, pageNumber: pageNumber, pageCount: pageCount))
        }
        return CachedPageResponse(page, cacheControl: Self.pageCacheControl)
    }

    /// The A–Z letter a name is filed under (see `ConditionsDirectory.indexLetter(of:)`).
    static func indexLetter(of name: String) -> String { ConditionsDirectory.indexLetter(of: name) }
}

extension PageRenderer {
    /// One page of one letter of the A–Z index of conditions.
    func conditions(letter: String, letters: [String], entries: ArraySlice<ConditionName>, pageNumber: Int = 1, pageCount: Int = 1) -> String {
        var ctx = base(title: "Conditions A–Z: \(letter.uppercased())" + (pageNumber > 1 ? " (page \(pageNumber))" : ""),
                       description: "Health conditions starting with \(letter.uppercased()).",
                       path: .conditions(letter: letter, page: pageNumber > 1 ? pageNumber : nil))
        ctx["letter"] = letter.uppercased()
        ctx["letters"] = letters.map { ["letter": $0.uppercased(), "url": SitePath.conditions(letter: $0).href, "current": $0 == letter] }
        ctx["entries"] = entries.map { e -> [String: Any] in
            var d: [String: Any] = ["name": e.name, "url": SitePath.article(slug: e.slug).href, "alias": e.isAlias]
            if e.articles > 1 { d["more"] = ["count": e.articles, "url": SitePath.search(query: e.name).href] }
            return d
        }
        ctx["empty"] = entries.isEmpty
        if pageCount > 1 {
            func url(_ n: Int) -> String { SitePath.conditions(letter: letter, page: n > 1 ? n : nil).href }
            ctx["pages"] = pageCount
            ctx["page"] = pageNumber
            ctx["pageLinks"] = (1...pageCount).map { n -> [String: Any] in ["number": n, "url": url(n), "current": n == pageNumber] }
            if pageNumber > 1 { ctx["previousURL"] = url(pageNumber - 1) }
            if pageNumber < pageCount { ctx["nextURL"] = url(pageNumber + 1) }
        }
        return render("conditions", ctx)
    }
}

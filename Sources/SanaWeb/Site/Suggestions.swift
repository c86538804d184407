import Foundation
import Hummingbird
import SanaSearch

extension SiteRoutes {
    /// Completions for the question box, as JSON: `[{"articles": …, "href": …, "slug": …, "text": …}]`.
    /// `href` is where choosing one leads, built by `SitePath` like every other link.
    @Sendable func suggest(_ request: Request, context: SanaRequestContext) async throws -> JSONResponse {
        let prefix = FormQuery(request.uri.query)["q"] ?? ""
        guard prefix.count <= 100 else { throw BadRequest("The text to complete is too long.") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let links = index.suggest(prefix, limit: 8).map(SuggestionLink.init)
        let data = StructuredData.withoutMarkupCharacters(try encoder.encode(links))
        // Half-typed health questions are personal: never kept in shared caches.
        return JSONResponse(json: ByteBuffer(bytes: data), cacheControl: "private, max-age=300")
    }
}

/// A suggestion as the question box receives it.
struct SuggestionLink: Encodable {
    var text: String
    var slug: String?
    var articles: Int
    var href: String

    init(_ suggestion: Suggestion) {
        text = suggestion.text
        slug = suggestion.slug
        articles = suggestion.articles
        href = (suggestion.slug.map { SitePath.article(slug: $0) } ?? .search(query: suggestion.text)).href
    }
}

import Foundation
import Hummingbird
import SanaSearch

extension SiteRoutes {
    /// Completions for the question box, as JSON: `[{"text": …, "slug": …}]`.
    @Sendable func suggest(_ request: Request, context: SanaRequestContext) async throws -> JSONResponse {
        let prefix = FormQuery(request.uri.query)["q"] ?? ""
        guard prefix.count <= 100 else { throw BadRequest("The text to complete is too long.") }
        let data = StructuredData.withoutMarkupCharacters(try JSONEncoder().encode(index.suggest(prefix, limit: 8)))
        // Half-typed health questions are personal: never kept in shared caches.
        return JSONResponse(json: ByteBuffer(bytes: data), cacheControl: "private, max-age=300")
    }
}

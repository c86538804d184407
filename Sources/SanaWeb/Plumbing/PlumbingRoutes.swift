import Foundation
import Hummingbird
import SanaStore

/// Routes for machines rather than readers: the health check for monitors and the site's own
/// assets (no CDN: every file is served by Sana). Their errors are one line of plain text.
struct PlumbingRoutes<Store: ArticleStore>: Sendable {
    let store: Store
    /// The assets, read once.
    let assets = PageCache(capacity: 100)

    /// What every plumbing request passes through: errors as plain text, malformed queries a 400.
    @MiddlewareFixedTypeBuilder<Request, Response, SanaRequestContext>
    static var middleware: some MiddlewareProtocol<Request, Response, SanaRequestContext> {
        ErrorMiddleware(presenter: PlainTextErrors())
        QueryValidationMiddleware()
    }

    func addRoutes(to router: some RouterMethods<SanaRequestContext>) {
        let plumbing = router.group().add(middleware: Self.middleware)
        plumbing.get("/health", use: health)
        plumbing.get("/assets/:file", use: asset)
    }

    @Sendable func health(_ request: Request, context: SanaRequestContext) async throws -> JSONResponse {
        do {
            try await store.checkHealth()
            return JSONResponse(json: ByteBuffer(string: #"{"status":"ok","database":"ok"}"#), cacheControl: "no-store")
        } catch {
            return JSONResponse(status: .serviceUnavailable, json: ByteBuffer(string: #"{"status":"error","database":"unavailable"}"#),
                                cacheControl: "no-store")
        }
    }

    /// A file of `Assets/`: a name of letters and hyphens with a known extension, nothing else.
    @Sendable func asset(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let file = context.parameters.get("file") ?? ""
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        let parts = file.split(separator: ".")
        guard parts.count == 2, parts[0].allSatisfy({ $0.isLetter || $0 == "-" }), let type = types[String(parts[1])],
              let url = Bundle.module.url(forResource: "Assets/" + parts[0], withExtension: String(parts[1])) else {
            throw HTTPError(.notFound)
        }
        let page = try assets.pageNow("asset:\(file)") {
            CachedPage(bytes: ByteBuffer(bytes: try Data(contentsOf: url)), contentType: type)
        }
        return CachedPageResponse(page, cacheControl: "public, max-age=3600")
    }
}

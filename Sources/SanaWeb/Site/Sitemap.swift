import Foundation
import Hummingbird
import SanaCore

extension SiteRoutes {
    @Sendable func sitemap(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        guard let page = try await sitemapPage(nil) else { throw HTTPError(.notFound) }
        return CachedPageResponse(page, cacheControl: "public, max-age=3600")
    }

    /// `/sitemaps/N.xml`, the numbered files of a sitemap index.
    @Sendable func sitemapFile(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let name = context.parameters.get("file") ?? ""
        guard name.hasSuffix(".xml"), let n = Int(name.dropLast(4)), n >= 1, n <= 100_000,
              let page = try await sitemapPage(n) else { throw HTTPError(.notFound) }
        return CachedPageResponse(page, cacheControl: "public, max-age=3600")
    }

    /// The root sitemap (`nil`) or file `n`; nil when there is no such file.
    private func sitemapPage(_ n: Int?) async throws -> CachedPage? {
        let generation = index.generation
        let map = try await cache.value("sitemap:\(generation)") {
            Sitemap(siteURL: renderer.siteURL, articles: try await store.publishedSlugs(), limit: sitemapLimit)
        }
        guard let xml = n.map({ map.needsIndex ? map.file($0) : nil }) ?? map.root else { return nil }
        return cache.pageNow("sitemap:\(generation):\(n.map(String.init) ?? "root")") {
            CachedPage(xml, contentType: "application/xml; charset=utf-8")
        }
    }

    /// Crawlers may read everything but the answers pages (and, when it comes, the API).
    @Sendable func robots(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let text = "User-agent: *\nDisallow: \(SitePath.search().href)\nDisallow: \(API.path)/\nSitemap: \(SitePath.sitemap.url(siteURL: renderer.siteURL))\n"
        return CachedPageResponse(CachedPage(text, contentType: "text/plain; charset=utf-8"), cacheControl: "public, max-age=86400")
    }
}

/// The sitemap of the published articles. The protocol allows 50,000 URLs in one file; beyond
/// that `/sitemap.xml` becomes a sitemap index of numbered files at `/sitemaps/N.xml`.
struct Sitemap: Sendable {
    struct Entry: Sendable {
        var path: SitePath
        var updatedAt: Date?
    }

    static let protocolLimit = 50_000
    let siteURL: String
    /// The site's home page, then every published article.
    let entries: [Entry]
    let limit: Int

    init(siteURL: String, articles: [(slug: String, updatedAt: Date)], limit: Int = Sitemap.protocolLimit) {
        self.siteURL = siteURL
        entries = [Entry(path: .home, updatedAt: nil)] + articles.map { Entry(path: .article(slug: $0.slug), updatedAt: $0.updatedAt) }
        self.limit = max(1, limit)
    }

    var fileCount: Int { (entries.count + limit - 1) / limit }
    var needsIndex: Bool { entries.count > limit }

    /// `/sitemap.xml`: every URL, or the index of the numbered files when there are too many.
    var root: String { needsIndex ? index : file(1)! }

    var index: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for n in 1...fileCount {
            xml += "<sitemap><loc>\(Escape.xml(SitePath.sitemapFile(n).url(siteURL: siteURL)))</loc>"
            if let newest = slice(n).compactMap(\.updatedAt).max() { xml += "<lastmod>\(PageRenderer.isoDay(newest))</lastmod>" }
            xml += "</sitemap>\n"
        }
        return xml + "</sitemapindex>\n"
    }

    /// The `n`th file of URLs (from 1), nil past the last.
    func file(_ n: Int) -> String? {
        guard n >= 1, n <= max(1, fileCount) else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for e in slice(n) {
            // Crawlers require URLs percent-encoded; `SitePath` encodes the slug.
            xml += "<url><loc>\(Escape.xml(e.path.url(siteURL: siteURL)))</loc>"
            if let d = e.updatedAt { xml += "<lastmod>\(PageRenderer.isoDay(d))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func slice(_ n: Int) -> ArraySlice<Entry> {
        let start = (n - 1) * limit
        return entries[min(start, entries.count)..<min(start + limit, entries.count)]
    }
}

import Foundation
import SanaCore

/// The sitemap of the published articles. The protocol allows 50,000 URLs in one file; beyond
/// that `/sitemap.xml` becomes a sitemap index of numbered files at `/sitemaps/N.xml`.
struct Sitemap: Sendable {
    struct Entry: Sendable {
        var path: String
        var updatedAt: Date?
    }


    static let protocolLimit = 50_000
    let siteURL: String
    /// The site's home page, then every published article.
    let entries: [Entry]
    let limit: Int

    init(siteURL: String, articles: [(slug: String, updatedAt: Date)], limit: Int = Sitemap.protocolLimit) {
        self.siteURL = siteURL
        entries = [Entry(path: "/", updatedAt: nil)] + articles.map { Entry(path: "/articles/" + Self.pathSegment($0.slug), updatedAt: $0.updatedAt) }
        self.limit = max(1, limit)
    }

    var fileCount: Int { (entries.count + limit - 1) / limit }
    var needsIndex: Bool { entries.count > limit }

    /// `/sitemap.xml`: every URL, or the index of the numbered files when there are too many.
    var root: String { needsIndex ? index : file(1)! }

    var index: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for n in 1...fileCount {
            xml += "<sitemap><loc>\(Escape.xml(siteURL))/sitemaps/\(n).xml</loc>"
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
            xml += "<url><loc>\(Escape.xml(siteURL + e.path))</loc>"
            if let d = e.updatedAt { xml += "<lastmod>\(PageRenderer.isoDay(d))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func slice(_ n: Int) -> ArraySlice<Entry> {
        let start = (n - 1) * limit
        return entries[min(start, entries.count)..<min(start + limit, entries.count)]
    }

    /// A slug as one URL path segment: crawlers require URLs percent-encoded.
    static func pathSegment(_ slug: String) -> String {
        slug.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? slug
    }
}

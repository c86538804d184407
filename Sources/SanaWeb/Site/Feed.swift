import Foundation
import Hummingbird
import SanaCore

extension SiteRoutes {
    /// An Atom feed of the fifty articles changed last.
    @Sendable func feed(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let page = try await cache.page("feed:\(index.generation)") {
            let articles = try await store.recentlyChanged(limit: 50, byReview: false)
            return CachedPage(renderer.feed(articles), contentType: "application/atom+xml; charset=utf-8", lastModified: articles.first?.updatedAt)
        }
        return CachedPageResponse(page, cacheControl: "public, max-age=600")
    }
}

extension PageRenderer {
    /// An Atom feed of new and updated articles.
    func feed(_ articles: [Article]) -> String {
        let updated = articles.map(\.updatedAt).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Sana: new and updated answers</title>
        <id>\(Escape.xml(SitePath.home.url(siteURL: siteURL)))</id>
        <link rel="self" href="\(Escape.xml(SitePath.feed.url(siteURL: siteURL)))"/>
        <link href="\(Escape.xml(SitePath.home.url(siteURL: siteURL)))"/>
        <updated>\(StructuredData.iso(updated))</updated>
        <author><name>Sana</name></author>

        """
        for a in articles {
            let url = Escape.xml(SitePath.article(slug: a.slug).url(siteURL: siteURL))
            xml += """
            <entry><title>\(Escape.xml(a.title))</title><id>\(url)</id><link href="\(url)"/>\
            <updated>\(StructuredData.iso(a.updatedAt))</updated><summary>\(Escape.xml(a.summary))</summary></entry>

            """
        }
        return xml + "</feed>\n"
    }
}

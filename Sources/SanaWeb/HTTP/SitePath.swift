import Foundation

/// A page or file of the public site, as the link that reaches it. Every link Sana prints (in
/// pages, redirects, the sitemap, the feed, structured data) is built here, so each path is
/// spelled once and every value in it is percent-encoded. The routes that answer these paths are
/// in `SiteRoutes.addRoutes(to:)`; a test checks that each one is served.
public enum SitePath: Hashable, Sendable, CustomStringConvertible {
    case home
    /// An article page, or one of its sections (`section` is the section's anchor).
    case article(slug: String, section: String? = nil)
    /// A topic's list of articles; `page` is written only when given (page 1 is the bare path).
    case category(slug: String, page: Int? = nil)
    /// The A–Z index, which redirects to its first letter.
    case conditionsIndex
    /// One letter of the A–Z index: "a"…"z" or "0-9"; `page` is written only when given (page 1 is the bare path).
    case conditions(letter: String, page: Int? = nil)
    /// The answers page; with an empty query, the question form itself.
    case search(query: String = "", category: String? = nil, page: Int? = nil)
    /// Completions for the question box, as JSON.
    case suggest(prefix: String)
    case feed
    case sitemap
    /// A numbered file of a sitemap index, from 1.
    case sitemapFile(Int)
    case robots
    /// A file of the site's own assets ("site.css").
    case asset(String)

    /// The link on this site: an absolute path, with its query and fragment.
    public var href: String {
        switch self {
        case .home: "/"
        case .article(let slug, let section): "/articles/" + Self.segment(slug) + (section.map { "#" + Self.component($0) } ?? "")
        case .category(let slug, let page): "/categories/" + Self.segment(slug) + Self.query(["page": page.map(String.init)])
        case .conditionsIndex: "/conditions"
        case .conditions(let letter, let page): "/conditions/" + Self.segment(letter) + Self.query(["page": page.map(String.init)])
        case .search(let text, let category, let page):
            "/search" + Self.query(["q": text.isEmpty ? nil : text, "category": category, "page": page.map(String.init)])
        case .suggest(let prefix): "/suggest" + Self.query(["q": prefix])
        case .feed: "/feed.atom"
        case .sitemap: "/sitemap.xml"
        case .sitemapFile(let n): "/sitemaps/\(n).xml"
        case .robots: "/robots.txt"
        case .asset(let file): "/assets/" + Self.segment(file)
        }
    }

    public var description: String { href }

    /// The absolute URL on the site at `siteURL` (given without a trailing slash).
    public func url(siteURL: String) -> String { siteURL + href }

    /// A value as one path segment: the characters of RFC 3986 `pchar` stay as they are (but `;`,
    /// as Foundation's `urlPathAllowed` has it), the rest (`/`, `?`, `#`, `%`, spaces, non-ASCII,
    /// controls) is %-encoded.
    static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
    }

    /// A query value or fragment: only the unreserved characters (`A–Z a–z 0–9 - . _ ~`) stay,
    /// so `&`, `=`, `+` and `#` in a question cannot change what the link asks.
    static func component(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `?name=value&…` for the parameters that have a value, in the order given; "" when none has.
    private static func query(_ parameters: KeyValuePairs<String, String?>) -> String {
        let pairs = parameters.compactMap { name, value in value.map { name + "=" + component($0) } }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    private static let segmentAllowed = unreserved.union(CharacterSet(charactersIn: "!$&'()*+,=:@"))
}

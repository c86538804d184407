import Foundation
import Hummingbird
import SanaCore
import SanaStore

extension SiteRoutes {
    /// How many related articles an article page lists.
    static var relatedCount: Int { 8 }

    /// Article pages are built once per revision of the article and of the index (which decides
    /// the related articles), then served from memory with their ETag.
    @Sendable func article(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let slug = context.parameters.get("slug") ?? ""
        // A page shown in the last few seconds is served without asking the store again; after
        // that its revision is checked, so an edit shows within seconds.
        let recentName = "article:\(slug):\(index.generation)"
        if let page = cache.recent(recentName, within: revisionCheckInterval) {
            return CachedPageResponse(page, cacheControl: Self.pageCacheControl)
        }
        guard Slug.isValid(slug), let a = try await store.article(slug: slug), a.status == .published else {
            throw HTTPError(.notFound)
        }
        let page = try await cache.page("article:\(slug):\(a.revision):\(a.updatedAt.timeIntervalSince1970):\(index.generation)") {
            let (previous, next) = try await store.neighbours(of: a)
            return CachedPage(renderer.article(a, previous: previous, next: next, related: try await related(to: a)), lastModified: a.updatedAt)
        }
        cache.remember(recentName, page)
        return CachedPageResponse(page, cacheControl: Self.pageCacheControl)
    }

    /// Related articles: those the source page itself named (its related excerpts), then the
    /// answer engine's most similar articles.
    func related(to a: Article) async throws -> [ArticleLink] {
        var links = try await store.resolveExcerpts(a.relatedHints).filter { $0.id != a.id }
        for r in index.related(to: a.id, limit: Self.relatedCount) where !links.contains(where: { $0.id == r.id }) {
            links.append(ArticleLink(id: r.id, slug: r.slug, title: r.title, summary: r.summary))
        }
        return Array(links.prefix(Self.relatedCount))
    }
}

extension PageRenderer {
    func article(_ a: Article, previous: ArticleLink?, next: ArticleLink?, related: [ArticleLink]) -> String {
        let path = SitePath.article(slug: a.slug)
        var ctx = base(title: a.title, description: a.summary, path: path, language: a.language)
        ctx["ogType"] = "article"
        ctx["structuredDataHTML"] = StructuredData.scriptElement(StructuredData.medicalWebPage(a, url: path.url(siteURL: siteURL)))
        ctx.merge(articleMain(a)) { _, new in new }
        if let previous { ctx["previous"] = Self.link(previous) }
        if let next { ctx["next"] = Self.link(next) }
        ctx["hasRelated"] = !related.isEmpty
        ctx["related"] = related.map { r -> [String: Any] in
            ["url": SitePath.article(slug: r.slug).href, "title": r.title, "excerpt": Excerpt.make(r.summary.isEmpty ? r.title : r.summary)]
        }
        return render("article", ctx)
    }

    /// What `article-main` (the article itself: title, summary, sections, sources, review line)
    /// prints: the public page and the editor's preview both render it from this.
    func articleMain(_ a: Article) -> [String: Any] {
        var ctx: [String: Any] = [:]
        ctx["title"] = a.title
        let sections = SectionParser.renderedSections(of: a.body)
        // The summary leads the page unless the introduction already says the same words.
        let intro = sections.first.flatMap { $0.section.heading == nil ? $0.section.text : nil } ?? ""
        if !intro.hasPrefix(String(a.summary.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: ". "))) {
            ctx["summary"] = a.summary
        }
        ctx["category"] = a.category.name
        ctx["categoryURL"] = SitePath.category(slug: a.category.slug).href
        // Each section's body is HTML already escaped by `MarkdownWalker`: the template's one raw value.
        ctx["sections"] = sections.map { r -> [String: Any] in
            var d: [String: Any] = ["anchor": r.section.anchor, "aspect": r.section.aspect.rawValue, "sectionHTML": r.html]
            if let h = r.section.heading { d["heading"] = h }
            return d
        }
        ctx["hasSources"] = !a.sources.isEmpty
        ctx["sources"] = a.sources.map { s -> [String: Any] in
            var d: [String: Any] = ["title": s.title, "url": Self.safeURL(s.url)]
            if let l = s.licence {
                d["licence"] = l
                if l.uppercased().contains("CC BY 4.0") { d["licenceURL"] = "https://creativecommons.org/licenses/by/4.0/" }
            }
            return d
        }
        ctx["fromMedQuAD"] = a.sources.contains { $0.title.contains("MedQuAD") }
        if let reviewed = Self.reviewLine(a) { ctx["reviewed"] = reviewed }
        return ctx
    }

    static func link(_ article: ArticleLink) -> [String: Any] {
        ["url": SitePath.article(slug: article.slug).href, "title": article.title]
    }

    static func reviewLine(_ a: Article) -> String? {
        guard let reviewed = a.reviewedAt else { return nil }
        var s = "Reviewed" + (a.reviewer.map { " by \($0)" } ?? "") + " on " + dayFormat(reviewed)
        if let due = a.nextReviewDue { s += " · Next review due " + dayFormat(due) }
        return s
    }
}

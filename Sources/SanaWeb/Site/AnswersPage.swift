import Foundation
import Hummingbird
import SanaCore
import SanaSearch
import SanaStore

extension SiteRoutes {
    static var resultsPerPage: Int { 10 }

    /// The answers page. Pages are kept per question, filter and page until the index changes.
    @Sendable func search(_ request: Request, context: SanaRequestContext) async throws -> CachedPageResponse {
        let parameters = FormQuery(request.uri.query)
        let query = parameters["q"] ?? ""
        let category = parameters["category"].flatMap { $0.isEmpty ? nil : $0 }
        let pageNumber = try Self.pageNumber(parameters["page"], max: 10)
        let key = "search:\(index.generation):\(category ?? ""):\(pageNumber):\(query)"
        try Self.checkQuestion(query, category: category)
        let page = try await answers.page(key) {
            let categories = try await counts().byCategory
            let answers = try answerSearch(query, category: category, page: pageNumber)
            var page = CachedPage(renderer.search(query: query, answers: answers, categories: categories, selected: category))
            page.backlogReason = answers.flatMap { SearchBacklogRecorder.reason(for: $0.response) }
            return page
        }
        // The backlog counts questions, so a question once: its first page, unfiltered.
        if pageNumber == 1, category == nil, let backlog {
            await backlog.record(question: query, reason: page.backlogReason)
        }
        return CachedPageResponse(page, cacheControl: "private, max-age=60")
    }

    /// A question as the answers page and the API take it: refused when too long or filtered by
    /// a category that cannot exist.
    static func checkQuestion(_ query: String, category: String?) throws {
        guard query.count <= 500 else { throw BadRequest("The question is too long: at most 500 characters, please.", field: "q") }
        if let category, !Slug.isValid(category) { throw BadRequest("The topic filter is not a known topic.", field: "category") }
    }

    /// The answers to one page of a question (nil for an empty question): what the answers page
    /// shows and the API returns.
    func answerSearch(_ query: String, category: String?, page: Int) throws -> Answers? {
        try Self.checkQuestion(query, category: category)
        let trimmed = query.trimmed
        guard !trimmed.isEmpty else { return nil }
        let response = index.search(trimmed, limit: Self.resultsPerPage, offset: (page - 1) * Self.resultsPerPage, category: category)
        return Answers(response: response, page: page, pageSize: Self.resultsPerPage)
    }
}

/// A search as the answers page presents it, decided in one place for the page and the API.
struct Answers {
    var response: SearchResponse
    var page: Int
    var pageSize: Int

    /// Articles that only share words with the question are not listed as answers: the page
    /// says so, with what to do next (an urgent-care notice still shows).
    var noGoodAnswer: Bool { response.noGoodAnswer && !response.results.isEmpty }
    var listed: [SearchResult] { noGoodAnswer ? [] : response.results }
    /// Known only from unpublished material (a MedQuAD pair without answer text): said calmly, once.
    var focusWithoutArticle: String? { page == 1 ? response.focusWithoutArticle : nil }
    var pages: Int { max(1, (min(response.total, 100) + pageSize - 1) / pageSize) }
}

extension PageRenderer {
    /// The answers page: results with the answering section and matched words marked.
    func search(query: String, answers: Answers?, categories: [CategoryCount], selected: String?) -> String {
        let trimmed = query.trimmed
        var ctx = base(title: trimmed.isEmpty ? "Ask a health question" : "Answers: \(trimmed)",
                       description: "Answers to your health question.", path: nil, query: trimmed)
        ctx["noindex"] = true
        ctx["asked"] = !trimmed.isEmpty
        ctx["categories"] = categories.map { c -> [String: Any] in
            ["slug": c.category.slug, "name": c.category.name, "selected": c.category.slug == selected]
        }
        guard let answers else { return render("search", ctx) }
        let response = answers.response, page = answers.page
        let categoryNames = Dictionary(categories.map { ($0.category.slug, $0.category.name) }, uniquingKeysWith: { a, _ in a })
        if let urgent = response.urgent { ctx["urgent"] = urgent.message }
        if let fix = response.didYouMean {
            ctx["didYouMean"] = fix
            ctx["didYouMeanURL"] = SitePath.search(query: fix).href
        }
        if let name = answers.focusWithoutArticle { ctx["noArticleOn"] = name }
        ctx["total"] = response.total
        ctx["noGoodAnswer"] = answers.noGoodAnswer
        ctx["hasResults"] = !answers.listed.isEmpty
        ctx["results"] = answers.listed.map { r -> [String: Any] in
            var d: [String: Any] = ["url": SitePath.article(slug: r.slug).href, "title": r.title,
                                    "snippetHTML": Self.markedSnippet(r.snippet, r.highlights),
                                    "confidenceLabel": Self.confidenceLabel(r.confidence),
                                    "hasAlsoOn": !r.alsoOn.isEmpty,
                                    "alsoOn": r.alsoOn.enumerated().map { i, other -> [String: Any] in
                                        ["url": SitePath.article(slug: other.slug).href,
                                         "title": categoryNames[other.categorySlug].map { "\($0): \(other.title)" } ?? other.title,
                                         "last": i == r.alsoOn.count - 1]
                                    }]
            if let h = r.section.heading {
                d["section"] = h
                d["sectionURL"] = SitePath.article(slug: r.slug, section: Section(heading: h, aspect: r.section.aspect, text: "").anchor).href
            }
            return d
        }
        let pages = answers.pages
        if pages > 1 { ctx["page"] = page; ctx["pages"] = pages }
        if page > 1 { ctx["previousURL"] = SitePath.search(query: trimmed, category: selected, page: page - 1).href }
        if page < pages { ctx["nextURL"] = SitePath.search(query: trimmed, category: selected, page: page + 1).href }
        return render("search", ctx)
    }

    /// How sure Sana is that an answer answers, in words (see `SearchResult.confidence`).
    static func confidenceLabel(_ confidence: Double) -> String {
        confidence >= 0.5 ? "Likely answers your question" : "May answer your question"
    }

    /// The snippet as HTML: escaped text with the matched words in `<mark>`. (Highlights count
    /// `Character`s; each piece is escaped by scalar.)
    static func markedSnippet(_ snippet: String, _ highlights: [[Int]]) -> String {
        let characters = Array(snippet)
        var out = ""
        var at = 0
        for h in highlights where h.count == 2 && h[0] >= at && h[0] < h[1] && h[1] <= characters.count {
            out += Escape.html(String(characters[at..<h[0]]))
            out += "<mark>" + Escape.html(String(characters[h[0]..<h[1]])) + "</mark>"
            at = h[1]
        }
        return out + Escape.html(String(characters[at...]))
    }
}

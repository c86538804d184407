import SanaCore
import SanaSearch
import SanaStore

/// The index over every article of `store`, with Debian's word lists when installed, built in
/// one batch (tests' stores are small); `sana serve` loads through SanaApp's loader instead.
func loadSearchIndex(from store: some ArticleStore) async throws -> SearchIndex {
    let index = SearchIndex(englishWords: EnglishWords.installed ?? .none)
    var articles: [Article] = []
    for try await article in store.allArticles() { articles.append(article) }
    index.update(articles)
    return index
}

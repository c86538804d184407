import SanaApp
import SanaSearch
import SanaStore

/// The web tests build their index as `sana serve` does; the loader lives in SanaApp.
func loadSearchIndex(from store: some ArticleStore) async throws -> SearchIndex {
    try await SanaApp.loadSearchIndex(from: store)
}

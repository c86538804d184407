import SanaCore
import SanaSearch
import SanaStore

/// Builds the answer engine's index from every published article in the store.
public func loadSearchIndex(from store: some ArticleStore) async throws -> SearchIndex {
    let index = SearchIndex()
    var batch: [Article] = []
    for try await article in store.allArticles() {
        batch.append(article)
        if batch.count == 2000 { index.update(batch); batch.removeAll(keepingCapacity: true) }
    }
    index.update(batch)
    return index
}

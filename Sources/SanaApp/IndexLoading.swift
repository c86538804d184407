import Foundation
import SanaCore
import SanaSearch
import SanaStore

/// Builds the answer engine's index from every published article in the store.
/// `englishWords`: the word lists spelling correction must leave alone (`EnglishWords.installed`
/// on a Debian system; `installedEnglishWords(warn:)` also says when they are missing).
/// `ranking`: the learned weights; by default the bundled file, whose absence or damage stops
/// loading with an error naming it (`RankingModelError`).
public func loadSearchIndex(from store: some ArticleStore, englishWords: EnglishWords = EnglishWords.installed ?? .none,
                            ranking: RankingModel? = nil, workers: Int = WorkSplit.availableCores) async throws -> SearchIndex {
    let index = SearchIndex(englishWords: englishWords, ranking: try ranking ?? RankingModel.bundled(), workers: workers)
    try await applyAllArticles(of: store, to: index)
    finishLoading(index)
    return index
}

/// What `applyAllArticles` did: the ids the store holds, and the time spent indexing them
/// (reading and decoding the store not counted, for `sana bench-search`).
public struct AppliedArticles: Sendable {
    public var ids: Set<String>
    public var indexingTime: Duration
}

/// Articles are analysed in parallel a batch at a time: large enough to keep every core busy,
/// small enough that a batch's decoded articles stay a small part of the memory the index needs.
let indexingBatchSize = 2_000

/// Applies every article of the store to the index, in batches analysed in parallel. Searches
/// see none of it until all of it: the batches are published once, at the end, unless `publish`
/// is false (the caller then publishes with its own next change).
@discardableResult
public func applyAllArticles(of store: some ArticleStore, to index: SearchIndex, publish: Bool = true) async throws -> AppliedArticles {
    let clock = ContinuousClock()
    var applied = AppliedArticles(ids: [], indexingTime: .zero)
    var batch: [Article] = []
    batch.reserveCapacity(indexingBatchSize)
    for try await article in store.allArticles() {
        applied.ids.insert(article.id)
        batch.append(article)
        if batch.count == indexingBatchSize {
            applied.indexingTime += clock.measure { index.update(batch, publish: false) }
            batch.removeAll(keepingCapacity: true)
        }
    }
    applied.indexingTime += clock.measure { index.update(batch, publish: publish) }
    return applied
}

/// Ends a full load: the index drops its spare capacity and the heap pages freed while loading
/// (articles decoded and dropped) go back to the system, so a serving process holds only what it uses.
public func finishLoading(_ index: SearchIndex) {
    index.trimStorage()
    releaseFreedMemory()
}

/// Hands the heap pages freed so far back to the system.
public func releaseFreedMemory() {
    #if os(Linux)
    _ = mallocTrim(0)
    #endif
}

#if os(Linux)
/// glibc's `malloc_trim`, which its Swift module does not export.
@_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
#endif

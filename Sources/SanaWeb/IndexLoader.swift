import Foundation
import SanaCore
import SanaSearch
import SanaStore

/// Builds the answer engine's index from every published article in the store.
public func loadSearchIndex(from store: some ArticleStore, workers: Int = WorkSplit.availableCores) async throws -> SearchIndex {
    let index = SearchIndex(englishWords: installedEnglishWords(), workers: workers)
    try await applyAllArticles(of: store, to: index)
    index.trimStorage()
    releaseFreedMemory()
    return index
}

/// Applies every article of the store to the index, in batches analysed in parallel, and
/// returns the ids the store holds.
@discardableResult
func applyAllArticles(of store: some ArticleStore, to index: SearchIndex) async throws -> Set<String> {
    var ids = Set<String>()
    var batch: [Article] = []
    for try await article in store.allArticles() {
        ids.insert(article.id)
        batch.append(article)
        if batch.count == 2000 { index.update(batch); batch.removeAll(keepingCapacity: true) }
    }
    index.update(batch)
    return ids
}

/// Debian's English word lists for spelling correction; without them it says so once on
/// standard error and corrects against the articles' words alone.
public func installedEnglishWords() -> EnglishWords {
    if let words = EnglishWords.installed { return words }
    _ = warnOnce
    return .none
}

private let warnOnce: Void = {
    let paths = EnglishWords.systemPaths.joined(separator: ", ")
    FileHandle.standardError.write(Data("sana: no English word list at \(paths) (Debian packages wamerican, wbritish); spelling correction may change real words that no article uses\n".utf8))
}()

/// Hands the heap pages freed while loading (articles decoded and dropped) back to the system,
/// so a serving process holds only what it uses.
public func releaseFreedMemory() {
    #if os(Linux)
    _ = mallocTrim(0)
    #endif
}

#if os(Linux)
/// glibc's `malloc_trim`, which its Swift module does not export.
@_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
#endif

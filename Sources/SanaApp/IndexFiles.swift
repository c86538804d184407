import Logging
import SanaCore
import SanaSearch
import SanaStore

/// Where a database's index file lives: beside an SQLite file, named after it (`site.sqlite` →
/// `site.sqlite.index`); nil for a database that is not a file.
public func indexFilePath(database: String) -> String? {
    guard case .sqlite(let path)? = try? StoreLocation(url: database), !path.isEmpty, path != ":memory:" else { return nil }
    return path + ".index"
}

/// An index ready to serve, the change number it is current up to, and the change number its
/// file is current up to (nil when no usable file holds it: it should be saved).
public struct LoadedIndex: Sendable {
    public let index: SearchIndex
    public let position: Int
    public let savedPosition: Int?
}

/// The index of every published article in the store, from its index file when that is usable,
/// caught up with the changes written since; else built from the store, with the reason logged
/// (no file, another version's, truncated, corrupt, or ahead of a database that was replaced).
/// Nothing is saved here: the caller saves when it can afford the time (`saveIndexFile`).
public func loadSearchIndex(from store: some ArticleStore, file: String?, englishWords: EnglishWords = EnglishWords.installed ?? .none,
                            workers: Int = WorkSplit.availableCores, logger: Logger) async throws -> LoadedIndex {
    // Read before any loading, so nothing written meanwhile is missed (applying twice is harmless).
    let latest = try await store.latestChange()
    if let file, let opened = openIndexFile(file, englishWords: englishWords, workers: workers, logger: logger) {
        let (index, saved) = opened
        if saved <= latest {
            let caughtUp = try await applyChanges(of: store, to: index, after: saved)
            logger.info("Search index: opened \(file) (change \(saved)), applied \(caughtUp.applied) articles changed since")
            return LoadedIndex(index: index, position: caughtUp.position, savedPosition: saved)
        }
        logger.warning("Search index: \(file) is at change \(saved) but the database only at \(latest) (replaced or restored); rebuilding from the database")
    }
    let index = try await loadSearchIndex(from: store, englishWords: englishWords, workers: workers)
    return LoadedIndex(index: index, position: latest, savedPosition: nil)
}

/// The index in `file` and the change number it is current up to, or nil (the reason logged).
private func openIndexFile(_ file: String, englishWords: EnglishWords, workers: Int, logger: Logger) -> (SearchIndex, Int)? {
    do {
        return try SearchIndex.open(file: file, englishWords: englishWords, workers: workers)
    } catch .missing {
        logger.info("Search index: no index file at \(file) yet; building from the database")
    } catch {
        logger.warning("Search index: \(error); rebuilding from the database")
    }
    return nil
}

/// Applies every write after change `position` to the index, a page at a time; returns the
/// number to ask after next time and how many articles it applied.
public func applyChanges(of store: some ArticleStore, to index: SearchIndex, after position: Int) async throws -> (position: Int, applied: Int) {
    var position = position, applied = 0
    while true {
        let page = try await store.changes(after: position, limit: 1000)
        guard !page.articles.isEmpty else { return (position, applied) }
        index.update(page.articles)
        applied += page.articles.count
        position = page.last
    }
}

/// Saves the index to its file; a failure is logged and otherwise harmless (the next start
/// rebuilds or applies more changes). Returns whether it saved.
@discardableResult
public func saveIndexFile(_ index: SearchIndex, to file: String, position: Int, logger: Logger) -> Bool {
    let clock = ContinuousClock()
    let start = clock.now
    do {
        try index.save(file: file, position: position)
        let took = (clock.now - start).components
        let seconds = Double(took.seconds) + Double(took.attoseconds) / 1e18
        logger.info("Search index: saved \(file) at change \(position) in \((seconds * 10).rounded() / 10) s")
        return true
    } catch {
        logger.error("Search index: \(error)")
        return false
    }
}

/// Brings a database's index file up to date, after `sana import` committed: the file is
/// opened and given the imported changes, or built from the database when it is missing or
/// unusable, then saved. Does nothing for a database that is not a file.
public func refreshIndexFile(store: some ArticleStore, database: String, logger: Logger) async throws {
    guard let file = indexFilePath(database: database) else { return }
    // Word lists matter only to questions; the file is the same without them.
    let loaded = try await loadSearchIndex(from: store, file: file, englishWords: .none, logger: logger)
    if loaded.savedPosition != loaded.position { saveIndexFile(loaded.index, to: file, position: loaded.position, logger: logger) }
}

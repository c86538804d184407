import Logging
import ServiceLifecycle
import SanaSearch
import SanaStore

/// Keeps a serving process's search index up to date with the store: every `interval` it applies
/// the articles written since it last looked — by `sana import` in another process, say — so new
/// and edited articles become answers, and unpublished ones stop being answers, within seconds,
/// without a rebuild. With an index file it also saves the index there once `saveAfter`
/// changes have accumulated since the file was written, so a restart applies few of them.
public actor IndexFollower: Service {
    private let store: any ArticleStore
    private let index: SearchIndex
    private let interval: Duration
    private let logger: Logger
    private let indexFile: String?
    private let saveAfter: Int
    /// The number of the last write applied.
    public private(set) var position: Int
    /// The change number the index file is current up to; nil when it has to be written.
    public private(set) var savedPosition: Int?

    /// `position`: the store's `latestChange()` read before the index was loaded from it, so
    /// nothing written during the load is missed (applying an article twice is harmless).
    /// `indexFile` and `savedPosition`: where the index is saved and how current that file is
    /// (see `LoadedIndex`); `saveAfter`: how many changes make saving it again worth its time
    /// (a write of the whole index; at a million articles a few seconds).
    public init(store: any ArticleStore, index: SearchIndex, position: Int, interval: Duration = .seconds(2),
                indexFile: String? = nil, savedPosition: Int? = nil, saveAfter: Int = 5_000, logger: Logger) {
        self.store = store
        self.index = index
        self.position = position
        self.interval = interval
        self.indexFile = indexFile
        self.savedPosition = savedPosition
        self.saveAfter = max(1, saveAfter)
        self.logger = logger
    }

    /// Saves the index to its file when it has none, or `saveAfter` changes have come since.
    /// Returns whether it saved.
    @discardableResult
    public func saveIfDue() -> Bool {
        guard let indexFile else { return false }
        if let savedPosition, position - savedPosition < saveAfter { return false }
        guard saveIndexFile(index, to: indexFile, position: position, logger: logger) else { return false }
        savedPosition = position
        return true
    }

    /// Applies every write after `position`; returns how many articles it applied.
    /// When the store's latest change is older than `position`, the database was replaced (a
    /// restore from a backup): change numbers went backwards, so every article is applied again
    /// and articles the store no longer holds leave the index.
    @discardableResult
    public func catchUp() async throws -> Int {
        let latest = try await store.latestChange()
        if latest < position {
            logger.warning("Search index: the database's changes went back from \(position) to \(latest) (replaced or restored); reloading every article")
            // Published together with the removals: searches never see the two halves mixed.
            let ids = try await applyAllArticles(of: store, to: index, publish: false).ids
            index.removeAll(except: ids)
            position = latest
            savedPosition = nil
            return ids.count
        }
        let caughtUp = try await applyChanges(of: store, to: index, after: position)
        position = caughtUp.position
        return caughtUp.applied
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            // An index built at start-up is saved first, once the server already answers.
            await self.saveIfDue()
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: self.interval)
                    let n = try await self.catchUp()
                    if n > 0 { self.logger.info("Search index: applied \(n) changed articles") }
                    await self.saveIfDue()
                } catch is CancellationError {
                    return
                } catch {
                    self.logger.error("Search index: could not read changes: \(error)")
                }
            }
        }
    }
}

import Logging
import ServiceLifecycle
import SanaSearch
import SanaStore

/// Keeps a serving process's search index up to date with the store: every `interval` it applies
/// the articles written since it last looked — by `sana import` in another process, say — so new
/// and edited articles become answers, and unpublished ones stop being answers, within seconds,
/// without a rebuild.
public actor IndexFollower: Service {
    private let store: any ArticleStore
    private let index: SearchIndex
    private let interval: Duration
    private let logger: Logger
    /// The number of the last write applied.
    public private(set) var position: Int

    /// `position`: the store's `latestChange()` read before the index was loaded from it, so
    /// nothing written during the load is missed (applying an article twice is harmless).
    public init(store: any ArticleStore, index: SearchIndex, position: Int, interval: Duration = .seconds(2), logger: Logger) {
        self.store = store
        self.index = index
        self.position = position
        self.interval = interval
        self.logger = logger
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
            return ids.count
        }
        var applied = 0
        while true {
            let page = try await store.changes(after: position, limit: 1000)
            guard !page.articles.isEmpty else { return applied }
            index.update(page.articles)
            applied += page.articles.count
            position = page.last
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: self.interval)
                    let n = try await self.catchUp()
                    if n > 0 { self.logger.info("Search index: applied \(n) changed articles") }
                } catch is CancellationError {
                    return
                } catch {
                    self.logger.error("Search index: could not read changes: \(error)")
                }
            }
        }
    }
}

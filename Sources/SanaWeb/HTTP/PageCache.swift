import Foundation
import Synchronization

/// Rendered pages by key, valid while the content they show is unchanged: the key carries the
/// article's revision and the search index's generation, so an edit anywhere makes a new key.
final class PageCache: Sendable {
    private let pages = Mutex<[String: CachedPage]>([:])
    /// Pages found recently under a short name (an article's slug), so a busy page skips even the
    /// database lookup of its revision for a few seconds.
    private let recent = Mutex<[String: RecentPage]>([:])
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// How many pages are kept now.
    var count: Int { pages.withLock { $0.count } }

    /// A page built on the spot when missing (cheap pages: assets, the A–Z index).
    func pageNow(_ key: String, build: () throws -> CachedPage) rethrows -> CachedPage {
        if let hit = pages.withLock({ $0[key] }) { return hit }
        return store(key, try build())
    }

    /// Builds in progress by key. A page asked for again while it is being built waits for that
    /// build instead of starting another (single flight): a burst of requests for one uncached
    /// article renders it once.
    private let building = Mutex<[String: Task<CachedPage, any Error>]>([:])
    private let flightCounts = Mutex((builds: 0, joins: 0))

    /// How many pages were built (rendered) through the single-flight `page(_:build:)`.
    var builds: Int { flightCounts.withLock { $0.builds } }
    /// How many requests waited for a build already in progress instead of starting one.
    var joins: Int { flightCounts.withLock { $0.joins } }

    func page(_ key: String, build: @escaping @Sendable () async throws -> CachedPage) async throws -> CachedPage {
        if let hit = pages.withLock({ $0[key] }) { return hit }
        let flight: Task<CachedPage, any Error>? = building.withLock { flights in
            if let running = flights[key] {
                flightCounts.withLock { $0.joins += 1 }
                return running
            }
            // A build that finished since the first look has stored its page.
            if pages.withLock({ $0[key] }) != nil { return nil }
            flightCounts.withLock { $0.builds += 1 }
            let task = Task<CachedPage, any Error> {
                // The page is stored before the flight ends, so no later request misses both.
                defer { self.building.withLock { $0[key] = nil } }
                return self.store(key, try await build())
            }
            flights[key] = task
            return task
        }
        if let flight { return try await flight.value }
        return try await page(key, build: build)
    }

    private let values = Mutex<[String: any Sendable]>([:])

    /// A value computed once per key (the store's counts per index generation, say).
    func value<T: Sendable>(_ key: String, build: () async throws -> T) async rethrows -> T {
        if let hit = values.withLock({ $0[key] }) as? T { return hit }
        let value = try await build()
        values.withLock { cache in
            if cache.count >= 100 { cache.removeAll(keepingCapacity: true) }
            cache[key] = value
        }
        return value
    }

    /// The page remembered under `name` within the last `seconds`, if any.
    func recent(_ name: String, within seconds: Double) -> CachedPage? {
        guard let entry = recent.withLock({ $0[name] }), ContinuousClock.now - entry.at < .seconds(seconds) else { return nil }
        return entry.page
    }

    func remember(_ name: String, _ page: CachedPage) {
        recent.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[name] = RecentPage(page: page, at: ContinuousClock.now)
        }
    }

    private func store(_ key: String, _ page: CachedPage) -> CachedPage {
        pages.withLock { cache in
            // Simple and bounded: when full, start again (keys of old revisions never come back).
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = page
        }
        return page
    }
}

/// A page and when it was last checked against the store (a struct: a tuple here cost a generic
/// metadata lookup on every request).
struct RecentPage: Sendable {
    var page: CachedPage
    var at: ContinuousClock.Instant
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SanaSearch
import Synchronization

/// The A–Z index's condition names, grouped by letter, for the index generation they were read
/// from. Reading them walks every article, which takes seconds at a million articles: when the
/// last reading was that slow, a page after a write is served from the previous listing while the
/// next one is read in the background (at most one at a time), so no request waits for it. A quick
/// reading (a small site) is awaited, so the pages always show the latest names there.
final class ConditionsDirectory: Sendable {
    struct Listing: Sendable {
        var generation: Int
        var byLetter: [String: [ConditionName]]
        var readingTime: Duration
    }

    private struct State {
        var listing: Listing?
        var reading: (generation: Int, task: Task<Listing, Never>)?
    }

    private let index: SearchIndex
    private let state = Mutex(State())
    /// A reading slower than this is done in the background next time.
    let backgroundAfter: Duration

    /// Starts reading the names at once, so the first A–Z page does not wait for all of it.
    init(index: SearchIndex, backgroundAfter: Duration = .milliseconds(50)) {
        self.index = index
        self.backgroundAfter = backgroundAfter
        _ = state.withLock { startReading(&$0, generation: index.generation) }
    }

    /// The names of the current generation, or of an earlier one while a slow reading runs.
    func listing() async -> Listing {
        let generation = index.generation
        let (ready, reading): (Listing?, Task<Listing, Never>?) = state.withLock { s in
            if let l = s.listing, l.generation >= generation { return (l, nil) }
            let task = startReading(&s, generation: generation)
            if let l = s.listing, l.readingTime > backgroundAfter { return (l, nil) }
            return (nil, task)
        }
        if let ready { return ready }
        return await reading!.value
    }

    private func startReading(_ s: inout State, generation: Int) -> Task<Listing, Never> {
        if let r = s.reading, r.generation >= generation { return r.task }
        let task = Task { await Self.onLowPriorityThread { self.read(generation) } }
        s.reading = (generation, task)
        return task
    }

    /// Reads the names; `generation` is taken before, so a write during the reading is read again.
    private func read(_ generation: Int) -> Listing {
        let clock = ContinuousClock()
        let start = clock.now
        var byLetter: [String: [ConditionName]] = [:]
        for name in index.conditionNames() { byLetter[Self.indexLetter(of: name.name), default: []].append(name) }
        let listing = Listing(generation: generation, byLetter: byLetter, readingTime: clock.now - start)
        state.withLock { s in
            if (s.listing?.generation ?? -1) < generation { s.listing = listing }
            if s.reading?.generation == generation { s.reading = nil }
        }
        return listing
    }

    /// Runs `work` on a thread of its own at a lower priority (nice 10), not on the concurrency
    /// pool: a reading takes seconds of CPU at a million articles, and on the pool it would hold
    /// one of its few threads (one per core) from requests all that time.
    static func onLowPriorityThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { done in
            let thread = Thread {
                #if os(Linux)
                // On Linux the nice value is each thread's own; 0 names the calling thread.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                #endif
                done.resume(returning: work())
            }
            thread.start()
        }
    }

    /// The A–Z letter a name is filed under: its first letter without accents, "0-9" for digits.
    static func indexLetter(of name: String) -> String {
        // Most names start with an ASCII letter or digit: no folding needed (a million names).
        if let byte = name.utf8.first {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return String(UnicodeScalar(byte))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return String(UnicodeScalar(byte + 32))
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return "0-9"
            default: break
            }
        }
        guard let first = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars
            .first(where: { CharacterSet.alphanumerics.contains($0) }) else { return "" }
        if CharacterSet.decimalDigits.contains(first) { return "0-9" }
        return String(first).lowercased()
    }
}

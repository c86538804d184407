import Synchronization

/// The one writer of an index and the slot searches read from. Changes are applied to the
/// writer's own copy of the state, one at a time, and then published whole: a search takes the
/// published snapshot (a brief lock to copy one reference) and never waits for an import, the
/// follower or compaction, and it sees a batch entirely or not at all.
final class IndexWriter: Sendable {
    /// A published snapshot; a class so that taking it costs one reference count.
    final class Published: Sendable {
        let snapshot: IndexSnapshot
        init(_ snapshot: IndexSnapshot) { self.snapshot = snapshot }
    }

    private let working: Mutex<IndexSnapshot>
    private let published: Mutex<Published>

    init(_ initial: IndexSnapshot) {
        working = Mutex(initial)
        published = Mutex(Published(initial))
    }

    /// The latest published state, held by reference: reading one field (the generation, on
    /// every page request) or calling a search through it copies nothing of the state.
    var current: Published { published.withLock { $0 } }

    /// Applies `change` to the writer's copy and publishes the result. Writers wait for each
    /// other; readers never wait for them. `changesContent` false leaves the generation alone
    /// (for housekeeping such as trimming storage). `publish` false keeps the change in the
    /// writer's copy until the next publishing write: a bulk load publishes once at its end,
    /// because between a publish and the next change the copy shares its storage with the
    /// snapshot, and that change would copy every array it touches.
    func write(changesContent: Bool = true, publish: Bool = true, _ change: (inout IndexSnapshot) -> Void) {
        working.withLock { state in
            change(&state)
            if changesContent { state.generation += 1 }
            guard publish else { return }
            state.suggestionTable.prepare()
            let next = Published(state)
            let previous = published.withLock { slot in
                let previous = slot
                slot = next
                return previous
            }
            // The previous snapshot is released here, outside the readers' lock: freeing a large
            // one (after compaction) must not hold up searches taking the new one.
            _ = consume previous
        }
    }
}

/// The best `k` of many entries without sorting them all: one pass, keeping the best so far in
/// order. Used for answers, related articles and an article's key terms.
enum TopK {
    /// The best `k` of `entries`, best first; `better` must be a strict total order (ties broken,
    /// as by article number), so the result does not depend on the order of `entries`.
    @inline(__always)
    static func select<Entries: Sequence>(_ entries: Entries, _ k: Int,
                                          by better: (Entries.Element, Entries.Element) -> Bool) -> [Entries.Element] {
        guard k > 0 else { return [] }
        var best: [Entries.Element] = []
        best.reserveCapacity(k + 1)
        for entry in entries {
            if best.count == k, let last = best.last, !better(entry, last) { continue }
            // `best` is in order, so where the entry goes is found by halving.
            var low = 0, high = best.count
            while low < high {
                let mid = (low + high) / 2
                if better(entry, best[mid]) { high = mid } else { low = mid + 1 }
            }
            best.insert(entry, at: low)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// Higher score first, then lower article number.
    @inline(__always)
    static func higherScore(_ a: (key: Int32, value: Float), _ b: (key: Int32, value: Float)) -> Bool {
        a.value != b.value ? a.value > b.value : a.key < b.key
    }

    /// The best `k` of the articles `candidates` by their entry in `dense`, those scoring above 0.
    static func select(_ dense: [Float], _ candidates: [Int32], _ k: Int) -> [(key: Int32, value: Float)] {
        select(candidates.lazy.map { (key: $0, value: dense[Int($0)]) }.filter { $0.value > 0 }, k, by: higherScore)
    }

    /// The best `k` of `scores` (article → score).
    static func select(_ scores: [Int32: Float], _ k: Int) -> [(key: Int32, value: Float)] {
        select(scores.lazy.map { (key: $0.key, value: $0.value) }, k, by: higherScore)
    }
}

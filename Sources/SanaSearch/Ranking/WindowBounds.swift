import Synchronization

/// Block-max bounds (Ding & Suel 2011) by article window: for a long posting list, the largest
/// share of its factor (`w / (k1 + w)`) any of its postings reaches in each window of
/// 2^`shift` consecutive articles. A common term, which bounds MaxScore's work, scores far below
/// its factor in most windows. Computed on a list's first use (one pass over it), kept while the
/// index and the parameters it was computed with hold, shared by the snapshots of one index.
final class WindowBounds: Sendable {
    /// Windows of 2^shift articles.
    let shift: Int
    /// Shorter lists are bounded by their factor: one pass over them costs more than it saves
    /// (related articles read many lists of a few thousand postings, each once).
    let minimumPostings: Int

    init(shift: Int = 9, minimumPostings: Int = 65_536) {
        self.shift = shift
        self.minimumPostings = minimumPostings
    }

    /// What a list's shares depend on.
    struct Key: Equatable {
        var generation: Int, postings: Int, articles: Int, live: Int, lengthSums: SIMD4<Float>
        var k1: Float, fieldB: SIMD4<Float>, fieldWeights: SIMD4<Float>
    }

    private let cache = Mutex<[Int32: (key: Key, shares: [Float])]>([:])
    /// Terms kept at most (a million articles: 8 KB a term).
    private let keep = 4096

    func shares(_ term: Int32, _ key: Key, compute: () -> [Float]) -> [Float] {
        if let found = cache.withLock({ $0[term] }), found.key == key { return found.shares }
        let shares = compute()
        cache.withLock { cache in
            if cache.count >= keep { cache.removeAll() }
            cache[term] = (key, shares)
        }
        return shares
    }
}

extension BM25FConstants {
    /// The share of its factor one posting adds (`score` is `factor` times this, up to rounding).
    @inline(__always)
    func share(_ posting: Posting, length: SIMD4<Float>) -> Float {
        let norm = oneMinusB + length * bOverAverage
        let weighted = (weights * posting.tf / norm).sum()
        return weighted / (k1 + weighted)
    }
}

extension IndexSnapshot {
    /// The best share of `list`'s postings in each article window; nil for a short list.
    func windowShares(_ term: Int32, _ list: PostingList, _ p: RankingParameters, _ constants: BM25FConstants) -> [Float]? {
        guard list.count >= windowBounds.minimumPostings else { return nil }
        let key = WindowBounds.Key(generation: generation, postings: list.count, articles: docRecord.count, live: liveCount, lengthSums: lengthSums,
                                   k1: p.k1, fieldB: p.fieldB, fieldWeights: p.fieldWeights)
        return windowBounds.shares(term, key) {
            var shares = [Float](repeating: 0, count: (docRecord.count >> windowBounds.shift) + 1)
            docLengths.withUnsafeBufferPointer { lengths in
                shares.withUnsafeMutableBufferPointer { shares in
                    list.forEachBlock { block in
                        for posting in block {
                            let share = constants.share(posting, length: lengths[Int(posting.doc)])
                            let w = Int(posting.doc) >> windowBounds.shift
                            if share > shares[w] { shares[w] = share }
                        }
                    }
                }
            }
            return shares
        }
    }
}

/// Dynamic pruning for BM25F (MaxScore, Turtle & Flood 1995, with block-max bounds by article
/// window as in Lucene's MaxScoreBulkScorer): articles are scored one at a time over all the
/// query's posting lists together, window by window (`WindowBounds`). In a window a term can add
/// at most its factor times its best share there, so once the caller's threshold is known a window
/// whose bounds together stay under it is skipped, and the terms whose bounds together stay under
/// it are only looked up for articles the others already lift near it. Scores are summed in the
/// same order as `scoreDocuments`, so every article scored here scores exactly as there.
struct BM25FConstants {
    let bOverAverage: SIMD4<Float>, oneMinusB: SIMD4<Float>, weights: SIMD4<Float>, k1: Float

    init(lengthSums: SIMD4<Float>, liveCount: Int, _ p: RankingParameters) {
        let average = lengthSums / Float(max(liveCount, 1))
        let safeAverage = SIMD4<Float>(max(average[0], 1), max(average[1], 1), max(average[2], 1), max(average[3], 1))
        bOverAverage = p.fieldB / safeAverage
        oneMinusB = 1 - p.fieldB
        weights = p.fieldWeights
        k1 = p.k1
    }

    /// What one posting adds to its article's score: the same expression as `scoreDocuments`.
    @inline(__always)
    func score(_ posting: Posting, length: SIMD4<Float>, factor: Float) -> Float {
        let norm = oneMinusB + length * bOverAverage
        let weighted = (weights * posting.tf / norm).sum()
        return factor * weighted / (k1 + weighted)
    }
}

/// The `k` largest of the values pushed: the smallest of them is a threshold that only rises.
struct RisingThreshold {
    private var heap: [Float] = []
    let k: Int

    init(k: Int) {
        self.k = k
        heap.reserveCapacity(k)
    }

    /// The k-th largest value so far; -infinity until there are k.
    var value: Float { heap.count == k && k > 0 ? heap[0] : -.infinity }

    mutating func push(_ x: Float) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(x)
            var i = heap.count - 1
            while i > 0, heap[(i - 1) / 2] > heap[i] { heap.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
        } else if x > heap[0] {
            heap[0] = x
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < k && heap[l] < heap[m] { m = l }
                if r < k && heap[r] < heap[m] { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
    }
}

extension IndexSnapshot {
    /// Bounds are compared with this much room, so a rounding in a sum of bounds never prunes an
    /// article that reaches the threshold exactly.
    static var pruningSlack: Float { 1.0001 }

    /// The articles (alive, not `excluding`) that may reach the threshold, with their exact
    /// BM25F scores, in article order. `accept` is told each article scored in full whose score
    /// reaches the threshold and returns the new threshold. Articles left out score below the
    /// threshold that held when they were passed; in a window the lists read are chosen with the
    /// threshold at its start, so a caller whose threshold may fall (related articles) must read
    /// again up to the end of the window where it fell. Only `articles` are read.
    func maxScore(_ scored: [(term: Int32, qw: Float, idf: Float)], _ p: RankingParameters, excluding: Int32 = -1,
                  in articles: Range<Int32> = 0..<Int32.max,
                  accept: (Int32, Float) -> Float) -> [(doc: Int32, score: Float)] {
        let m = scored.count
        guard m > 0 else { return [] }
        let constants = BM25FConstants(lengthSums: lengthSums, liveCount: liveCount, p)
        let factors = scored.map { $0.qw * $0.idf }
        let lists = scored.map { postings[Int($0.term)] }
        let shares = (0..<m).map { windowShares(scored[$0].term, lists[$0], p, constants) }
        let cursors = PostingCursors(lists)
        defer { cursors.release() }
        if articles.lowerBound > 0 { for t in 0..<m { _ = cursors.seek(t, to: articles.lowerBound) } }
        let shift = windowBounds.shift, size = 1 << shift, words = (size + 63) >> 6
        // A window's scores by term (`t * size + offset`), and which of its articles have any.
        let window = UnsafeMutableBufferPointer<Float>.allocate(capacity: m * size)
        let seen = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: words)
        let added = UnsafeMutableBufferPointer<Float>.allocate(capacity: m)  // by term
        window.initialize(repeating: 0)
        seen.initialize(repeating: 0)
        added.initialize(repeating: 0)
        defer { window.deallocate(); seen.deallocate(); added.deallocate() }
        var bound = [Float](repeating: 0, count: m)  // by term, in the current window
        var order = Array(0..<m)  // the window's terms, smallest bound first
        var below = [Float](repeating: 0, count: m + 1)  // below[i]: what order[..<i] can add together
        var threshold = -Float.infinity
        var out: [(doc: Int32, score: Float)] = []
        let slack = Self.pruningSlack
        docAlive.withUnsafeBufferPointer { alive in
            docLengths.withUnsafeBufferPointer { lengths in
                while true {
                    var first = Int32.max
                    for t in 0..<m { first = min(first, cursors.doc(t)) }
                    if first >= articles.upperBound { break }
                    let number = Int(first) >> shift, lo = number << shift
                    let end = min(Int32(clamping: lo + size), articles.upperBound)
                    var most: Float = 0
                    for t in 0..<m {
                        bound[t] = cursors.doc(t) < end ? factors[t] * (shares[t]?[number] ?? 1) : 0
                        most += bound[t]
                    }
                    if most * slack >= threshold {
                        order.sort { (bound[$0], $0) < (bound[$1], $1) }
                        for i in 0..<m { below[i + 1] = below[i] + bound[order[i]] }
                        var essential = 0  // order[essential...] lead; the others are only looked up
                        while essential < m && below[essential + 1] * slack < threshold { essential += 1 }
                        if essential < m {
                            // The essential lists' postings in the window, term at a time.
                            for i in essential..<m {
                                let t = order[i], factor = factors[t], scores = window.baseAddress! + t * size
                                let (mappedPart, addedPart) = cursors.take(t, below: end)
                                for posting in mappedPart {
                                    let offset = Int(posting.doc) &- lo
                                    scores[offset] = constants.score(posting, length: lengths[Int(posting.doc)], factor: factor)
                                    seen[offset >> 6] |= 1 << UInt64(offset & 63)
                                }
                                for posting in addedPart {
                                    let offset = Int(posting.doc) &- lo
                                    scores[offset] = constants.score(posting, length: lengths[Int(posting.doc)], factor: factor)
                                    seen[offset >> 6] |= 1 << UInt64(offset & 63)
                                }
                            }
                            // Then each article they hold, in article order.
                            for word in 0..<words {
                                var bits = seen[word]
                                seen[word] = 0
                                while bits != 0 {
                                    let offset = word << 6 + bits.trailingZeroBitCount
                                    bits &= bits - 1
                                    let d = Int32(lo + offset)
                                    var partial: Float = 0
                                    for i in essential..<m {
                                        let t = order[i]
                                        added[t] = window[t * size + offset]
                                        window[t * size + offset] = 0
                                        partial += added[t]
                                    }
                                    defer { for t in 0..<m { added[t] = 0 } }
                                    guard alive[Int(d)], d != excluding else { continue }
                                    var reaches = true
                                    var i = essential
                                    while i > 0 {
                                        if (partial + below[i]) * slack < threshold { reaches = false; break }
                                        i -= 1
                                        let t = order[i]
                                        guard cursors.seek(t, to: d) else { continue }
                                        added[t] = constants.score(cursors.posting(t), length: lengths[Int(d)], factor: factors[t])
                                        partial += added[t]
                                    }
                                    guard reaches else { continue }
                                    // In term order, from zero, as `scoreDocuments` adds them.
                                    var s: Float = 0
                                    for t in 0..<m where added[t] != 0 { s += added[t] }
                                    guard s * slack >= threshold else { continue }
                                    out.append((d, s))
                                    threshold = accept(d, s)
                                }
                            }
                        }
                    }
                    // No article of the window can reach the threshold, or every one that could was scored.
                    for t in 0..<m where cursors.doc(t) < end { _ = cursors.seek(t, to: end) }
                }
            }
        }
        return out
    }

    /// The exact BM25F score of article `d`, looked up in each list (the lists of `scored`, in term order).
    func exactScore(_ d: Int32, _ lists: [PostingList], _ factors: [Float], _ constants: BM25FConstants) -> Float {
        let length = docLengths[Int(d)]
        var s: Float = 0
        for t in lists.indices {
            let i = lists[t].seek(d, from: 0)
            guard i < lists[t].count, lists[t][i].doc == d else { continue }
            s += constants.score(lists[t][i], length: length, factor: factors[t])
        }
        return s
    }

    /// The articles of topic group `docGroups[d]` that are alive: the articles about its name
    /// (a group is named after its articles' first focus key), or `d` alone when it has none.
    func groupMembers(of d: Int32) -> [Int32] {
        let g = docGroups[Int(d)]
        guard let key = firstFocusKey(of: d) else { return [d] }
        return focusDocs.articles(key).filter { docGroups[Int($0)] == g && docAlive[Int($0)] }
    }

    /// How many alive articles hold any of the terms or are in `also`: one bit an article.
    func unionCount(_ lists: [PostingList], also: some Sequence<Int32>) -> Int {
        var bits = [UInt64](repeating: 0, count: (docAlive.count + 63) / 64)
        // With no article removed (the usual case) every posting counts: no look-up per posting.
        let allAlive = liveCount == docAlive.count
        docAlive.withUnsafeBufferPointer { alive in
            bits.withUnsafeMutableBufferPointer { bits in
                for list in lists {
                    list.forEachBlock { block in
                        if allAlive {
                            for posting in block { bits[Int(posting.doc) >> 6] |= 1 << UInt64(posting.doc & 63) }
                        } else {
                            for posting in block where alive[Int(posting.doc)] {
                                bits[Int(posting.doc) >> 6] |= 1 << UInt64(posting.doc & 63)
                            }
                        }
                    }
                }
                for d in also where alive[Int(d)] { bits[Int(d) >> 6] |= 1 << UInt64(d & 63) }
            }
        }
        return bits.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}

/// Read positions in several posting lists, over raw buffers: the part of a list in the index
/// file's mapping is read in place; postings added in memory since (always later articles) are
/// copied once, and freed by `release`. A list is read as its mapped part, then its copied part.
final class PostingCursors {
    private let mapped: UnsafeMutablePointer<UnsafePointer<Posting>>
    private let mappedCount: UnsafeMutablePointer<Int>
    private let added: UnsafeMutablePointer<UnsafePointer<Posting>>
    private let count: UnsafeMutablePointer<Int>
    private let at: UnsafeMutablePointer<Int>
    /// The article at each list's position (`Int32.max` past its end), read far more often than moved.
    private let current: UnsafeMutablePointer<Int32>
    private var owned: [UnsafeMutableBufferPointer<Posting>] = []
    /// Where an empty part points: never read (its count is 0), but a pointer must point somewhere.
    private static var nowhere: UnsafePointer<Posting> { UnsafePointer(bitPattern: MemoryLayout<Posting>.alignment)! }

    init(_ postingLists: [PostingList]) {
        let lists = max(postingLists.count, 1)
        mapped = .allocate(capacity: lists)
        mappedCount = .allocate(capacity: lists)
        added = .allocate(capacity: lists)
        count = .allocate(capacity: lists)
        at = .allocate(capacity: lists)
        current = .allocate(capacity: lists)
        for (i, list) in postingLists.enumerated() {
            let inPlace = list.mappedPart
            mapped[i] = inPlace.baseAddress ?? Self.nowhere
            mappedCount[i] = inPlace.count
            added[i] = Self.nowhere
            let inMemory = list.count - inPlace.count
            if inMemory > 0 {
                let copy = UnsafeMutableBufferPointer<Posting>.allocate(capacity: inMemory)
                var n = 0
                list.forEachBlockInMemory { block in
                    _ = UnsafeMutableBufferPointer(rebasing: copy[n..<n + block.count]).initialize(from: block)
                    n += block.count
                }
                owned.append(copy)
                added[i] = UnsafePointer(copy.baseAddress!)
            }
            count[i] = list.count
            at[i] = 0
            current[i] = list.count > 0 ? self[i, 0].doc : .max
        }
    }

    func release() {
        for copy in owned { copy.deallocate() }
        owned = []
        mapped.deallocate(); mappedCount.deallocate(); added.deallocate(); count.deallocate(); at.deallocate(); current.deallocate()
    }

    /// Posting `j` of list `i`.
    @inline(__always) subscript(i: Int, j: Int) -> Posting {
        j < mappedCount[i] ? mapped[i][j] : added[i][j - mappedCount[i]]
    }

    /// The article at list `i`'s position; `Int32.max` when the list is used up.
    @inline(__always) func doc(_ i: Int) -> Int32 { current[i] }

    @inline(__always) func posting(_ i: Int) -> Posting { self[i, at[i]] }

    /// The postings of list `i` from its position up to article `end` (not included), as its
    /// mapped and its copied part; the list moves past them.
    @inline(__always) func take(_ i: Int, below end: Int32) -> (UnsafeBufferPointer<Posting>, UnsafeBufferPointer<Posting>) {
        let from = at[i]
        if current[i] < end { _ = seek(i, to: end) }
        let to = at[i], split = mappedCount[i]
        let first = UnsafeBufferPointer(start: mapped[i] + min(from, split), count: max(0, min(to, split) - from))
        let second = UnsafeBufferPointer(start: added[i] + max(from - split, 0), count: max(0, to - max(from, split)))
        return (first, second)
    }

    /// Moves list `i` to its first article at least `d`; whether it holds `d` itself.
    @inline(__always) func seek(_ i: Int, to d: Int32) -> Bool {
        let n = count[i]
        let low = PostingList.firstAtLeast(d, from: at[i], count: n) { self[i, $0].doc }
        at[i] = low
        current[i] = low < n ? self[i, low].doc : .max
        return current[i] == d
    }
}

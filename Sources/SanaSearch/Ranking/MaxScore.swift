/// Dynamic pruning for BM25F (MaxScore, Turtle & Flood 1995): articles are scored one at a time
/// over all the query's posting lists together; a term can add at most its factor (`w / (k1 + w)`
/// stays below 1), so once the caller's threshold is known, the terms whose bounds together stay
/// under it are only looked up for articles the others already lift near it, and articles that
/// cannot reach it are never scored in full. Scores are summed in the same order as
/// `scoreDocuments`, so every article scored here scores exactly as there.
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
    /// reaches the threshold and returns the new threshold (it never falls). Articles left out
    /// score below the threshold that held when they were passed.
    func maxScore(_ scored: [(term: Int32, qw: Float, idf: Float)], _ p: RankingParameters, excluding: Int32 = -1,
                  accept: (Int32, Float) -> Float) -> [(doc: Int32, score: Float)] {
        let constants = BM25FConstants(lengthSums: lengthSums, liveCount: liveCount, p)
        let m = scored.count
        let lists = scored.map { postings[Int($0.term)] }
        let factors = scored.map { $0.qw * $0.idf }
        let order = (0..<m).sorted { (factors[$0], $0) < (factors[$1], $1) }
        // below[i]: the most that the i terms of smallest bound can add together.
        var below = [Float](repeating: 0, count: m + 1)
        for i in 0..<m { below[i + 1] = below[i] + factors[order[i]] }
        var at = [Int](repeating: 0, count: m)
        var added = [Float](repeating: 0, count: m)
        var threshold = -Float.infinity
        var essential = 0  // order[essential...] lead; the others are only looked up
        var out: [(doc: Int32, score: Float)] = []
        let slack = Self.pruningSlack
        docAlive.withUnsafeBufferPointer { alive in
            docLengths.withUnsafeBufferPointer { lengths in
                while true {
                    var d = Int32.max
                    for i in essential..<m {
                        let t = order[i]
                        if at[t] < lists[t].count { d = min(d, lists[t][at[t]].doc) }
                    }
                    if d == .max { break }
                    let length = lengths[Int(d)]
                    var partial: Float = 0
                    for i in essential..<m {
                        let t = order[i]
                        guard at[t] < lists[t].count else { continue }
                        let posting = lists[t][at[t]]
                        guard posting.doc == d else { continue }
                        added[t] = constants.score(posting, length: length, factor: factors[t])
                        partial += added[t]
                        at[t] += 1
                    }
                    defer { for t in 0..<m { added[t] = 0 } }
                    guard alive[Int(d)], d != excluding else { continue }
                    var reaches = true
                    var i = essential
                    while i > 0 {
                        if (partial + below[i]) * slack < threshold { reaches = false; break }
                        i -= 1
                        let t = order[i]
                        at[t] = lists[t].seek(d, from: at[t])
                        guard at[t] < lists[t].count else { continue }
                        let posting = lists[t][at[t]]
                        guard posting.doc == d else { continue }
                        added[t] = constants.score(posting, length: length, factor: factors[t])
                        partial += added[t]
                    }
                    guard reaches else { continue }
                    // In term order, from zero, as `scoreDocuments` adds them.
                    var s: Float = 0
                    for t in 0..<m where added[t] != 0 { s += added[t] }
                    guard s * slack >= threshold else { continue }
                    out.append((d, s))
                    threshold = accept(d, s)
                    while essential < m && below[essential + 1] * slack < threshold { essential += 1 }
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
        docAlive.withUnsafeBufferPointer { alive in
            bits.withUnsafeMutableBufferPointer { bits in
                for list in lists {
                    list.forEachBlock { block in
                        for posting in block where alive[Int(posting.doc)] {
                            bits[Int(posting.doc) >> 6] |= 1 << UInt64(posting.doc & 63)
                        }
                    }
                }
                for d in also where alive[Int(d)] { bits[Int(d) >> 6] |= 1 << UInt64(d & 63) }
            }
        }
        return bits.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}

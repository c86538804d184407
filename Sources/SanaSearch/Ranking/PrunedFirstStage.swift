import Foundation
import SanaCore

/// The first stage's best articles, the same as `scoreDocuments` then `addBoosts` then
/// `TopK.select` give, without scoring every article that shares a word with the question.
struct FirstStage {
    var top: [Int32]
    /// How many articles matched at all (exact: counted, not scored).
    var total: Int
    var focusOf: [Int32: (key: String, specificity: Float)]
}

extension IndexSnapshot {
    /// The best `k` articles after boosts, by MaxScore (see `maxScore`). The boosts are bounded:
    /// an article outside the focus lists scores at most (1 + groupWeight) × its group's best
    /// BM25F + typeBoost, so only groups whose best article reaches (threshold − typeBoost) /
    /// (1 + groupWeight) can hold one of the best; those groups, and the focus articles' groups,
    /// are then scored in full, so the group shares are exact. Nil when a parameter makes the
    /// bounds unsafe (a negative boost or weight): the caller then scores exhaustively.
    func prunedFirstStage(_ weights: [Int32: Float], focusKeys: [String], wantedMask: UInt32, k: Int,
                          _ p: RankingParameters) -> FirstStage? {
        let scored = scoredTerms(weights)
        guard p.groupWeight >= 0, p.typeBoost >= 0, p.k1 > 0, p.fieldWeights.min() > 0,
              scored.allSatisfy({ $0.qw > 0 }) else { return nil }
        let constants = BM25FConstants(lengthSums: lengthSums, liveCount: liveCount, p)
        let lists = scored.map { postings[Int($0.term)] }
        let factors = scored.map { $0.qw * $0.idf }
        let gw = p.groupWeight, tb = p.typeBoost
        @Sendable func wanted(_ d: Int32) -> Bool { docTypes[Int(d)] & wantedMask != 0 }
        // The best BM25F a group needs to hold an article that reaches `threshold`; lowered by
        // more than any rounding of the scores' sums, since the difference may be small.
        @Sendable func groupFloor(_ threshold: Float) -> Float { (threshold - tb) / (1 + gw) - 1e-4 * abs(threshold) }

        // Focus boosts in the order `addBoosts` adds them.
        var focusSteps: [Int32: [Float]] = [:]
        var focusOf: [Int32: (key: String, specificity: Float)] = [:]
        forEachFocusBoost(focusKeys, p) { d, key, boost, specificity in
            focusSteps[d, default: []].append(boost)
            focusOf[d] = (focusOf[d]?.key ?? key, max(focusOf[d]?.specificity ?? 0, specificity))
        }
        var scoreOf: [Int32: Float] = [:]
        // A lower bound of each article's boosted score (its group's best is at least its own).
        var threshold = RisingThreshold(k: k)
        let roundingRoom: Float = 0.99999
        for (d, steps) in focusSteps {
            let s = exactScore(d, lists, factors, constants)
            scoreOf[d] = s
            let own = s > 0 ? s * (1 + gw) : 0
            threshold.push((own + (wanted(d) ? tb : 0) + steps.reduce(0, +)) * roundingRoom)
        }
        let steps = focusSteps
        @Sendable func lowerBound(_ d: Int32, _ s: Float) -> Float { (s * (1 + gw) + (wanted(d) ? tb : 0)) * roundingRoom }
        let slices = articleSlices(postings: lists.reduce(0) { $0 + $1.count }, p)
        var collected: [(doc: Int32, score: Float)] = []
        if slices.count == 1 {
            collected = maxScore(scored, p) { d, s in
                if steps[d] == nil { threshold.push(lowerBound(d, s)) }
                return groupFloor(threshold.value)
            }
        } else {
            // Each slice raises its own copy of the threshold: lower than one over every article
            // would be, so a slice prunes less, never wrongly. The slices are in article order.
            var parts = [[(doc: Int32, score: Float)]](repeating: [], count: slices.count)
            let start = threshold
            parts.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: slices.count) { i in
                    var local = start
                    out[i] = maxScore(scored, p, in: slices[i]) { d, s in
                        if steps[d] == nil { local.push(lowerBound(d, s)) }
                        return groupFloor(local.value)
                    }
                }
            }
            collected = parts.flatMap { $0 }
            for (d, s) in collected where steps[d] == nil { threshold.push(lowerBound(d, s)) }
        }
        let floor = groupFloor(threshold.value)
        for (d, s) in collected { scoreOf[d] = s }

        // Every article of the groups that may hold one of the best, scored exactly.
        var expanded: Set<Int32> = []
        var candidates: [Int32] = []
        for d in collected.lazy.filter({ $0.score * Self.pruningSlack >= floor }).map(\.doc) + Array(focusSteps.keys) {
            guard expanded.insert(docGroups[Int(d)]).inserted else { continue }
            candidates += groupMembers(of: d)
        }
        var groupBest: [Int32: Float] = [:]
        for d in candidates {
            let s = scoreOf[d] ?? exactScore(d, lists, factors, constants)
            scoreOf[d] = s
            if s > 0 { groupBest[docGroups[Int(d)]] = max(groupBest[docGroups[Int(d)], default: 0], s) }
        }
        let boosted = candidates.lazy.map { d -> (key: Int32, value: Float) in
            let s = scoreOf[d] ?? 0
            var b = s
            if s != 0 {
                if gw > 0 { b += gw * (groupBest[self.docGroups[Int(d)]] ?? 0) }
                if b > 0 && wanted(d) { b += tb }
            }
            for boost in focusSteps[d] ?? [] {
                if b == 0 && wanted(d) { b += tb }
                b += boost
            }
            return (key: d, value: b)
        }
        let top = TopK.select(boosted.filter { $0.value > 0 }, k, by: TopK.higherScore).map(\.key)
        return FirstStage(top: top, total: unionCount(lists, also: focusSteps.keys), focusOf: focusOf)
    }

    /// The article ranges a long question's first stage is split into, one a thread: at most
    /// `searchThreads`, one for each `slicePostings` postings, cut at window edges so that no
    /// window is read by two slices. One range (every article) when the question is short.
    func articleSlices(postings: Int, _ p: RankingParameters) -> [Range<Int32>] {
        let parts = min(max(1, p.searchThreads), postings / max(1, p.slicePostings))
        let shift = windowBounds.shift, windows = (docRecord.count + (1 << shift) - 1) >> shift
        let ranges = WorkSplit.ranges(count: windows, parts: parts)
        guard ranges.count > 1 else { return [0..<Int32.max] }
        return ranges.enumerated().map { i, r in
            Int32(r.lowerBound << shift)..<(i == ranges.count - 1 ? Int32.max : Int32(r.upperBound << shift))
        }
    }
}

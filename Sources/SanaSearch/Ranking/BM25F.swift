import Foundation

extension IndexSnapshot {
    /// BM25F: per-field term frequencies normalised by field length, weighted, then saturated once.
    /// The scored articles come back in `touched`; when the question's posting lists cover much of
    /// the index they are found afterwards by one pass over the scores, in article order, which
    /// spares the scoring loop a branch and later passes their random reads.
    func scoreDocuments(_ queryWeights: [Int32: Float], _ p: RankingParameters) -> (scores: [Float], touched: [Int32]) {
        let n = Float(max(liveCount, 1))
        let average = lengthSums / n
        let safeAverage = SIMD4<Float>(max(average[0], 1), max(average[1], 1), max(average[2], 1), max(average[3], 1))
        var dense = scratch.take(docRecord.count)
        var touched: [Int32] = []
        let bOverAverage = p.fieldB / safeAverage, oneMinusB = 1 - p.fieldB, weights = p.fieldWeights, k1 = p.k1
        let scored = scoredTerms(queryWeights)
        let postingCount = scored.reduce(0) { $0 + postings[Int($1.term)].count }
        let scan = postingCount > docRecord.count
        if !scan { touched.reserveCapacity(postingCount) }
        docLengths.withUnsafeBufferPointer { lengths in
            docAlive.withUnsafeBufferPointer { alive in
                dense.withUnsafeMutableBufferPointer { scores in
                    for (term, qw, idf) in scored {
                        let factor = qw * idf
                        postings[Int(term)].forEachBlock { list in
                            for posting in list {
                                let d = Int(posting.doc)
                                guard alive[d] else { continue }
                                let norm = oneMinusB + lengths[d] * bOverAverage
                                let weighted = (weights * posting.tf / norm).sum()
                                let before = scores[d]
                                if !scan && before == 0 { touched.append(posting.doc) }
                                scores[d] = before + factor * weighted / (k1 + weighted)
                            }
                        }
                    }
                    if scan {
                        touched.reserveCapacity(min(postingCount, scores.count))
                        for d in scores.indices where scores[d] != 0 { touched.append(Int32(d)) }
                    }
                }
            }
        }
        return (dense, touched)
    }

    /// How many postings the scored terms of `queryWeights` have.
    func postingCount(_ queryWeights: [Int32: Float]) -> Int {
        scoredTerms(queryWeights).reduce(0) { $0 + postings[Int($1.term)].count }
    }

    /// The terms a question scores: every term of `keeping` (the names it asks about) and, of the
    /// others, the `limit` that weigh most (weight × idf); all of them when it is 0. The
    /// terms left out are the commonest of a long message, with the longest posting lists; a
    /// name's terms are never among them, though a long story holds rarer words ("estranged"
    /// beside "congenital diaphragmatic hernia").
    func cappedWeights(_ weights: [Int32: Float], keeping: Set<Int32>, limit: Int) -> [Int32: Float] {
        let others = weights.filter { !keeping.contains($0.key) }
        guard limit > 0, others.count > limit else { return weights }
        let ranked = others.map { term, qw in (weight: qw * idf(of: term), term: term) }
            .sorted { ($0.weight, $1.term) > ($1.weight, $0.term) }
        var out = weights.filter { keeping.contains($0.key) }
        for r in ranked.prefix(limit) { out[r.term] = weights[r.term] }
        return out
    }

    /// BM25's idf of an index term. Postings of removed and edited articles stay until
    /// compaction; unclamped, a term of an article edited twice in a small index counted more
    /// articles than exist and lost its weight (or became NaN).
    func idf(of term: Int32) -> Float {
        let n = Float(max(liveCount, 1))
        let df = min(Float(postings[Int(term)].count), n)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The query terms with their weights and idf, none with no weight left (a question's terms
    /// are first cut to a few by `cappedWeights`).
    func scoredTerms(_ queryWeights: [Int32: Float]) -> [(term: Int32, qw: Float, idf: Float)] {
        var scored = queryWeights.map { term, qw in (term: term, qw: qw, idf: idf(of: term)) }
        scored.removeAll { $0.idf <= 0 }
        // Summed in term order, not the dictionary's: a Float sum depends on its order, and a
        // dictionary's order on its insertion history, so the same index loaded from its file
        // would otherwise score in the last digits differently from the one built in memory.
        scored.sort { $0.term < $1.term }
        return scored
    }
}

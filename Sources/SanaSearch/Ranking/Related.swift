import SanaCore

/// An article similar to another, for "related articles".
public struct RelatedArticle: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var summary: String
}

extension IndexSnapshot {
    /// Postings one related-articles query may score. An article's words include very common ones
    /// (in a million articles, some are in most of them); like Lucene's MoreLikeThis (its maximum
    /// document frequency), the commonest give way, so an uncached article page does bounded work.
    /// Far above what any article of a MedQuAD-sized index needs, so small sites are unaffected.
    static var relatedPostingBudget: Int { 100_000 }

    /// The `limit` published articles most similar to article `id`: BM25F over its title, focus
    /// and most frequent words, plus a bonus for sharing its focus and its category. Computed from
    /// the current index, so it follows every update. Empty when the article is not indexed.
    func related(to id: String, limit: Int = 8) -> [RelatedArticle] {
        guard let n = docNumber[id] else { return [] }
        let doc = document(n)
        var weights: [Int32: Float] = [:]
        var cache = TermCache()
        for text in [doc.title, doc.focus ?? ""] {
            TextAnalyzer.forEachToken(text) { token in
                if let t = cache.term(token), let tid = termIDs[t] { weights[tid, default: 0] += 1 }
            }
        }
        for tid in doc.keyTerms { weights[tid, default: 0] += 0.5 }
        weights = withinPostingBudget(weights, Self.relatedPostingBudget)
        var parameters = RankingParameters()
        parameters.maxQueryTerms = 0  // an article's key terms all count
        let ranked = prunedRelated(n, weights, parameters, k: limit * 3)
        var seen: Set<String> = [doc.summary]
        var out: [RelatedArticle] = []
        for (d, _) in ranked where out.count < limit {
            guard seen.insert(summary(of: d)).inserted else { continue }
            let other = document(d)
            out.append(RelatedArticle(id: other.id, slug: other.slug, title: other.title, summary: other.summary))
        }
        return out
    }

    /// Bonuses for sharing article `n`'s topic group and its category, as shares of `top`.
    @inline(__always)
    func relatedScore(_ d: Int32, _ s: Float, like n: Int32, top: Float) -> Float {
        var bonus: Float = 0
        if docGroups[Int(d)] == docGroups[Int(n)] { bonus += 0.3 * top }
        if docCategory[Int(d)] == docCategory[Int(n)] { bonus += 0.1 * top }
        return s + bonus
    }

    /// The best `k` articles like article `n`, scoring every article that shares a term.
    func exhaustiveRelated(_ n: Int32, _ weights: [Int32: Float], _ p: RankingParameters, k: Int) -> [(key: Int32, value: Float)] {
        let (dense, touched) = scoreDocuments(weights, p)
        // Scores are read from the dense array in place: a dictionary of every touched article
        // cost more than the scoring once terms reach a large part of a big index.
        var top: Float = 0
        for d in touched where d != n { top = max(top, dense[Int(d)]) }
        let ranked = TopK.select(touched.lazy.filter { $0 != n }.map { d -> (key: Int32, value: Float) in
            (key: d, value: self.relatedScore(d, dense[Int(d)], like: n, top: top))
        }, k, by: TopK.higherScore)
        scratch.give(consume dense, written: touched)
        return ranked
    }

    /// The same as `exhaustiveRelated`, by MaxScore in two passes: the first finds the best score
    /// (`top`, which the bonuses are shares of) and the k-th best; the second keeps what the
    /// bonuses can lift that far. The bonus for the category is at most 0.1 × top; the articles
    /// of `n`'s own group (up to 0.4 × top) are scored apart, in full.
    func prunedRelated(_ n: Int32, _ weights: [Int32: Float], _ p: RankingParameters, k: Int) -> [(key: Int32, value: Float)] {
        let scored = scoredTerms(weights, p)
        guard p.k1 > 0, p.fieldWeights.min() > 0, scored.allSatisfy({ $0.qw > 0 }) else {
            return exhaustiveRelated(n, weights, p, k: k)
        }
        var best = RisingThreshold(k: k)
        var top: Float = 0
        _ = maxScore(scored, p, excluding: n) { _, s in
            best.push(s)
            top = max(top, s)
            return best.value
        }
        let constants = BM25FConstants(lengthSums: lengthSums, liveCount: liveCount, p)
        let lists = scored.map { postings[Int($0.term)] }, factors = scored.map { $0.qw * $0.idf }
        let group = docGroups[Int(n)]
        var ranked: [(key: Int32, value: Float)] = []
        var threshold = RisingThreshold(k: k)
        for d in groupMembers(of: n) where d != n {
            let s = exactScore(d, lists, factors, constants)
            guard s > 0 else { continue }
            ranked.append((d, relatedScore(d, s, like: n, top: top)))
            threshold.push(ranked[ranked.count - 1].value)
        }
        // Lowered by more than any rounding of the sums, since the difference may be small.
        let room = 1e-4 * top
        let floor = best.value - 0.1 * top - room
        for (d, s) in maxScore(scored, p, excluding: n, accept: { d, s in
            if docGroups[Int(d)] != group { threshold.push(relatedScore(d, s, like: n, top: top)) }
            return max(floor, threshold.value - 0.1 * top - room)
        }) where docGroups[Int(d)] != group {
            ranked.append((d, relatedScore(d, s, like: n, top: top)))
        }
        return TopK.select(ranked, k, by: TopK.higherScore)
    }

    /// The terms of `weights`, rarest first, while their postings fit in `budget` (the rarest
    /// always); all of them when they fit.
    func withinPostingBudget(_ weights: [Int32: Float], _ budget: Int) -> [Int32: Float] {
        let total = weights.keys.reduce(0) { $0 + postings[Int($1)].count }
        guard total > budget else { return weights }
        var kept: [Int32: Float] = [:]
        var spent = 0
        for term in weights.keys.sorted(by: { (postings[Int($0)].count, $0) < (postings[Int($1)].count, $1) }) {
            let count = postings[Int(term)].count
            if !kept.isEmpty && spent + count > budget { break }
            kept[term] = weights[term]
            spent += count
        }
        return kept
    }
}

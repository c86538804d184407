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

    /// The same as `exhaustiveRelated`, by MaxScore. The bonuses are shares of `top` (the best
    /// score), known only at the end, so the pass prunes with what it knows so far: an article
    /// without `n`'s group must score at least the k-th best lower bound of a final score minus
    /// the category bonus (0.1 × top). That bound falls when `top` rises, so articles passed
    /// before the best article's window were held to a higher one; that stretch alone is read
    /// again with the final bound (on average half the articles, where two full passes read all
    /// of them twice). The bound never exceeds `top`, so the best article is always scored.
    /// `n`'s own group (up to 0.4 × top) is scored apart, in full.
    func prunedRelated(_ n: Int32, _ weights: [Int32: Float], _ p: RankingParameters, k: Int) -> [(key: Int32, value: Float)] {
        let scored = scoredTerms(weights)
        guard p.k1 > 0, p.fieldWeights.min() > 0, scored.allSatisfy({ $0.qw > 0 }) else {
            return exhaustiveRelated(n, weights, p, k: k)
        }
        let constants = BM25FConstants(lengthSums: lengthSums, liveCount: liveCount, p)
        let lists = scored.map { postings[Int($0.term)] }, factors = scored.map { $0.qw * $0.idf }
        let group = docGroups[Int(n)]
        var members: [(doc: Int32, score: Float)] = []
        var top: Float = 0
        for d in groupMembers(of: n) where d != n {
            let s = exactScore(d, lists, factors, constants)
            if s > 0 { members.append((d, s)); top = max(top, s) }
        }
        // Lower bounds of final scores (their bonuses with the `top` known so far).
        var threshold = RisingThreshold(k: k)
        for (d, s) in members { threshold.push(relatedScore(d, s, like: n, top: top)) }
        // Lowered by more than any rounding of the sums, since the difference may be small.
        func bound() -> Float { threshold.value - 0.1 * top - 1e-4 * top }
        var topAt: Int32 = -1  // the article that raised `top` last
        var scores: [Int32: Float] = [:]
        for (d, s) in maxScore(scored, p, excluding: n, accept: { d, s in
            if s > top { top = s; topAt = d }
            if docGroups[Int(d)] != group { threshold.push(relatedScore(d, s, like: n, top: top)) }
            // Never above `top`: the best article must be scored, as the bonuses are its shares.
            return min(bound(), top)
        }) { scores[d] = s }
        if topAt >= 0 {
            // Up to the end of the window where `top` last rose, the pass may have held articles
            // to a bound above the final one (also how it chose that window's lists).
            let size = Int32(1) << Int32(windowBounds.shift)
            let end = (topAt / size + 1) * size
            let final = bound()
            for (d, s) in maxScore(scored, p, excluding: n, in: 0..<end, accept: { _, _ in final }) { scores[d] = s }
        }
        var ranked = members.map { (key: $0.doc, value: relatedScore($0.doc, $0.score, like: n, top: top)) }
        for (d, s) in scores where docGroups[Int(d)] != group { ranked.append((d, relatedScore(d, s, like: n, top: top))) }
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

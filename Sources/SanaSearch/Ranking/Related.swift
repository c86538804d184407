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
        let (dense, touched) = scoreDocuments(weights, parameters)
        // Scores are read from the dense array in place: a dictionary of every touched article
        // cost more than the scoring once terms reach a large part of a big index.
        var top: Float = 0
        for d in touched where d != n { top = max(top, dense[Int(d)]) }
        let group = docGroups[Int(n)], category = docCategory[Int(n)]
        let ranked = TopK.select(touched.lazy.filter { $0 != n }.map { d -> (key: Int32, value: Float) in
            var bonus: Float = 0
            if self.docGroups[Int(d)] == group { bonus += 0.3 * top }
            if self.docCategory[Int(d)] == category { bonus += 0.1 * top }
            return (key: d, value: dense[Int(d)] + bonus)
        }, limit * 3, by: TopK.higherScore)
        scratch.give(consume dense, written: touched)
        var seen: Set<String> = [doc.summary]
        var out: [RelatedArticle] = []
        for (d, _) in ranked where out.count < limit {
            guard seen.insert(summary(of: d)).inserted else { continue }
            let other = document(d)
            out.append(RelatedArticle(id: other.id, slug: other.slug, title: other.title, summary: other.summary))
        }
        return out
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

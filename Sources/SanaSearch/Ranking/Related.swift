import SanaCore

/// An article similar to another, for "related articles".
public struct RelatedArticle: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var summary: String
}

extension IndexSnapshot {
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
        var parameters = RankingParameters()
        parameters.maxQueryTerms = 0  // an article's key terms all count
        let (dense, touched) = scoreDocuments(weights, parameters)
        var scores: [Int32: Float] = [:]
        for d in touched where d != n { scores[d] = dense[Int(d)] }
        scratch.give(consume dense, written: touched)
        let top = scores.values.max() ?? 0
        for (d, s) in scores {
            var bonus: Float = 0
            if docGroups[Int(d)] == docGroups[Int(n)] { bonus += 0.3 * top }
            if docCategory[Int(d)] == docCategory[Int(n)] { bonus += 0.1 * top }
            scores[d] = s + bonus
        }
        var seen: Set<String> = [doc.summary]
        var out: [RelatedArticle] = []
        for (d, _) in TopK.select(scores, limit * 3) where out.count < limit {
            guard seen.insert(summary(of: d)).inserted else { continue }
            let other = document(d)
            out.append(RelatedArticle(id: other.id, slug: other.slug, title: other.title, summary: other.summary))
        }
        return out
    }
}

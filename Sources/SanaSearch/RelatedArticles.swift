/// Chooses the related articles an article page lists.
///
/// Until the answer engine exists, "related" means: the articles the source page itself named
/// (its related excerpts), then the nearest articles of the same category in reading order. The
/// engine's similarity (shared focus, weighted terms) will replace the second part.
public enum RelatedArticles {
    /// An article of the same category and its place in the category's reading order.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var position: Int
        public init(id: String, position: Int) { self.id = id; self.position = position }
    }

    /// Ids in display order: `named` first, then the candidates closest to `position` (earlier
    /// ones first on ties), never the article itself, no repeats, at most `limit`.
    public static func pick(for id: String, at position: Int, named: [String], sameCategory: [Candidate], limit: Int = 8) -> [String] {
        var out: [String] = []
        var seen: Set<String> = [id]
        for n in named where seen.insert(n).inserted { out.append(n) }
        let nearest = sameCategory.sorted {
            let (da, db) = (abs($0.position - position), abs($1.position - position))
            return da != db ? da < db : ($0.position, $0.id) < ($1.position, $1.id)
        }
        for c in nearest where seen.insert(c.id).inserted { out.append(c.id) }
        return Array(out.prefix(limit))
    }
}

import SanaCore

/// Equivalent answers: MedQuAD repeats one answer under several collections (GARD and GHR,
/// GARD and NINDS) and near-identical sibling pages. Two candidates are equivalent when their
/// summaries are the same text, or when they are about the same focus, answer the same kinds of
/// question and their summaries share most of their word triples. Equivalence is closed under
/// chains (A ≈ B ≈ C puts all three in one set); the set shows as one answer, "also on" the rest.
enum Duplicates {
    /// Share of word triples two summaries must share (Jaccard) to be near-identical.
    static let minimumOverlap = 0.5

    /// For each candidate, the index of the first candidate of its set of equivalents.
    /// `group` and `types` say what an article is about and which kinds of question it answers.
    static func clusters(summaries: [String], group: [Int32], types: [UInt32]) -> [Int] {
        var parent = Array(summaries.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var firstWithText: [String: Int] = [:]
        for (i, s) in summaries.enumerated() where !s.isEmpty {
            if let j = firstWithText[s] { join(j, i) } else { firstWithText[s] = i }
        }
        let shingles = summaries.map(triples)
        var byTopic: [Int64: [Int]] = [:]
        for i in summaries.indices { byTopic[Int64(group[i]) << 32 | Int64(types[i]), default: []].append(i) }
        for members in byTopic.values where members.count > 1 {
            for (x, i) in members.enumerated() {
                for j in members[(x + 1)...] where root(i) != root(j) {
                    if overlap(shingles[i], shingles[j]) >= minimumOverlap { join(i, j) }
                }
            }
        }
        return summaries.indices.map(root)
    }

    /// The text's lower-cased word triples (single words for texts under three words).
    static func triples(_ text: String) -> Set<String> {
        let words = TextAnalyzer.tokens(text)
        guard words.count >= 3 else { return Set(words) }
        return Set((0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") })
    }

    /// Jaccard overlap of two sets (0 when both are empty).
    static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}

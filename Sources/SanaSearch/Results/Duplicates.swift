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
        firstWithText.reserveCapacity(summaries.count)
        for (i, s) in summaries.enumerated() where !s.isEmpty {
            if let j = firstWithText[s] { join(j, i) } else { firstWithText[s] = i }
        }
        var byTopic: [Int64: [Int]] = [:]
        byTopic.reserveCapacity(summaries.count)
        for i in summaries.indices { byTopic[Int64(group[i]) << 32 | Int64(types[i]), default: []].append(i) }
        // Triples only of candidates that share a topic with another: most stand alone.
        var shingles = [[Int]](repeating: [], count: summaries.count)
        for members in byTopic.values where members.count > 1 {
            for i in members { shingles[i] = triples(summaries[i]) }
            for (x, i) in members.enumerated() {
                for j in members[(x + 1)...] where root(i) != root(j) {
                    if overlap(shingles[i], shingles[j]) >= minimumOverlap { join(i, j) }
                }
            }
        }
        return summaries.indices.map(root)
    }

    /// The text's distinct word triples, hashed, in order (single words for texts under three
    /// words). Words are runs of letters and digits, compared without case, read straight from
    /// the UTF-8: this runs for a hundred summaries a search, where building strings (or sets)
    /// cost more than the rest.
    static func triples(_ text: String) -> [Int] {
        var words: [UInt64] = []
        var h: UInt64 = 0xcbf2_9ce4_8422_2325, inWord = false
        for byte in text.utf8 {
            let b = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 {
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
                inWord = true
            } else if inWord {
                words.append(h)
                (h, inWord) = (0xcbf2_9ce4_8422_2325, false)
            }
        }
        if inWord { words.append(h) }
        var out: [Int]
        if words.count < 3 {
            out = words.map { Int(truncatingIfNeeded: $0) }
        } else {
            out = []
            out.reserveCapacity(words.count - 2)
            for i in 0...(words.count - 3) {
                let mixed = words[i] &* 31 &+ words[i + 1] &* 0x9E37_79B9_7F4A_7C15 &+ (words[i + 2] << 17 | words[i + 2] >> 47)
                out.append(Int(truncatingIfNeeded: mixed))
            }
        }
        out.sort()
        var unique = 0
        for k in out.indices where unique == 0 || out[unique - 1] != out[k] {
            out[unique] = out[k]
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    /// Jaccard overlap of two sorted sets (0 when both are empty), by one merge.
    static func overlap(_ a: [Int], _ b: [Int]) -> Double {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        let union = a.count + b.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }
}

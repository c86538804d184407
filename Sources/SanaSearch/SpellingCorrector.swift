/// Typo tolerance: a question word missing from the vocabulary is matched to vocabulary words
/// within edit distance 1 (words of 4+ letters) or 2 (8+ letters), transpositions counting as one.
struct SpellingCorrector {
    /// Vocabulary words by first letter and length, with how often each occurs.
    private var buckets: [UInt8: [Int: [(word: [UInt8], count: Int)]]] = [:]
    private var counts: [String: Int] = [:]

    func contains(_ word: String) -> Bool { counts[word] != nil }

    mutating func add(_ word: String) {
        guard word.utf8.count >= 3, word.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) }) else { return }
        if let c = counts[word] {
            counts[word] = c + 1
            return
        }
        counts[word] = 1
        let bytes = Array(word.utf8)
        buckets[bytes[0], default: [:]][bytes.count, default: []].append((bytes, 0))
    }

    /// The most frequent vocabulary word at the smallest allowed distance, or nil.
    func correct(_ word: String) -> (word: String, distance: Int)? {
        let bytes = Array(word.utf8)
        guard bytes.count >= 4, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), counts[word] == nil else { return nil }
        let maxDistance = bytes.count >= 8 ? 2 : 1
        var best: (word: String, distance: Int, count: Int)? = nil
        // Typos rarely change the first letter; the second-letter buckets catch a swapped first pair.
        var firstLetters = [bytes[0]]
        if bytes[1] != bytes[0] { firstLetters.append(bytes[1]) }
        for first in firstLetters {
            guard let byLength = buckets[first] else { continue }
            for length in (bytes.count - maxDistance)...(bytes.count + maxDistance) {
                for candidate in byLength[length] ?? [] {
                    let d = Self.distance(bytes, candidate.word, limit: maxDistance)
                    guard d <= maxDistance else { continue }
                    let text = String(decoding: candidate.word, as: UTF8.self)
                    let count = counts[text] ?? 0
                    if best == nil || d < best!.distance || (d == best!.distance && count > best!.count) {
                        best = (text, d, count)
                    }
                }
            }
        }
        return best.map { ($0.word, $0.distance) }
    }

    /// Optimal string alignment distance, giving up once it must exceed `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(b.count, 1) where j <= b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

/// Typo tolerance: a question word missing from the vocabulary is matched to vocabulary words
/// within edit distance 1 (words of 4+ letters) or 2 (8+ letters), transpositions counting as one.
struct SpellingCorrector {
    /// Vocabulary words of one first letter and length, with the set of letters each holds, apart:
    /// most candidates are turned away by their letters alone, without touching (retaining) the word.
    private struct Bucket {
        var letters: [UInt32] = []
        var words: [[UInt8]] = []
    }

    /// Vocabulary words by first letter and length.
    private var buckets: [UInt8: [Int: Bucket]] = [:]
    private var known: Set<String> = []

    func contains(_ word: String) -> Bool { known.contains(word) }

    mutating func add(_ word: String) {
        guard word.utf8.count >= 3, word.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) }) else { return }
        guard known.insert(word).inserted else { return }
        let bytes = Array(word.utf8)
        buckets[bytes[0], default: [:]][bytes.count, default: Bucket()].letters.append(Self.letters(bytes))
        buckets[bytes[0]]![bytes.count]!.words.append(bytes)
    }

    /// The vocabulary word at the smallest allowed distance that `frequency` rates highest, or
    /// nil. Conservative: the correction keeps the word's first two letters (a typo that changes
    /// them, "pamplets" → "pimples", is as likely another word), and another word as near and
    /// at least a tenth as common makes the guess a coin toss ("recove": remove or recover), so nil.
    func correct(_ word: String, frequency: (String) -> Int) -> (word: String, distance: Int)? {
        let bytes = Array(word.utf8)
        guard bytes.count >= 4, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), !known.contains(word) else { return nil }
        let maxDistance = bytes.count >= 8 ? 2 : 1
        let letters = Self.letters(bytes)
        var best: (word: String, distance: Int, count: Int)? = nil
        var runnerUp = 0
        // Typos rarely change the first letter; the second-letter buckets catch a swapped first pair.
        var firstLetters = [bytes[0]]
        if bytes[1] != bytes[0] { firstLetters.append(bytes[1]) }
        for first in firstLetters {
            guard let byLength = buckets[first] else { continue }
            for length in (bytes.count - maxDistance)...(bytes.count + maxDistance) {
                guard let bucket = byLength[length] else { continue }
                for i in bucket.letters.indices {
                    // One edit changes whether at most two letters occur: a cheap test first.
                    guard (bucket.letters[i] ^ letters).nonzeroBitCount <= 2 * maxDistance else { continue }
                    let d = Self.distance(bytes, bucket.words[i], limit: maxDistance)
                    guard d <= maxDistance else { continue }
                    let text = String(decoding: bucket.words[i], as: UTF8.self)
                    let count = frequency(text)
                    if best == nil || d < best!.distance {
                        runnerUp = 0
                        best = (text, d, count)
                    } else if d == best!.distance {
                        if count > best!.count { runnerUp = best!.count; best = (text, d, count) } else { runnerUp = max(runnerUp, count) }
                    }
                }
            }
        }
        guard let best, best.word.utf8.prefix(2).elementsEqual(bytes.prefix(2)), runnerUp * 10 < best.count else { return nil }
        return (best.word, best.distance)
    }

    /// Which letters a lower-case ASCII word holds, one bit each.
    static func letters(_ word: [UInt8]) -> UInt32 {
        word.reduce(0) { $0 | 1 << UInt32(($1 &- 0x61) & 31) }
    }

    /// Optimal string alignment distance, giving up once it must exceed `limit`. Rows live in
    /// one stack buffer: this runs for thousands of candidates per misspelt word.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { buffer in
            var previous2 = buffer.baseAddress!
            var previous = previous2 + width
            var current = previous + width
            for j in 0..<width { previous[j] = j; previous2[j] = 0 }
            for i in 1...a.count {
                current[0] = i
                var rowMin = i
                let ai = a[i - 1]
                for j in 1..<width {
                    let bj = b[j - 1]
                    var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai == bj ? 0 : 1))
                    if i > 1, j > 1, ai == b[j - 2], a[i - 2] == bj { v = min(v, previous2[j - 2] + 1) }
                    current[j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return limit + 1 }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return previous[b.count]
        }
    }
}

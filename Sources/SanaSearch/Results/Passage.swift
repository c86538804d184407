import SanaCore

/// A section as the index keeps it: enough to choose the passage that answers and cut a snippet,
/// without keeping (or re-parsing) the article's Markdown.
struct IndexedSection {
    var heading: String?
    var aspect: Aspect
    /// The section's distinct term ids, sorted.
    var terms: [Int32]
    /// The opening of the section's plain text, single-spaced, as UTF-8.
    var text: [UInt8]

    init(heading: String?, aspect: Aspect, terms: [Int32], text: [UInt8]) {
        self.heading = heading
        self.aspect = aspect
        self.terms = terms
        self.text = text
    }

    init(_ section: Section, terms: [Int32]) {
        heading = section.heading
        aspect = section.aspect
        self.terms = terms.sorted()
        let plain = section.text.prefix(Passage.snippetScan)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(plain.utf8.count, Passage.snippetScan))
        var pendingSpace = false
        for b in plain.utf8 {
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { pendingSpace = !bytes.isEmpty; continue }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(b)
        }
        text = bytes
    }

    func hits(_ query: [Int32]) -> Int {
        var n = 0
        for t in query where binarySearch(t) { n += 1 }
        return n
    }

    private func binarySearch(_ t: Int32) -> Bool {
        var lo = 0, hi = terms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if terms[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo < terms.count && terms[lo] == t
    }
}

/// The written forms of a question's terms, for finding them in running text by bytes.
struct SurfaceForms {
    /// Forms by their length in bytes: a word of running text is compared only with forms as long.
    private var byLength: [[[UInt8]]] = []

    init(_ forms: some Sequence<String>) {
        for f in forms {
            let n = f.utf8.count
            if n >= byLength.count { byLength += Array(repeating: [], count: n + 1 - byLength.count) }
            byLength[n].append(Array(f.utf8))
        }
    }

    func contains(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count < byLength.count else { return false }
        return byLength[word.count].contains { $0.elementsEqual(word) }
    }
}

/// Picks the section that best answers a question and cuts a snippet around the matched words.
enum Passage {
    static let snippetLength = 200
    /// How much of each section's opening the snippet is chosen from.
    static let snippetScan = 2000

    static func best(in doc: IndexedDoc, termIDs: [Int32], forms: SurfaceForms, aspects: Set<Aspect>) -> (IndexedSection, String, [[Int]]) {
        guard var best = doc.sections.first else {
            let s = IndexedSection(Section(heading: nil, aspect: .overview, text: doc.summary), terms: [])
            return (s, doc.summary, [])
        }
        var bestScore = -1.0
        for s in doc.sections {
            let score = Double(s.hits(termIDs)) + (aspects.contains(s.aspect) ? 1.5 : 0)
            if score > bestScore { best = s; bestScore = score }
        }
        let (snippet, highlights) = snippet(of: best.text, forms: forms)
        return (best, snippet, highlights)
    }

    /// Whether a word of running text is a matched token: ASCII words (nearly all) are lower-cased
    /// and stripped of punctuation into `scratch`; others go through the full tokenizer.
    static func wordMatches(_ word: ArraySlice<UInt8>, _ forms: SurfaceForms, _ scratch: inout [UInt8]) -> Bool {
        // `scratch` is written by index up to `n`, never resized per word (removeAll and append
        // cost more than the comparison itself).
        if scratch.count < word.count { scratch = Array(repeating: 0, count: word.count) }
        var n = 0
        for b in word {
            switch b {
            case 0x41...0x5A: scratch[n] = b + 0x20; n += 1
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x27: scratch[n] = b; n += 1
            case 0x80...:
                var hit = false
                TextAnalyzer.forEachToken(String(decoding: word, as: UTF8.self)) { if !hit && forms.contains(Array($0.utf8)[...]) { hit = true } }
                return hit
            default: break
            }
        }
        while n > 0, scratch[n - 1] == 0x2D || scratch[n - 1] == 0x27 { n -= 1 }
        if n >= 2, scratch[n - 2] == 0x27, scratch[n - 1] == 0x73 { n -= 2 }
        var cleaned = scratch[0..<n]
        if cleaned.contains(0x27) { cleaned.removeAll { $0 == 0x27 } }
        guard !cleaned.isEmpty else { return false }
        if forms.contains(cleaned) { return true }
        guard cleaned.contains(0x2D) else { return false }
        return cleaned.split(separator: 0x2D).contains { forms.contains($0) }
    }

    /// The window of at most `snippetLength` bytes (so at most as many characters) holding the
    /// most matched words, cut at word boundaries, with the matched words' character ranges.
    static func snippet(of text: [UInt8], forms: SurfaceForms) -> (String, [[Int]]) {
        var words: [Range<Int>] = []
        var start = 0
        for (i, b) in text.enumerated() where b == 0x20 {
            if i > start { words.append(start..<i) }
            start = i + 1
        }
        if start < text.count { words.append(start..<text.count) }
        guard !words.isEmpty else { return ("", []) }
        var scratch = [UInt8](repeating: 0, count: 32)
        let matches = words.map { wordMatches(text[$0], forms, &scratch) }
        var bestStart = 0, bestHits = -1
        var first = 0, hits = 0
        for end in words.indices {
            if matches[end] { hits += 1 }
            while words[end].upperBound - words[first].lowerBound > snippetLength && first < end {
                if matches[first] { hits -= 1 }
                first += 1
            }
            if hits > bestHits { bestHits = hits; bestStart = first }
        }
        var out: [UInt8] = []
        var highlights: [[Int]] = []
        var characters = 0
        for i in bestStart..<words.count {
            let w = text[words[i]]
            if out.count + w.count + (out.isEmpty ? 0 : 1) > snippetLength { break }
            if !out.isEmpty { out.append(0x20); characters += 1 }
            let length = w.allSatisfy { $0 < 0x80 } ? w.count : String(decoding: w, as: UTF8.self).count
            if matches[i] { highlights.append([characters, characters + length]) }
            out.append(contentsOf: w)
            characters += length
        }
        if out.isEmpty {
            // One word longer than a snippet: cut it at a character boundary.
            return (String(String(decoding: text, as: UTF8.self).prefix(snippetLength)), [])
        }
        return (String(decoding: out, as: UTF8.self), highlights)
    }
}

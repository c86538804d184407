import SanaCore

/// Picks the section that best answers a question and cuts a snippet around the matched words.
enum Passage {
    static let snippetLength = 200
    static let snippetScan = 4000

    static func best(in doc: IndexedDoc, termIDs: Set<Int32>, tokenTerms: [String: Int32], aspects: Set<Aspect>) -> (Section, String, [[Int]]) {
        guard !doc.sections.isEmpty else {
            return (Section(heading: nil, aspect: .overview, text: doc.summary), doc.summary, [])
        }
        var best = doc.sections[0]
        var bestScore = -1.0
        for (i, s) in doc.sections.enumerated() {
            let hits = i < doc.sectionTerms.count ? doc.sectionTerms[i].intersection(termIDs).count : 0
            let score = Double(hits) + (aspects.contains(s.aspect) ? 1.5 : 0)
            if score > bestScore { best = s; bestScore = score }
        }
        // The snippet comes from the section's opening: scanning whole long sections for the
        // densest window cost most of a search's time.
        let (snippet, highlights) = snippet(of: Summary.plainText(String(best.text.prefix(snippetScan)))) { token in
            tokenTerms[token].map(termIDs.contains) ?? false
        }
        return (best, snippet, highlights)
    }

    /// Whether a word of running text holds a matched token. ASCII words (nearly all) are
    /// lower-cased and stripped of punctuation in place; others go through the full tokenizer.
    static func wordMatches(_ word: Substring, _ isMatch: (String) -> Bool) -> Bool {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        for b in word.utf8 {
            switch b {
            case 0x41...0x5A: bytes.append(b + 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x27: bytes.append(b)
            case 0x80...: var hit = false; TextAnalyzer.forEachToken(String(word)) { if !hit && isMatch($0) { hit = true } }; return hit
            default: break
            }
        }
        while let last = bytes.last, last == 0x2D || last == 0x27 { bytes.removeLast() }
        if bytes.count >= 2, bytes[bytes.count - 2] == 0x27, bytes.last == 0x73 { bytes.removeLast(2) }
        bytes.removeAll { $0 == 0x27 }
        guard !bytes.isEmpty else { return false }
        if isMatch(String(decoding: bytes, as: UTF8.self)) { return true }
        guard bytes.contains(0x2D) else { return false }
        return bytes.split(separator: 0x2D).contains { isMatch(String(decoding: $0, as: UTF8.self)) }
    }

    /// The window of at most `snippetLength` characters holding the most matched words, cut at
    /// word boundaries, with the matched words' ranges.
    static func snippet(of text: String, matches isMatch: (String) -> Bool) -> (String, [[Int]]) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return ("", []) }
        let matches = words.map { w in wordMatches(w, isMatch) }
        var bestStart = 0, bestHits = -1
        var start = 0, length = -1, hits = 0
        for end in words.indices {
            length += words[end].count + 1
            if matches[end] { hits += 1 }
            while length > snippetLength && start < end {
                length -= words[start].count + 1
                if matches[start] { hits -= 1 }
                start += 1
            }
            if hits > bestHits { bestHits = hits; bestStart = start }
        }
        var out = ""
        var highlights: [[Int]] = []
        var i = bestStart
        while i < words.count {
            let w = String(words[i])
            let addition = out.isEmpty ? w.count : w.count + 1
            if out.count + addition > snippetLength { break }
            if !out.isEmpty { out += " " }
            if matches[i] { highlights.append([out.count, out.count + w.count]) }
            out += w
            i += 1
        }
        if out.isEmpty { out = String(text.prefix(snippetLength)) }
        return (out, highlights)
    }
}

import SanaCore

/// Picks the section that best answers a question and cuts a snippet around the matched words.
enum Passage {
    static let snippetLength = 200

    static func best(in doc: IndexedDoc, terms: Set<String>, termIDs: Set<Int32>, aspects: Set<Aspect>) -> (Section, String, [[Int]]) {
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
        let (snippet, highlights) = snippet(of: Summary.plainText(best.text), terms: terms)
        return (best, snippet, highlights)
    }

    /// The window of at most `snippetLength` characters holding the most matched words, cut at
    /// word boundaries, with the matched words' ranges.
    static func snippet(of text: String, terms: Set<String>) -> (String, [[Int]]) {
        // Long sections are scanned in their first few hundred words only.
        let words = text.split(separator: " ", maxSplits: 600, omittingEmptySubsequences: true).prefix(600)
        guard !words.isEmpty else { return ("", []) }
        var cache = TermCache()
        let matches = words.map { w in
            var hit = false
            TextAnalyzer.forEachToken(String(w)) { token in if !hit, let t = cache.term(token), terms.contains(t) { hit = true } }
            return hit
        }
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

import Foundation
import SanaCore

/// An article analysed for the index, ready to insert.
struct Prepared {
    var id: String
    var slug: String
    var title: String
    var categorySlug: String
    /// Focus and also-called names, for suggestions.
    var names: [String]
    var focusKeys: [String]
    var lengths: SIMD4<Float>
    /// Bit i set when the article answers `QuestionType.allCases[i]`.
    var answersTypes: UInt32
    /// The article's most frequent terms, as indexes into `terms`.
    var keyTerms: [Int32]
    /// The record's tail (see `IndexRecord`).
    var recordTail: [UInt8]
    /// The article's distinct terms and their frequencies per field.
    var terms: [String]
    var frequencies: [SIMD4<Float>]
    /// Each section's terms, as indexes into `terms`.
    var sectionTerms: [[Int32]]
    /// Each distinct word of the text and the index of its term (-1 for a stop word).
    var words: [(word: String, term: Int32)]
}

/// Remembers the term of each token seen while indexing a batch; stemming is the costly part.
struct TermCache {
    private var terms: [String: String?] = [:]
    mutating func term(_ token: String) -> String? {
        if let known = terms[token] { return known }
        let t = TextAnalyzer.term(forToken: token)
        terms[token] = t
        return t
    }
}

/// Turning an article into what the index stores: done outside the index's lock, on every core.
extension SearchIndex {
    /// Analyses articles on every core, in chunks that each keep their own term cache.
    static func prepareInParallel(_ articles: [Article]) -> [Prepared?] {
        let chunks = articles.count < 64 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4
        let size = (articles.count + chunks - 1) / max(chunks, 1)
        var out = [Prepared?](repeating: nil, count: articles.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var cache = TermCache()
                for i in (chunk * size)..<min(articles.count, (chunk + 1) * size) where articles[i].status == .published {
                    slots[i] = prepare(articles[i], &cache)
                }
            }
        }
        return out
    }

    /// Analysis happens outside the lock so readers are held up only for the short insertion.
    /// Words are counted first (one hash per word of text), then each distinct word is stemmed.
    static func prepare(_ a: Article, _ cache: inout TermCache) -> Prepared {
        var wordSlots: [String: Int] = [:]
        var wordCounts: [SIMD4<Float>] = []
        var wordList: [String] = []
        var sectionWords: [[Int]] = []
        var lastSection: [Int] = []
        func add(_ text: String, _ field: Field, section: Int) {
            TextAnalyzer.forEachToken(text) { token in
                let slot: Int
                if let known = wordSlots[token] { slot = known } else {
                    slot = wordList.count
                    wordSlots[token] = slot
                    wordList.append(token)
                    wordCounts.append(.zero)
                    lastSection.append(-1)
                }
                wordCounts[slot][field.rawValue] += 1
                if section >= 0 && lastSection[slot] != section {
                    lastSection[slot] = section
                    sectionWords[section].append(slot)
                }
            }
        }
        let sections = a.sections
        add(a.title, .title, section: -1)
        add(([a.focus].compactMap { $0 } + a.alsoCalled).joined(separator: " ; "), .names, section: -1)
        for (i, section) in sections.enumerated() {
            sectionWords.append([])
            if let heading = section.heading { add(heading, .headings, section: i) }
            add(section.text, .body, section: i)
        }
        var termSlots: [String: Int32] = [:]
        var terms: [String] = []
        var frequencies: [SIMD4<Float>] = []
        var lengths = SIMD4<Float>(repeating: 0)
        var wordTerms = [Int32](repeating: -1, count: wordList.count)
        for (slot, word) in wordList.enumerated() {
            guard let t = cache.term(word) else { continue }
            let index: Int32
            if let known = termSlots[t] { index = known } else {
                index = Int32(terms.count)
                termSlots[t] = index
                terms.append(t)
                frequencies.append(.zero)
            }
            wordTerms[slot] = index
            frequencies[Int(index)] += wordCounts[slot]
            lengths += wordCounts[slot]
        }
        let sectionTerms = sectionWords.map { slots in Array(Set(slots.map { wordTerms[$0] }.filter { $0 >= 0 })) }
        let keyTerms = topTerms(terms, frequencies, count: 20)  // local indexes until inserted
        let keys = ([a.focus].compactMap { $0 } + a.alsoCalled).map { name in
            var parts: [String] = []
            TextAnalyzer.forEachToken(name) { if let t = cache.term($0) { parts.append(t) } }
            return parts.joined(separator: " ")
        }.filter { !$0.isEmpty }
        let shortKeys = keys.compactMap(FocusMatcher.withoutQualifiers).filter { !keys.contains($0) }
        let focusKeys = keys + shortKeys
        let tail = IndexRecord.tail(a, sections: sections.map { IndexedSection($0, terms: []) }, focusKeys: focusKeys)
        return Prepared(id: a.id, slug: a.slug, title: a.title, categorySlug: a.category.slug,
                        names: [a.focus].compactMap { $0 } + a.alsoCalled, focusKeys: focusKeys, lengths: lengths,
                        answersTypes: Self.typeMask(tags: a.tags, sections: sections), keyTerms: keyTerms,
                        recordTail: tail, terms: terms, frequencies: frequencies, sectionTerms: sectionTerms,
                        words: Array(zip(wordList, wordTerms)))
    }

    /// The `count` most frequent terms of four letters or more (ties by term), as indexes into
    /// `terms`, without sorting them all.
    static func topTerms(_ terms: [String], _ frequencies: [SIMD4<Float>], count: Int) -> [Int32] {
        var best: [(total: Float, index: Int)] = []
        func better(_ a: (total: Float, index: Int), _ b: (total: Float, index: Int)) -> Bool {
            a.total != b.total ? a.total > b.total : terms[a.index] < terms[b.index]
        }
        for (i, f) in frequencies.enumerated() where terms[i].utf8.count >= 4 {
            let entry = (total: f.sum(), index: i)
            if best.count == count, let last = best.last, !better(entry, last) { continue }
            let at = best.firstIndex { better(entry, $0) } ?? best.count
            best.insert(entry, at: at)
            if best.count > count { best.removeLast() }
        }
        return best.map { Int32($0.index) }
    }

    /// Which question types an article answers: by its MedQuAD question type, or by a headed
    /// section whose aspect fits.
    static func typeMask(tags: [String], sections: [Section]) -> UInt32 {
        let aspects = Set(sections.filter { $0.heading != nil }.map(\.aspect))
        var mask: UInt32 = 0
        for (i, type) in QuestionType.allCases.enumerated()
        where tags.contains(where: type.medquadTypes.contains) || type.aspects.contains(where: aspects.contains) {
            mask |= 1 << UInt32(i)
        }
        return mask
    }
}

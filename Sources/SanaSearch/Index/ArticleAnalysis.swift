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

/// What one worker learns about words while indexing a run of articles: each distinct token is
/// looked up once per token and stemmed once per run; its article-local slot is kept in arrays
/// stamped per article, so an article costs one dictionary lookup per word of text.
struct TermCache {
    private var wordIDs: [String: Int32] = [:]
    private(set) var words: [String] = []
    /// The term of each word (an index into `terms`), -1 for a stop word.
    private(set) var wordTerm: [Int32] = []
    private var termIDs: [String: Int32] = [:]
    private(set) var terms: [String] = []
    /// Per word and per term: the article that last used it and its slot there.
    fileprivate var wordStamp: [Int32] = [], wordSlot: [Int32] = []
    fileprivate var termStamp: [Int32] = [], termSlot: [Int32] = []
    fileprivate var article: Int32 = 0

    mutating func word(_ token: String) -> Int32 {
        if let id = wordIDs[token] { return id }
        let id = Int32(words.count)
        wordIDs[token] = id
        words.append(token)
        wordStamp.append(-1)
        wordSlot.append(0)
        guard let t = TextAnalyzer.term(forToken: token) else { wordTerm.append(-1); return id }
        if let known = termIDs[t] { wordTerm.append(known); return id }
        let tid = Int32(terms.count)
        termIDs[t] = tid
        terms.append(t)
        termStamp.append(-1)
        termSlot.append(0)
        wordTerm.append(tid)
        return id
    }

    mutating func term(_ token: String) -> String? {
        let t = wordTerm[Int(word(token))]
        return t < 0 ? nil : terms[Int(t)]
    }
}

/// Turning an article into what the index stores: done before the writer's turn, on every core.
enum ArticleAnalysis {
    /// Analyses articles on `workers` threads, in runs that each keep their own term cache.
    /// Small batches stay on one thread: a term cache pays off only over many articles.
    static func prepareInParallel(_ articles: [Article], workers: Int) -> [Prepared?] {
        let runs = WorkSplit.ranges(count: articles.count, parts: articles.count < 64 ? 1 : workers * 4)
        var out = [Prepared?](repeating: nil, count: articles.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                var cache = TermCache()
                for i in runs[run] where articles[i].status == .published {
                    slots[i] = prepare(articles[i], &cache)
                }
            }
        }
        return out
    }

    /// The names of the batch's unpublished articles (`IndexSnapshot.unpublishedEntry`), worked
    /// out on `workers` threads: MedQuAD's unpublished questions outnumber its articles.
    static func unpublishedEntriesInParallel(_ articles: [Article], workers: Int) -> [UnpublishedNames.Entry?] {
        let runs = WorkSplit.ranges(count: articles.count, parts: articles.count < 64 ? 1 : workers * 4)
        var out = [UnpublishedNames.Entry?](repeating: nil, count: articles.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                for i in runs[run] { slots[i] = IndexSnapshot.unpublishedEntry(of: articles[i]) }
            }
        }
        return out
    }

    /// Analysis happens before the writer's turn, so other writers wait only for the short insertion.
    /// Words are counted first (one lookup per word of text), then each distinct word's term.
    static func prepare(_ a: Article, _ cache: inout TermCache) -> Prepared {
        cache.article += 1
        let stamp = cache.article
        var wordCounts: [SIMD4<Float>] = []
        var wordList: [Int32] = []
        var sectionWords: [[Int]] = []
        var lastSection: [Int] = []
        func add(_ text: String, _ field: Field, section: Int) {
            TextAnalyzer.forEachToken(text) { token in
                let w = Int(cache.word(token))
                let slot: Int
                if cache.wordStamp[w] == stamp { slot = Int(cache.wordSlot[w]) } else {
                    slot = wordList.count
                    cache.wordStamp[w] = stamp
                    cache.wordSlot[w] = Int32(slot)
                    wordList.append(Int32(w))
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
        var terms: [String] = []
        var frequencies: [SIMD4<Float>] = []
        var lengths = SIMD4<Float>(repeating: 0)
        var wordTerms = [Int32](repeating: -1, count: wordList.count)
        for (slot, w) in wordList.enumerated() {
            let t = Int(cache.wordTerm[Int(w)])
            guard t >= 0 else { continue }
            let index: Int32
            if cache.termStamp[t] == stamp { index = cache.termSlot[t] } else {
                index = Int32(terms.count)
                cache.termStamp[t] = stamp
                cache.termSlot[t] = index
                terms.append(cache.terms[t])
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
        let focusKeys = FocusMatcher.variants(keys)
        let tail = IndexRecord.tail(a, sections: sections.map { IndexedSection($0, terms: []) }, focusKeys: focusKeys)
        return Prepared(id: a.id, slug: a.slug, title: a.title, categorySlug: a.category.slug,
                        names: [a.focus].compactMap { $0 } + a.alsoCalled, focusKeys: focusKeys, lengths: lengths,
                        answersTypes: Self.typeMask(tags: a.tags, sections: sections), keyTerms: keyTerms,
                        recordTail: tail, terms: terms, frequencies: frequencies, sectionTerms: sectionTerms,
                        words: Array(zip(wordList.map { cache.words[Int($0)] }, wordTerms)))
    }

    /// The `count` most frequent terms of four letters or more (ties by term), as indexes into
    /// `terms`, without sorting them all.
    static func topTerms(_ terms: [String], _ frequencies: [SIMD4<Float>], count: Int) -> [Int32] {
        let candidates = frequencies.indices.lazy.filter { terms[$0].utf8.count >= 4 }.map { (total: frequencies[$0].sum(), index: $0) }
        return TopK.select(candidates, count) { a, b in
            a.total != b.total ? a.total > b.total : terms[a.index] < terms[b.index]
        }.map { Int32($0.index) }
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

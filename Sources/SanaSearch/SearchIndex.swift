import Foundation
import Synchronization
import SanaCore

/// The fields of an article that BM25F weighs separately.
enum Field: Int, CaseIterable {
    case title = 0, names, headings, body
}

/// Term frequencies of one term in one article, per field, in 8 bytes: counts stop at 255,
/// far past where BM25 saturates, so a million articles' postings fit in memory.
struct Posting {
    var doc: Int32
    var counts: SIMD4<UInt8>

    init(doc: Int32, tf: SIMD4<Float>) {
        self.doc = doc
        counts = SIMD4<UInt8>(SIMD4<Float>(repeating: 255).replacing(with: tf, where: tf .< 255))
    }

    init(doc: Int32, counts: SIMD4<UInt8>) {
        self.doc = doc
        self.counts = counts
    }

    var tf: SIMD4<Float> { SIMD4<Float>(counts) }
}

/// An article as the index keeps it.
struct IndexedDoc {
    var id: String
    var slug: String
    var title: String
    var focus: String?
    var alsoCalled: [String]
    var categorySlug: String
    var tags: [String]
    var sections: [IndexedSection]
    var summary: String
    var lengths: SIMD4<Float>
    var alive: Bool
    /// Folded focus and also-called names, for focus matching.
    var focusKeys: [String]
    /// Bit i set when the article answers `QuestionType.allCases[i]`.
    var answersTypes: UInt32
    /// The article's most frequent terms, for finding similar articles.
    var keyTerms: [Int32] = []
}

/// An article analysed for the index, ready to insert.
struct Prepared {
    var doc: IndexedDoc
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

/// The in-memory inverted index over published articles. Built from the store at start-up and
/// updated per article; searches read in parallel while an update waits for the write lock.
public final class SearchIndex: @unchecked Sendable {
    let lock = ReadWriteLock()
    var termIDs: [String: Int32] = [:]
    var terms: [String] = []
    var postings: [[Posting]] = []
    var docs: [IndexedDoc] = []
    /// Per-article field lengths and liveness, apart from `docs` so scoring touches no strings.
    var docLengths: [SIMD4<Float>] = []
    var docAlive: [Bool] = []
    var docTypes: [UInt32] = []
    /// Articles about the same focus share a group (MedQuAD's QA pairs of one document).
    var docGroups: [Int32] = []
    var groupIDs: [String: Int32] = [:]
    var docNumber: [String: Int32] = [:]
    /// Focus and also-called keys (see `FocusMatcher.key`) to the articles about them.
    var focusDocs: [String: [Int32]] = [:]
    var suggestionTable = SuggestionTable()
    /// The written forms of each term (by term id), so snippets find matched words without stemming.
    var termSurfaces: [[String]] = []
    /// Every word of the indexed text, for typo correction.
    var speller = SpellingCorrector()
    var lengthSums = SIMD4<Float>(repeating: 0)
    var liveCount = 0
    var deadCount = 0

    /// Curated lay ↔ medical synonyms. The names articles give for their focus work through focus
    /// matching instead: expanding questions with them (MedQuAD lists dozens for some conditions)
    /// drowned the question's own words.
    var synonyms: Synonyms
    var synonymKeys: [String: [Int32]]
    let scratch = ScratchArrays()

    public init(synonyms: Synonyms = .curated) {
        self.synonyms = synonyms
        synonymKeys = synonyms.keys
        for word in synonyms.words { speller.add(word) }
    }

    /// The number of searchable (published) articles.
    public var count: Int { lock.read { liveCount } }

    /// Goes up with every change, so caches of pages built from the index know when to rebuild.
    public var generation: Int { changes.load(ordering: .acquiring) }
    /// Read without the lock (pages check it on every request); changed under the write lock.
    let changes = Atomic<Int>(0)

    /// Copies each posting list into storage of its exact size: lists grow by doubling while the
    /// index is built, which leaves up to half of their memory unused. Call after a bulk load.
    public func trimStorage() {
        lock.write {
            for t in postings.indices where postings[t].capacity > postings[t].count {
                postings[t] = postings[t].withUnsafeBufferPointer { Array($0) }
            }
        }
    }

    /// Approximate bytes held by each part of the index (payloads only, without allocator and
    /// string overheads), for the benchmarks' memory reports.
    public func storageReport() -> [String: Int] {
        lock.read {
            var report: [String: Int] = [:]
            report["postings"] = postings.reduce(0) { $0 + $1.capacity } * MemoryLayout<Posting>.stride
            report["section_text"] = docs.reduce(0) { $0 + $1.sections.reduce(0) { $0 + $1.text.capacity } }
            report["section_terms"] = docs.reduce(0) { $0 + $1.sections.reduce(0) { $0 + $1.terms.capacity * 4 } }
            report["doc_records"] = docs.capacity * MemoryLayout<IndexedDoc>.stride
                + docs.reduce(0) { $0 + $1.sections.capacity * MemoryLayout<IndexedSection>.stride }
            report["doc_strings"] = docs.reduce(0) { total, d in
                total + [d.id, d.slug, d.title, d.summary, d.focus ?? "", d.categorySlug].reduce(0) { $0 + $1.utf8.count }
                    + d.alsoCalled.reduce(0) { $0 + $1.utf8.count } + d.focusKeys.reduce(0) { $0 + $1.utf8.count }
                    + d.keyTerms.count * 4 + d.tags.reduce(0) { $0 + $1.utf8.count }
            }
            report["terms"] = terms.reduce(0) { $0 + $1.utf8.count + 16 } + termSurfaces.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 16 } }
            return report
        }
    }

    /// Every condition name (focus and also-called) of published articles, for the A–Z index:
    /// the article to open first (the one answering "what is it?" when there is one) and how
    /// many articles are about it.
    public func conditionNames() -> [ConditionName] {
        lock.read {
            let information = UInt32(1) << UInt32(QuestionType.allCases.firstIndex(of: .information) ?? 0)
            var byName: [String: ConditionName] = [:]
            for d in docs where d.alive {
                guard let focus = d.focus else { continue }
                let answersWhatIs = d.answersTypes & information != 0
                for (i, name) in ([focus] + d.alsoCalled).enumerated() where !name.isEmpty {
                    let key = name.lowercased()
                    if var entry = byName[key] {
                        entry.articles += 1
                        if answersWhatIs && !entry.opensOverview { entry.slug = d.slug; entry.opensOverview = true }
                        entry.isAlias = entry.isAlias && i > 0
                        byName[key] = entry
                    } else {
                        byName[key] = ConditionName(name: name, slug: d.slug, articles: 1, isAlias: i > 0, opensOverview: answersWhatIs)
                    }
                }
            }
            return byName.values.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
        }
    }

    /// Adds or replaces an article; anything not published is removed instead.
    public func update(_ article: Article) {
        var cache = TermCache()
        let prepared = article.status == .published ? Self.prepare(article, &cache) : nil
        lock.write {
            removeLocked(article.id)
            if let prepared { addLocked(prepared) }
            changes.add(1, ordering: .releasing)
        }
    }

    public func update(_ articles: [Article]) {
        let prepared = Self.prepareInParallel(articles)
        lock.write {
            for (a, p) in zip(articles, prepared) {
                removeLocked(a.id)
                if let p { addLocked(p) }
            }
            changes.add(1, ordering: .releasing)
        }
    }

    public func remove(id: String) { lock.write { removeLocked(id); changes.add(1, ordering: .releasing) } }

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
        let doc = IndexedDoc(id: a.id, slug: a.slug, title: a.title, focus: a.focus, alsoCalled: a.alsoCalled,
                             categorySlug: a.category.slug, tags: a.tags,
                             sections: sections.map { IndexedSection($0, terms: []) }, summary: a.summary,
                             lengths: lengths, alive: true, focusKeys: keys + shortKeys,
                             answersTypes: Self.typeMask(tags: a.tags, sections: sections), keyTerms: keyTerms)
        return Prepared(doc: doc, terms: terms, frequencies: frequencies, sectionTerms: sectionTerms,
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

    private func addLocked(_ prepared: Prepared) {
        let doc = prepared.doc
        let n = Int32(docs.count)
        docs.append(doc)
        docLengths.append(doc.lengths)
        docAlive.append(true)
        docTypes.append(doc.answersTypes)
        docGroups.append(groupLocked(doc))
        docNumber[doc.id] = n
        lengthSums += doc.lengths
        liveCount += 1
        for key in Set(doc.focusKeys) { focusDocs[key, default: []].append(n) }
        suggestionTable.add(title: doc.title, slug: doc.slug, names: [doc.focus].compactMap { $0 } + doc.alsoCalled)

        var ids: [Int32] = []
        ids.reserveCapacity(prepared.terms.count)
        for (term, frequencies) in zip(prepared.terms, prepared.frequencies) {
            let id: Int32
            if let existing = termIDs[term] { id = existing } else {
                id = Int32(terms.count)
                termIDs[term] = id
                terms.append(term)
                postings.append([])
                termSurfaces.append([])
            }
            ids.append(id)
            postings[Int(id)].append(Posting(doc: n, tf: frequencies))
        }
        docs[Int(n)].keyTerms = doc.keyTerms.map { ids[Int($0)] }
        for (i, local) in prepared.sectionTerms.enumerated() where i < doc.sections.count {
            docs[Int(n)].sections[i].terms = local.map { ids[Int($0)] }.sorted()
        }
        // Stop words are never corrected, so the speller needs only the words that make terms.
        for (word, local) in prepared.words where local >= 0 {
            let id = Int(ids[Int(local)])
            if !termSurfaces[id].contains(word) {
                termSurfaces[id].append(word)
                speller.add(word)
            }
        }
    }

    static func groupKey(_ doc: IndexedDoc) -> String { doc.focusKeys.first ?? "#" + doc.id }

    private func groupLocked(_ doc: IndexedDoc) -> Int32 {
        let key = Self.groupKey(doc)
        if let g = groupIDs[key] { return g }
        let g = Int32(groupIDs.count)
        groupIDs[key] = g
        return g
    }

    private func removeLocked(_ id: String) {
        guard let n = docNumber.removeValue(forKey: id) else { return }
        docs[Int(n)].alive = false
        docAlive[Int(n)] = false
        lengthSums -= docs[Int(n)].lengths
        liveCount -= 1
        deadCount += 1
        if deadCount > 1000 && deadCount > liveCount / 4 { compactLocked() }
    }

    /// Drops removed articles from the postings once they are a quarter of the index.
    private func compactLocked() {
        var renumber = [Int32](repeating: -1, count: docs.count)
        var kept: [IndexedDoc] = []
        for (i, d) in docs.enumerated() where d.alive { renumber[i] = Int32(kept.count); kept.append(d) }
        for t in postings.indices {
            postings[t] = postings[t].compactMap { p in
                let m = renumber[Int(p.doc)]
                return m < 0 ? nil : Posting(doc: m, counts: p.counts)
            }
        }
        docs = kept
        docLengths = kept.map(\.lengths)
        docAlive = kept.map { _ in true }
        docTypes = kept.map(\.answersTypes)
        docGroups = kept.map { groupIDs[Self.groupKey($0)] ?? -1 }
        focusDocs = focusDocs.compactMapValues { list in
            let m = list.compactMap { renumber[Int($0)] >= 0 ? renumber[Int($0)] : nil }
            return m.isEmpty ? nil : m
        }
        docNumber = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1.id, Int32($0)) })
        deadCount = 0
    }
}

/// A condition's name in the A–Z index.
public struct ConditionName: Sendable, Equatable {
    public var name: String
    /// The article to open first.
    public var slug: String
    /// How many published articles are about it.
    public var articles: Int
    /// Only ever another name (also called) of the articles' focus.
    public var isAlias: Bool
    var opensOverview: Bool
}

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


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

/// The in-memory inverted index over published articles. Built from the store at start-up and
/// updated per article; searches read in parallel while an update waits for the write lock.
public final class SearchIndex: @unchecked Sendable {
    let lock = ReadWriteLock()
    var termIDs: [String: Int32] = [:]
    var terms: [String] = []
    var postings: [[Posting]] = []
    /// Each article's record (see `IndexRecord`), by article number.
    var records = RecordPool()
    var docRecord: [Int] = []
    /// Per-article field lengths and liveness, apart from the records so scoring reads no bytes.
    var docLengths: [SIMD4<Float>] = []
    var docAlive: [Bool] = []
    var docTypes: [UInt32] = []
    /// Articles about the same focus share a group (MedQuAD's QA pairs of one document).
    var docGroups: [Int32] = []
    /// Group keys' hashes to group numbers (see `FocusTable` on hashing names).
    var groupIDs: [Int: Int32] = [:]
    var docCategory: [Int32] = []
    var categoryIDs: [String: Int32] = [:]
    var docNumber: [String: Int32] = [:]
    /// Focus and also-called keys (see `FocusMatcher.key`) to the articles about them.
    var focusDocs = FocusTable()
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
    /// Real words that spelling correction must leave alone even when no article uses them.
    let englishWords: EnglishWords
    let scratch = ScratchArrays()
    /// How many threads analyse a batch of articles; a parameter so tests cover any machine.
    public let workers: Int

    /// `englishWords` is usually `EnglishWords.installed`; with `.none` only the articles' own
    /// words count as spelt right, and real words they lack can be "corrected" into others.
    public init(synonyms: Synonyms = .curated, englishWords: EnglishWords = .none, workers: Int = WorkSplit.availableCores) {
        self.synonyms = synonyms
        self.englishWords = englishWords
        self.workers = max(1, workers)
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
        let prepared = Self.prepareInParallel(articles, workers: workers)
        lock.write {
            for (a, p) in zip(articles, prepared) {
                removeLocked(a.id)
                if let p { addLocked(p) }
            }
            changes.add(1, ordering: .releasing)
        }
    }

    /// Removes every article whose id is not in `ids` (after the store was replaced).
    public func removeAll(except ids: Set<String>) {
        lock.write {
            for id in docNumber.keys where !ids.contains(id) { removeLocked(id) }
            changes.add(1, ordering: .releasing)
        }
    }

    public func remove(id: String) { lock.write { removeLocked(id); changes.add(1, ordering: .releasing) } }

    private func addLocked(_ doc: Prepared) {
        let n = Int32(docRecord.count)
        docLengths.append(doc.lengths)
        docAlive.append(true)
        docTypes.append(doc.answersTypes)
        docGroups.append(groupLocked(doc.focusKeys.first ?? "#" + doc.id))
        docCategory.append(categoryLocked(doc.categorySlug))
        docNumber[doc.id] = n
        lengthSums += doc.lengths
        liveCount += 1
        for key in Set(doc.focusKeys) { focusDocs.add(key, n) }
        suggestionTable.add(title: doc.title, slug: doc.slug, names: doc.names)

        var ids: [Int32] = []
        ids.reserveCapacity(doc.terms.count)
        for (term, frequencies) in zip(doc.terms, doc.frequencies) {
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
        let head = IndexRecord.head(keyTerms: doc.keyTerms.map { ids[Int($0)] },
                                      sectionTerms: doc.sectionTerms.map { $0.map { ids[Int($0)] } })
        docRecord.append(records.append(head, doc.recordTail))
        // Stop words are never corrected, so the speller needs only the words that make terms.
        for (word, local) in doc.words where local >= 0 {
            let id = Int(ids[Int(local)])
            if !termSurfaces[id].contains(word) {
                termSurfaces[id].append(word)
                speller.add(word)
            }
        }
    }

    private func groupLocked(_ key: String) -> Int32 {
        let h = key.hashValue
        if let g = groupIDs[h] { return g }
        let g = Int32(groupIDs.count)
        groupIDs[h] = g
        return g
    }

    private func categoryLocked(_ slug: String) -> Int32 {
        if let c = categoryIDs[slug] { return c }
        let c = Int32(categoryIDs.count)
        categoryIDs[slug] = c
        return c
    }

    private func removeLocked(_ id: String) {
        guard let n = docNumber.removeValue(forKey: id) else { return }
        let doc = names(of: n)
        suggestionTable.remove(title: doc.title, slug: doc.slug, names: [doc.focus].compactMap { $0 } + doc.alsoCalled)
        docAlive[Int(n)] = false
        lengthSums -= docLengths[Int(n)]
        liveCount -= 1
        deadCount += 1
        if deadCount > 1000 && deadCount > liveCount / 4 { compactLocked() }
    }

    /// Drops removed articles from the postings and records once they are a quarter of the index.
    private func compactLocked() {
        var renumber = [Int32](repeating: -1, count: docRecord.count)
        var kept: [Int] = []
        for i in docRecord.indices where docAlive[i] { renumber[i] = Int32(kept.count); kept.append(i) }
        for t in postings.indices {
            postings[t] = postings[t].compactMap { p in
                let m = renumber[Int(p.doc)]
                return m < 0 ? nil : Posting(doc: m, counts: p.counts)
            }
        }
        var pool = RecordPool()
        docRecord = kept.map { pool.append(records.bytes(docRecord[$0]), []) }
        records = pool
        docLengths = kept.map { docLengths[$0] }
        docAlive = kept.map { _ in true }
        docTypes = kept.map { docTypes[$0] }
        docGroups = kept.map { docGroups[$0] }
        docCategory = kept.map { docCategory[$0] }
        focusDocs.renumber(renumber)
        docNumber = docNumber.compactMapValues { renumber[Int($0)] >= 0 ? renumber[Int($0)] : nil }
        deadCount = 0
    }
}

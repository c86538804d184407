import Foundation
import SanaCore

/// The fields of an article that BM25F weighs separately.
enum Field: Int, CaseIterable {
    case title = 0, names, headings, body
}

/// Term frequencies of one term in one article, per field.
struct Posting {
    var doc: Int32
    var tf: SIMD4<Float>
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
    var sections: [Section]
    var summary: String
    var lengths: SIMD4<Float>
    var alive: Bool
    /// Folded focus and also-called names, for focus matching.
    var focusKeys: [String]
    /// Bit i set when the article answers `QuestionType.allCases[i]`.
    var answersTypes: UInt32
    /// Each section's distinct term ids, for choosing the passage that answers.
    var sectionTerms: [Set<Int32>] = []
    /// The article's most frequent terms, for finding similar articles.
    var keyTerms: [String] = []
}

/// An article analysed for the index, ready to insert.
struct Prepared {
    var doc: IndexedDoc
    var termFrequencies: [String: SIMD4<Float>]
    var words: Set<String>
    var sectionTerms: [Set<String>]
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
    /// Every indexed word's term id, so snippets find matched words without stemming again.
    var tokenTerms: [String: Int32] = [:]
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

    public init(synonyms: Synonyms = .curated) {
        self.synonyms = synonyms
        synonymKeys = synonyms.keys
    }

    /// The number of searchable (published) articles.
    public var count: Int { lock.read { liveCount } }

    /// Adds or replaces an article; anything not published is removed instead.
    public func update(_ article: Article) {
        var cache = TermCache()
        let prepared = article.status == .published ? Self.prepare(article, &cache) : nil
        lock.write {
            removeLocked(article.id)
            if let prepared { addLocked(prepared) }
        }
    }

    public func update(_ articles: [Article]) {
        var cache = TermCache()
        let prepared = articles.map { $0.status == .published ? Self.prepare($0, &cache) : nil }
        lock.write {
            for (a, p) in zip(articles, prepared) {
                removeLocked(a.id)
                if let p { addLocked(p) }
            }
        }
    }

    public func remove(id: String) { lock.write { removeLocked(id) } }

    /// Analysis happens outside the lock so readers are held up only for the short insertion.
    static func prepare(_ a: Article, _ cache: inout TermCache) -> Prepared {
        var tf: [String: SIMD4<Float>] = [:]
        var lengths = SIMD4<Float>(repeating: 0)
        var words = Set<String>()
        var sectionTerms: [Set<String>] = []
        func add(_ text: String, _ field: Field) {
            TextAnalyzer.forEachToken(text) { token in
                words.insert(token)
                guard let t = cache.term(token) else { return }
                tf[t, default: .zero][field.rawValue] += 1
                lengths[field.rawValue] += 1
                if field == .body || field == .headings { sectionTerms[sectionTerms.count - 1].insert(t) }
            }
        }
        let sections = a.sections
        add(a.title, .title)
        add(([a.focus].compactMap { $0 } + a.alsoCalled).joined(separator: " ; "), .names)
        for section in sections {
            sectionTerms.append([])
            if let heading = section.heading { add(heading, .headings) }
            add(section.text, .body)
        }
        let keyTerms = tf.filter { $0.key.count >= 4 }.sorted { ($0.value.sum(), $1.key) > ($1.value.sum(), $0.key) }.prefix(20).map(\.key)
        let keys = ([a.focus].compactMap { $0 } + a.alsoCalled).map { FocusMatcher.key($0) }.filter { !$0.isEmpty }
        var doc = IndexedDoc(id: a.id, slug: a.slug, title: a.title, focus: a.focus, alsoCalled: a.alsoCalled,
                             categorySlug: a.category.slug, tags: a.tags, sections: sections, summary: a.summary,
                             lengths: lengths, alive: true, focusKeys: keys,
                             answersTypes: Self.typeMask(tags: a.tags, sections: sections))
        doc.keyTerms = keyTerms
        return Prepared(doc: doc, termFrequencies: tf, words: words, sectionTerms: sectionTerms)
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
        var doc = prepared.doc
        let tf = prepared.termFrequencies
        for w in prepared.words { speller.add(w) }
        let n = Int32(docs.count)
        defer {
            // Term ids exist once the postings are in.
            docs[Int(n)].sectionTerms = prepared.sectionTerms.map { Set($0.compactMap { termIDs[$0] }) }
            for w in prepared.words where tokenTerms[w] == nil {
                if let t = TextAnalyzer.term(forToken: w), let id = termIDs[t] { tokenTerms[w] = id }
            }
        }
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

        for (term, frequencies) in tf {
            let id: Int32
            if let existing = termIDs[term] { id = existing } else {
                id = Int32(terms.count)
                termIDs[term] = id
                terms.append(term)
                postings.append([])
            }
            postings[Int(id)].append(Posting(doc: n, tf: frequencies))
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
                return m < 0 ? nil : Posting(doc: m, tf: p.tf)
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

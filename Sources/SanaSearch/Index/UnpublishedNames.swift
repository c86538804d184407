import SanaCore

/// Names of articles that are not published (MedQuAD's pairs without answer text: ADAM's
/// encyclopedia, MedlinePlus drugs): the recogniser knows them, though no answer is about them
/// yet. Kept per article so a draft that gets published, or removed, leaves the table.
struct UnpublishedNames: Sendable {
    /// One unpublished article's name keys (with variants), the words of its names (for the
    /// speller), and whether it is a medicine.
    struct Entry: Sendable, Equatable {
        var keys: [String]
        var words: [String]
        var drug: Bool
    }
    private(set) var byArticle: [String: Entry] = [:]
    /// Name key → how many unpublished articles use it, and whether one of them is a medicine.
    private var counts: [String: (count: Int32, drug: Bool)] = [:]
    /// Key of an unpublished article's focus (and its variants) → how many articles it is the focus of:
    /// their also-called names are looser ("Tension" for "Stress and your health").
    private var focusCounts: [String: Int32] = [:]

    func contains(_ key: String) -> Bool { counts[key] != nil }
    /// Whether the key is an unpublished article's focus (or a variant of it), not only another name.
    func isFocus(_ key: String) -> Bool { focusCounts[key] != nil }
    var byArticleIDs: [String] { Array(byArticle.keys) }
    func isDrug(_ key: String) -> Bool { counts[key]?.drug == true }
    var count: Int { counts.count }

    mutating func set(_ id: String, _ entry: Entry) {
        remove(id)
        guard !entry.keys.isEmpty else { return }
        byArticle[id] = entry
        for key in entry.keys {
            let old = counts[key] ?? (0, false)
            counts[key] = (old.count + 1, old.drug || entry.drug)
        }
        for key in Self.focusKeys(entry) { focusCounts[key, default: 0] += 1 }
    }

    /// The focus's key and its variants: an entry's first key is its focus's when the draft has one
    /// (every MedQuAD draft does; see `unpublishedEntry`). A draft without a focus has its first
    /// other name counted instead, so that name is never refused as loose: the cautious side.
    private static func focusKeys(_ entry: Entry) -> [String] {
        entry.keys.first.map { FocusMatcher.variants([$0]) } ?? []
    }

    mutating func remove(_ id: String) {
        guard let entry = byArticle.removeValue(forKey: id) else { return }
        for key in entry.keys {
            guard let old = counts[key] else { continue }
            counts[key] = old.count > 1 ? (old.count - 1, old.drug) : nil
        }
        for key in Self.focusKeys(entry) {
            guard let old = focusCounts[key] else { continue }
            focusCounts[key] = old > 1 ? old - 1 : nil
        }
    }

    var storedBytes: Int { byArticle.count * 64 + counts.count * 48 + focusCounts.count * 40 }
}

/// The words of every known name (published or not), and the last words of names of more
/// than one word: a question naming "cramp" speaks of "muscle cramps", one naming "cardiac
/// amyloidosis" of something more particular than "amyloidosis". Only ever grows: a stale word
/// only lets the recogniser consider a span.
struct NameVocabulary: Sendable {
    private(set) var words: Set<String> = []
    private(set) var heads: Set<String> = []

    init() {}
    init(words: Set<String>, heads: Set<String>) { self.words = words; self.heads = heads }

    mutating func note(_ keys: [String]) {
        for key in keys {
            let parts = key.split(separator: " ")
            for p in parts { words.insert(String(p)) }
            if parts.count > 1, let last = parts.last { heads.insert(String(last)) }
        }
    }

    var storedBytes: Int { (words.count + heads.count) * 32 }
}

extension UnpublishedNames {
    /// Forgets the articles whose id is not in `ids` (after the store was replaced).
    mutating func removeAll(except ids: Set<String>) {
        for id in byArticleIDs where !ids.contains(id) { remove(id) }
    }
}

extension IndexSnapshot {
    /// Keeps the names of an article that is not published (and forgets them once it is): its
    /// focus and also-called names as keys, with their variants, and their words for the speller.
    mutating func noteNames(of article: Article) {
        noteNames(of: article.id, Self.unpublishedEntry(of: article))
    }

    /// `entry` is `unpublishedEntry(of:)` of the article, worked out beforehand (in parallel for a batch).
    mutating func noteNames(of id: String, _ entry: UnpublishedNames.Entry?) {
        guard let entry else { unpublished.remove(id); return }
        noteUnpublished(id, entry)
    }

    /// What the index keeps of an unpublished article's names; nil for a published one.
    static func unpublishedEntry(of article: Article) -> UnpublishedNames.Entry? {
        guard article.status != .published else { return nil }
        let names = [article.focus].compactMap { $0 } + article.alsoCalled
        let keys = FocusMatcher.variants(names.map(FocusMatcher.key).filter { !$0.isEmpty })
        let words = names.flatMap { TextAnalyzer.tokens($0).filter { !TextAnalyzer.stopWords.contains($0) } }
        return .init(keys: keys, words: words, drug: ["medicines", "herbs-and-supplements"].contains(article.category.slug))
    }

    /// Keeps one unpublished article's names (also when read back from an index file).
    mutating func noteUnpublished(_ id: String, _ entry: UnpublishedNames.Entry) {
        unpublished.set(id, entry)
        nameVocabulary.note(entry.keys)
        for word in entry.words { speller.add(word) }
    }
}

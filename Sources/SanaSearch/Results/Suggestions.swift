import Foundation
import SanaCore

/// One completion for a search box.
public struct Suggestion: Sendable, Codable, Equatable {
    /// What to show and, when chosen, to search for.
    public var text: String
    /// The article it opens directly, for article titles.
    public var slug: String?
    /// How many published articles are about it (titles count 1).
    public var articles: Int
}

/// Prefix completion over article titles, foci and also-called names. Every word of a name is a
/// place it can be found from ("fasc" finds "Plantar fasciitis"). Names are kept as records in a
/// `RecordPool` (folded key, text, slug) and found through their words, so a million articles'
/// titles cost their bytes and a few words of bookkeeping each.
struct SuggestionTable {
    struct Entry {
        /// Address of the folded key, text and slug (empty: the suggestion searches for the text).
        var record: Int
        /// Published articles naming it as their focus or also-called name.
        var articles: Int32
        /// Published articles with it as their title; the slug is one of theirs.
        var titles: Int32
        var visible: Bool { articles > 0 || titles > 0 }
    }
    // Internal rather than private: the index file saves and restores them (Index/File/).
    var entries: [Entry] = []
    var names = RecordPool()
    /// Folded keys (by hash, as in `FocusTable`) to entries.
    var entryOfKey: [Int: Int32] = [:]
    var entriesOfWord = FocusTable()
    /// Every word of the names, sorted for prefix lookups; new words wait in `newWords` until
    /// `prepare` merges them in (the writer does, before it publishes).
    var sortedWords: [String] = []
    var newWords: [String] = []

    mutating func add(title: String, slug: String, names: [String]) {
        let titleKey = TextAnalyzer.fold(title)
        if let existing = entryOfKey[StableHash.of(titleKey)] {
            let e = Int(existing)
            // A title that equals a name, or whose article left: the article is the better target.
            if self.slug(of: e).isEmpty { restore(e, slug: slug) }
            entries[e].titles += 1
        } else {
            insert(key: titleKey, text: title, slug: slug, isTitle: true)
        }
        for name in Set(names) where !name.isEmpty {
            let key = TextAnalyzer.fold(name)
            if let existing = entryOfKey[StableHash.of(key)] {
                entries[Int(existing)].articles += 1
            } else {
                insert(key: key, text: name, slug: nil, isTitle: false)
            }
        }
    }

    /// Takes back what `add` gave for an article leaving the index: its title and names count
    /// one article fewer (none left: not suggested), and a title no longer opens it.
    mutating func remove(title: String, slug: String, names: [String]) {
        if let existing = entryOfKey[StableHash.of(TextAnalyzer.fold(title))], entries[Int(existing)].titles > 0 {
            let e = Int(existing)
            entries[e].titles -= 1
            if self.slug(of: e) == slug { restore(e, slug: nil) }
        }
        for name in Set(names) where !name.isEmpty {
            guard let existing = entryOfKey[StableHash.of(TextAnalyzer.fold(name))] else { continue }
            if entries[Int(existing)].articles > 0 { entries[Int(existing)].articles -= 1 }
        }
    }

    private func slug(of e: Int) -> String {
        names.read(entries[e].record) { r in r.skipBytes(); r.skipBytes(); return r.string() }
    }

    /// Stores the entry's key and text again with another slug.
    private mutating func restore(_ e: Int, slug: String?) {
        let (key, text) = names.read(entries[e].record) { r in (r.string(), r.string()) }
        entries[e].record = store(key, text, slug)
    }

    private mutating func store(_ key: String, _ text: String, _ slug: String?) -> Int {
        var w = RecordWriter()
        w.string(key)
        w.string(text)
        w.string(slug ?? "")
        return names.append(w.bytes, [])
    }

    private mutating func insert(key: String, text: String, slug: String?, isTitle: Bool) {
        let index = Int32(entries.count)
        entries.append(Entry(record: store(key, text, slug), articles: isTitle ? 0 : 1, titles: isTitle ? 1 : 0))
        entryOfKey[StableHash.of(key)] = index
        for word in Set(key.split(separator: " ").map(String.init)) {
            if !entriesOfWord.contains(word) { newWords.append(word) }
            entriesOfWord.add(word, index)
        }
    }

    /// Merges the words that came since the last call into the sorted words: lookups read only
    /// those. A merge, not a sort of everything, so that publishing one article stays cheap.
    mutating func prepare() {
        guard !newWords.isEmpty else { return }
        let added = newWords.sorted()
        newWords = []
        var merged: [String] = []
        merged.reserveCapacity(sortedWords.count + added.count)
        var i = 0, j = 0
        while i < sortedWords.count && j < added.count {
            if added[j] < sortedWords[i] { merged.append(added[j]); j += 1 } else { merged.append(sortedWords[i]); i += 1 }
        }
        merged.append(contentsOf: sortedWords[i...])
        merged.append(contentsOf: added[j...])
        sortedWords = merged
    }

    /// Whether a folded key starts with `prefix` or has a word that does.
    private func matches(_ e: Int32, _ prefix: [UInt8]) -> (found: Bool, atStart: Bool) {
        names.read(entries[Int(e)].record) { r in
            let n = r.int()
            let key = UnsafeBufferPointer(rebasing: r.bytes[r.at..<(r.at + n)])
            guard key.count >= prefix.count else { return (false, false) }
            if key.starts(with: prefix) { return (true, true) }
            var i = 0
            while i + prefix.count < key.count {
                if key[i] == 0x20 && key[(i + 1)...].starts(with: prefix) { return (true, false) }
                i += 1
            }
            return (false, false)
        }
    }

    private func suggestion(_ e: Int32) -> Suggestion {
        names.read(entries[Int(e)].record) { r in
            r.skipBytes()
            let text = r.string(), slug = r.string()
            let entry = entries[Int(e)]
            return Suggestion(text: text, slug: slug.isEmpty ? nil : slug, articles: Int(max(entry.articles, entry.titles > 0 ? 1 : 0)))
        }
    }

    func lookup(_ prefix: String, limit: Int) -> [Suggestion] {
        let p = TextAnalyzer.fold(prefix).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard p.count >= 2, limit > 0, let first = p.split(separator: " ").first.map(String.init) else { return [] }
        // Candidates: names holding the first typed word (whole, when more words follow it; as a
        // prefix otherwise), then only those where the whole prefix starts at a word.
        var candidates: [Int32] = []
        if p.contains(" ") {
            candidates = entriesOfWord.articles(first)
        } else {
            var lo = 0, hi = sortedWords.count
            while lo < hi { let mid = (lo + hi) / 2; if sortedWords[mid] < first { lo = mid + 1 } else { hi = mid } }
            while lo < sortedWords.count, sortedWords[lo].hasPrefix(first), candidates.count < 5000 {
                candidates += entriesOfWord.articles(sortedWords[lo])
                lo += 1
            }
        }
        let prefixBytes = Array(p.utf8)
        var seen = Set<Int32>()
        var found: [(atStart: Bool, s: Suggestion)] = []
        for e in candidates where found.count < 500 && entries[Int(e)].visible && seen.insert(e).inserted {
            let m = matches(e, prefixBytes)
            if m.found { found.append((m.atStart, suggestion(e))) }
        }
        // Names that start with the prefix first, then names about more articles, then shorter.
        return found.sorted { a, b in
            if a.atStart != b.atStart { return a.atStart }
            if a.s.articles != b.s.articles { return a.s.articles > b.s.articles }
            return (a.s.text.count, a.s.text) < (b.s.text.count, b.s.text)
        }.prefix(limit).map(\.s)
    }

    /// Approximate bytes held.
    var storedBytes: Int {
        names.storedBytes + entries.capacity * MemoryLayout<Entry>.stride + entryOfKey.capacity * 12
            + entriesOfWord.storedBytes + (sortedWords.capacity + newWords.capacity) * 16
    }
}

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
/// place it can be found from ("fasc" finds "Plantar fasciitis"). Words point to the names that
/// hold them, so the table costs a few bytes per word rather than a copy of every name's tail.
struct SuggestionTable {
    private var entries: [Suggestion] = []
    /// Each entry's folded text, for matching.
    private var keys: [String] = []
    private var entryOfKey: [String: Int32] = [:]
    private var entriesOfWord: [String: [Int32]] = [:]
    private var sortedWords: [String] = []
    private var dirty = false

    mutating func add(title: String, slug: String, names: [String]) {
        let titleKey = TextAnalyzer.fold(title)
        if let existing = entryOfKey[titleKey], entries[Int(existing)].slug == nil {
            // A title that equals a name: the article is the better target.
            entries[Int(existing)].slug = slug
        } else if entryOfKey[titleKey] == nil {
            insert(key: titleKey, Suggestion(text: title, slug: slug, articles: 1))
        }
        for name in Set(names) where !name.isEmpty {
            let key = TextAnalyzer.fold(name)
            if let existing = entryOfKey[key] {
                if entries[Int(existing)].slug == nil { entries[Int(existing)].articles += 1 }
            } else {
                insert(key: key, Suggestion(text: name, slug: nil, articles: 1))
            }
        }
    }

    private mutating func insert(key: String, _ s: Suggestion) {
        let index = Int32(entries.count)
        entries.append(s)
        keys.append(key)
        entryOfKey[key] = index
        for word in Set(key.split(separator: " ").map(String.init)) {
            if entriesOfWord[word] == nil { dirty = true }
            entriesOfWord[word, default: []].append(index)
        }
    }

    /// Sorts the words again when new ones came since the last lookup.
    mutating func prepare() {
        guard dirty else { return }
        sortedWords = entriesOfWord.keys.sorted()
        dirty = false
    }

    var needsPreparing: Bool { dirty }

    func lookup(_ prefix: String, limit: Int) -> [Suggestion] {
        let p = TextAnalyzer.fold(prefix).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard p.count >= 2, limit > 0, let first = p.split(separator: " ").first.map(String.init) else { return [] }
        // Candidates: names holding the first typed word (whole, when more words follow it; as a
        // prefix otherwise), then only those where the whole prefix starts at a word.
        var candidates: [Int32] = []
        if p.contains(" ") {
            candidates = entriesOfWord[first] ?? []
        } else {
            var lo = 0, hi = sortedWords.count
            while lo < hi { let mid = (lo + hi) / 2; if sortedWords[mid] < first { lo = mid + 1 } else { hi = mid } }
            while lo < sortedWords.count, sortedWords[lo].hasPrefix(first), candidates.count < 5000 {
                candidates += entriesOfWord[sortedWords[lo]] ?? []
                lo += 1
            }
        }
        var seen = Set<Int32>()
        var found: [(key: String, s: Suggestion)] = []
        for e in candidates where found.count < 500 && seen.insert(e).inserted {
            let key = keys[Int(e)]
            if key.hasPrefix(p) || key.contains(" " + p) { found.append((key, entries[Int(e)])) }
        }
        // Names that start with the prefix first, then names about more articles, then shorter.
        return found.sorted { a, b in
            let (sa, sb) = (a.key.hasPrefix(p), b.key.hasPrefix(p))
            if sa != sb { return sa }
            if a.s.articles != b.s.articles { return a.s.articles > b.s.articles }
            return (a.s.text.count, a.s.text) < (b.s.text.count, b.s.text)
        }.prefix(limit).map(\.s)
    }
}

extension SearchIndex {
    /// Completions for what has been typed so far.
    public func suggest(_ prefix: String, limit: Int = 8) -> [Suggestion] {
        if lock.read({ suggestionTable.needsPreparing }) { lock.write { suggestionTable.prepare() } }
        return lock.read { suggestionTable.lookup(prefix, limit: limit) }
    }
}

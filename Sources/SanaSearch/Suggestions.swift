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
/// place it can be found from ("fasc" finds "Plantar fasciitis").
struct SuggestionTable {
    private var entries: [String: Suggestion] = [:]
    private var sorted: [(prefixKey: String, entry: String)] = []
    private var dirty = false

    mutating func add(title: String, slug: String, names: [String]) {
        insert(key: TextAnalyzer.fold(title), Suggestion(text: title, slug: slug, articles: 1))
        for name in Set(names) where !name.isEmpty {
            let key = TextAnalyzer.fold(name)
            if var existing = entries[key], existing.slug == nil {
                existing.articles += 1
                entries[key] = existing
            } else if entries[key] == nil {
                insert(key: key, Suggestion(text: name, slug: nil, articles: 1))
            }
        }
    }

    private mutating func insert(key: String, _ s: Suggestion) {
        entries[key] = s
        dirty = true
    }

    /// Rebuilds the sorted word index when entries changed since the last lookup.
    mutating func prepare() {
        guard dirty else { return }
        var list: [(String, String)] = []
        for key in entries.keys {
            let words = key.split(separator: " ")
            for i in words.indices { list.append((words[i...].joined(separator: " "), key)) }
        }
        sorted = list.sorted { $0.0 < $1.0 }
        dirty = false
    }

    var needsPreparing: Bool { dirty }

    func lookup(_ prefix: String, limit: Int) -> [Suggestion] {
        let p = TextAnalyzer.fold(prefix).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard p.count >= 2, limit > 0 else { return [] }
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid].prefixKey < p { lo = mid + 1 } else { hi = mid } }
        var seen = Set<String>()
        var found: [(key: String, s: Suggestion)] = []
        var i = lo
        while i < sorted.count, sorted[i].prefixKey.hasPrefix(p), found.count < 500 {
            if seen.insert(sorted[i].entry).inserted, let s = entries[sorted[i].entry] { found.append((sorted[i].entry, s)) }
            i += 1
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

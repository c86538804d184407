import SanaCore

/// An indexed article decoded from its record: done only for the articles a search returns.
struct IndexedDoc {
    var id: String
    var slug: String
    var title: String
    var categorySlug: String
    var summary: String
    var focus: String?
    var alsoCalled: [String]
    /// Folded focus and also-called names, for focus matching.
    var focusKeys: [String]
    /// The article's most frequent terms, for finding similar articles.
    var keyTerms: [Int32]
    var sections: [IndexedSection]
}

/// The layout of an article's record in the `RecordPool`. The head holds term ids, known only
/// once the writer assigns them; the tail is written while articles are analysed
/// in parallel: id, slug, title, category, summary, focus, also-called names, focus keys, then
/// each section's heading, aspect and text.
enum IndexRecord {
    static func tail(_ a: Article, sections: [IndexedSection], focusKeys: [String]) -> [UInt8] {
        var w = RecordWriter()
        for s in [a.id, a.slug, a.title, a.category.slug, a.summary] { w.string(s) }
        w.optionalString(a.focus)
        w.strings(a.alsoCalled)
        w.strings(focusKeys)
        w.int(sections.count)
        for s in sections {
            w.optionalString(s.heading)
            w.int(Aspect.allCases.firstIndex(of: s.aspect) ?? 0)
            w.data(s.text)
        }
        return w.bytes
    }

    /// Key terms and each section's terms, sorted; starts with its own length so readers can
    /// skip to the tail.
    static func head(keyTerms: [Int32], sectionTerms: [[Int32]]) -> [UInt8] {
        var inner = RecordWriter()
        inner.sortedIDs(keyTerms.sorted())
        inner.int(sectionTerms.count)
        for terms in sectionTerms { inner.sortedIDs(terms.sorted()) }
        var w = RecordWriter()
        w.data(inner.bytes)
        return w.bytes
    }

    /// Moves a reader from the start of a record to its tail.
    static func skipHead(_ r: inout RecordReader) { r.skipBytes() }

    static func decode(_ r: inout RecordReader) -> IndexedDoc {
        _ = r.int()
        let keyTerms = r.sortedIDs()
        let sectionTerms = (0..<r.int()).map { _ in r.sortedIDs() }
        let id = r.string(), slug = r.string(), title = r.string(), category = r.string(), summary = r.string()
        let focus = r.optionalString()
        let alsoCalled = r.strings(), focusKeys = r.strings()
        let sections = (0..<r.int()).map { i in
            let heading = r.optionalString()
            let aspect = Aspect.allCases[r.int()]
            return IndexedSection(heading: heading, aspect: aspect, terms: i < sectionTerms.count ? sectionTerms[i] : [], text: r.data())
        }
        return IndexedDoc(id: id, slug: slug, title: title, categorySlug: category, summary: summary, focus: focus,
                          alsoCalled: alsoCalled, focusKeys: focusKeys, keyTerms: keyTerms, sections: sections)
    }
}

extension IndexSnapshot {
    /// Article `n` in full.
    func document(_ n: Int32) -> IndexedDoc { records.read(docRecord[Int(n)]) { IndexRecord.decode(&$0) } }

    func id(of n: Int32) -> String { records.read(docRecord[Int(n)]) { r in IndexRecord.skipHead(&r); return r.string() } }

    func summary(of n: Int32) -> String {
        records.read(docRecord[Int(n)]) { r in
            IndexRecord.skipHead(&r)
            for _ in 0..<4 { r.skipBytes() }
            return r.string()
        }
    }

    /// The first focus key of article `n` (what its topic group is named after), nil when it has none.
    func firstFocusKey(of n: Int32) -> String? {
        records.read(docRecord[Int(n)]) { r in
            IndexRecord.skipHead(&r)
            for _ in 0..<5 { r.skipBytes() }
            r.skipOptional()
            r.skipStrings()
            return r.int() > 0 ? r.string() : nil
        }
    }

    /// Slug, title, focus and also-called names, for the A–Z index and suggestions.
    func names(of n: Int32) -> (slug: String, title: String, focus: String?, alsoCalled: [String]) {
        records.read(docRecord[Int(n)]) { r in
            IndexRecord.skipHead(&r)
            r.skipBytes()
            let slug = r.string(), title = r.string()
            for _ in 0..<2 { r.skipBytes() }
            let focus = r.optionalString()
            return (slug, title, focus, r.strings())
        }
    }
}

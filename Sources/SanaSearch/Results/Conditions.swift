import SanaCore

/// The A–Z index of conditions.
extension IndexSnapshot {
    /// Every condition name (focus and also-called) of published articles, for the A–Z index:
    /// the article to open first (the one answering "what is it?" when there is one) and how
    /// many articles are about it.
    func conditionNames() -> [ConditionName] {
        let information = UInt32(1) << UInt32(QuestionType.allCases.firstIndex(of: .information) ?? 0)
        var byName: [String: ConditionName] = [:]
        for n in docRecord.indices where docAlive[n] {
            let d = names(of: Int32(n))
            guard let focus = d.focus else { continue }
            let answersWhatIs = docTypes[n] & information != 0
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
        // Sorted by the lower-case keys (unique) as UTF-8 bytes, which is code point order, and
        // first by their first eight bytes as one integer: at a million names, comparing strings
        // was most of the A–Z directory's rebuild.
        var entries = byName.map { (prefix: Self.sortPrefix($0.key), key: $0.key, name: $0.value) }
        entries.sort { a, b in
            a.prefix != b.prefix ? a.prefix < b.prefix : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }
        return entries.map(\.name)
    }

    /// A key's first eight UTF-8 bytes as a big-endian integer: integer order is byte order.
    static func sortPrefix(_ key: String) -> UInt64 {
        var prefix: UInt64 = 0, count = 0
        for byte in key.utf8.prefix(8) { prefix = prefix << 8 | UInt64(byte); count += 1 }
        return prefix << (8 * UInt64(8 - count))
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

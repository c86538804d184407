import SanaCore

/// The A–Z index of conditions.
extension IndexSnapshot {
    /// Every condition name (focus and also-called) of published articles, for the A–Z index:
    /// the article to open first (the one answering "what is it?" when there is one) and how
    /// many articles are about it.
    func conditionNames() -> [ConditionName] {
        let information = UInt32(1) << UInt32(QuestionType.allCases.firstIndex(of: .information) ?? 0)
        var slot: [String: Int32] = [:]
        var entries: [ConditionName] = [], keys: [String] = []
        slot.reserveCapacity(liveCount)
        entries.reserveCapacity(liveCount)
        keys.reserveCapacity(liveCount)
        for n in docRecord.indices where docAlive[n] {
            let d = names(of: Int32(n))
            guard let focus = d.focus else { continue }
            let answersWhatIs = docTypes[n] & information != 0
            for (i, name) in ([focus] + d.alsoCalled).enumerated() where !name.isEmpty {
                let key = name.lowercased()
                if let at = slot[key].map(Int.init) {
                    entries[at].articles += 1
                    if answersWhatIs && !entries[at].opensOverview { entries[at].slug = d.slug; entries[at].opensOverview = true }
                    entries[at].isAlias = entries[at].isAlias && i > 0
                } else {
                    slot[key] = Int32(entries.count)
                    entries.append(ConditionName(name: name, slug: d.slug, articles: 1, isAlias: i > 0, opensOverview: answersWhatIs))
                    keys.append(key)
                }
            }
        }
        // Sorted by the lower-case keys (unique) as UTF-8 bytes, which is code point order, first
        // by their first 24 bytes as three integers: at a million names, comparing strings was
        // most of the A–Z directory's reading, and names sharing their first 8 bytes are common.
        var order = keys.indices.map { SortKey(keys[$0], Int32($0)) }
        order.sort { a, b in
            if a.words != b.words { return a.words < b.words }
            return keys[Int(a.index)].utf8.lexicographicallyPrecedes(keys[Int(b.index)].utf8)
        }
        return order.map { entries[Int($0.index)] }
    }

    /// A key's first 24 UTF-8 bytes as three big-endian integers (zeros after its end: keys hold
    /// no NUL), whose order is the bytes' order, and where the key is.
    struct SortKey {
        var words: (UInt64, UInt64, UInt64)
        var index: Int32

        init(_ key: String, _ index: Int32) {
            var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, count = 0
            for byte in key.utf8.prefix(24) {
                let v = UInt64(byte) << (8 * UInt64(7 - count % 8))
                switch count / 8 { case 0: w0 |= v; case 1: w1 |= v; default: w2 |= v }
                count += 1
            }
            words = (w0, w1, w2)
            self.index = index
        }
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

/// Names (focus and also-called keys) to the articles about them, keyed by the name's hash: with
/// a million articles, nearly every one naming its own condition, names kept as dictionary keys
/// with an array each cost more than the articles' postings. Hashes are 64-bit and the same in
/// every process (`StableHash`); two of a few million names sharing one is about a one-in-a-million-million chance.
struct FocusTable {
    /// A name's only article (≥ 0) or, as `-(i + 1)`, its list `lists[i]`.
    var heads: [Int: Int32] = [:]
    var lists: [[Int32]] = []

    func contains(_ key: String) -> Bool { heads[StableHash.of(key)] != nil }

    /// The articles about a name, in the order they were added.
    func articles(_ key: String) -> [Int32] {
        guard let head = heads[StableHash.of(key)] else { return [] }
        return head >= 0 ? [head] : lists[Int(-head - 1)]
    }

    mutating func add(_ key: String, _ doc: Int32) {
        let h = StableHash.of(key)
        guard let head = heads[h] else { heads[h] = doc; return }
        if head >= 0 {
            lists.append([head, doc])
            heads[h] = -Int32(lists.count)
        } else {
            lists[Int(-head - 1)].append(doc)
        }
    }

    /// Applies new article numbers (-1 for removed articles) after the index compacts.
    mutating func renumber(_ map: [Int32]) {
        var newHeads: [Int: Int32] = [:]
        var newLists: [[Int32]] = []
        newHeads.reserveCapacity(heads.count)
        for (h, head) in heads {
            let kept = (head >= 0 ? [head] : lists[Int(-head - 1)]).map { map[Int($0)] }.filter { $0 >= 0 }
            if kept.count == 1 {
                newHeads[h] = kept[0]
            } else if kept.count > 1 {
                newLists.append(kept)
                newHeads[h] = -Int32(newLists.count)
            }
        }
        heads = newHeads
        lists = newLists
    }

    /// Approximate bytes held.
    var storedBytes: Int { heads.capacity * 12 + lists.reduce(0) { $0 + 48 + $1.capacity * 4 } }
}

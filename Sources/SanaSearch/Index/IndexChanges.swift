import SanaCore

/// What the writer does to its copy of the index. Only `IndexWriter` holds a mutable snapshot,
/// so only it can call these; searches hold published snapshots, which are constants.
extension IndexSnapshot {
    /// Removes article `id` if indexed, then adds `prepared` (nil: the article is not published).
    mutating func replace(_ id: String, with prepared: Prepared?) {
        remove(id)
        if let prepared { add(prepared) }
    }

    mutating func add(_ doc: Prepared) {
        let n = Int32(docRecord.count)
        docLengths.append(doc.lengths)
        docAlive.append(true)
        docTypes.append(doc.answersTypes)
        docGroups.append(group(doc.focusKeys.first ?? "#" + doc.id))
        docCategory.append(category(doc.categorySlug))
        docNumber[doc.id] = n
        lengthSums += doc.lengths
        liveCount += 1
        for key in Set(doc.focusKeys) { focusDocs.add(key, n) }
        nameVocabulary.note(doc.focusKeys)
        suggestionTable.add(title: doc.title, slug: doc.slug, names: doc.names)

        var ids: [Int32] = []
        ids.reserveCapacity(doc.terms.count)
        for (term, frequencies) in zip(doc.terms, doc.frequencies) {
            let id: Int32
            if let existing = termIDs[term] { id = existing } else {
                id = Int32(terms.count)
                termIDs[term] = id
                terms.append(term)
                postings.append(PostingList())
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
                surfaceOrder.append(Int32(id))
                speller.add(word)
            }
        }
    }

    private mutating func group(_ key: String) -> Int32 {
        let h = StableHash.of(key)
        if let g = groupIDs[h] { return g }
        let g = Int32(groupIDs.count)
        groupIDs[h] = g
        return g
    }

    private mutating func category(_ slug: String) -> Int32 {
        if let c = categoryIDs[slug] { return c }
        let c = Int32(categoryIDs.count)
        categoryIDs[slug] = c
        return c
    }

    mutating func remove(_ id: String) {
        guard let n = docNumber.removeValue(forKey: id) else { return }
        let doc = names(of: n)
        suggestionTable.remove(title: doc.title, slug: doc.slug, names: [doc.focus].compactMap { $0 } + doc.alsoCalled)
        docAlive[Int(n)] = false
        lengthSums -= docLengths[Int(n)]
        liveCount -= 1
        deadCount += 1
        if deadCount > 1000 && deadCount > liveCount / 4 { compact() }
    }

    /// Drops removed articles from the postings and records once they are a quarter of the index.
    /// This rewrites nearly everything, in the writer's copy: searches go on reading the
    /// published snapshot meanwhile.
    private mutating func compact() {
        var renumber = [Int32](repeating: -1, count: docRecord.count)
        var kept: [Int] = []
        for i in docRecord.indices where docAlive[i] { renumber[i] = Int32(kept.count); kept.append(i) }
        for t in postings.indices {
            postings[t] = PostingList(postings[t].all.lazy.compactMap { p in
                let m = renumber[Int(p.doc)]
                return m < 0 ? nil : Posting(doc: m, counts: p.counts)
            })
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

    /// Copies each posting list's growing end into storage of its exact size. After a bulk load.
    mutating func trimStorage() {
        for t in postings.indices { postings[t].trim() }
    }
}

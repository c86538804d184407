/// Saving a published snapshot as an index file (see `IndexFileLayout`). Records and postings
/// are written as searches read them, so the next server maps them instead of rebuilding them.
extension IndexSnapshot {
    /// Writes this state to `path` atomically; `position` is the database's change number it is
    /// current up to.
    func save(to path: String, position: Int) throws(IndexFileError) {
        do {
            var w = try IndexFileWriter(path: path)
            do {
                try writeSections(&w)
                try w.finish(position: position, analysis: ArticleAnalysis.fingerprint)
            } catch {
                w.abandon()
                throw error
            }
        } catch let error as IndexFileError {
            throw error
        } catch {
            throw .unwritable(path, "\(error)")
        }
    }

    private func writeSections(_ w: inout IndexFileWriter) throws {
        var meta = RecordWriter()
        for v in [docRecord.count, terms.count, liveCount, deadCount, generation, surfaceOrder.count] { meta.int(v) }
        for i in 0..<4 { meta.int(Int(lengthSums[i].bitPattern)) }
        try section(&w) { w in try w.write(meta.bytes) }
        try section(&w) { w in
            var list = RecordWriter()
            for t in terms { list.string(t) }
            try w.write(list.bytes)
        }
        var starts: [Int64] = [0]
        starts.reserveCapacity(postings.count + 1)
        for p in postings { starts.append(starts[starts.count - 1] + Int64(p.count)) }
        try section(&w) { w in try w.write(array: starts) }
        try section(&w) { w in
            for p in postings {
                var failure: (any Error)?
                p.forEachBlock { block in
                    guard failure == nil else { return }
                    do { try w.write(UnsafeRawBufferPointer(block)) } catch { failure = error }
                }
                if let failure { throw failure }
            }
        }
        try section(&w) { w in try w.write(array: Self.recordOffsets(records, docRecord)) }
        try Self.writeRecords(&w, records, docRecord)
        try section(&w) { w in try w.write(array: docLengths) }
        try section(&w) { w in try w.write(array: docAlive) }
        try section(&w) { w in try w.write(array: docTypes) }
        try section(&w) { w in try w.write(array: docGroups) }
        try section(&w) { w in try w.write(array: docCategory) }
        try section(&w) { w in try w.write(array: groupIDs.flatMap { [Int64($0.key), Int64($0.value)] }) }
        try section(&w) { w in try w.write(Self.stringTable(categoryIDs)) }
        try section(&w) { w in try w.write(Self.stringTable(docNumber)) }
        try section(&w) { w in try w.write(array: focusDocs.flattened) }
        try section(&w) { w in
            var list = RecordWriter()
            var next = [Int](repeating: 0, count: termSurfaces.count)
            for t in surfaceOrder {
                list.int(Int(t))
                list.string(termSurfaces[Int(t)][next[Int(t)]])
                next[Int(t)] += 1
            }
            try w.write(list.bytes)
        }
        try suggestionTable.write(&w)
        try section(&w) { w in
            var list = RecordWriter()
            list.int(unpublished.byArticle.count)
            for (id, entry) in unpublished.byArticle.sorted(by: { $0.key < $1.key }) {
                list.string(id)
                list.int(entry.drug ? 1 : 0)
                list.strings(entry.keys)
                list.strings(entry.words)
            }
            try w.write(list.bytes)
        }
        try section(&w) { w in
            var list = RecordWriter()
            list.strings(nameVocabulary.words.sorted())
            list.strings(nameVocabulary.heads.sorted())
            try w.write(list.bytes)
        }
    }

    /// Where each record will start in the records section `writeRecords` writes.
    static func recordOffsets(_ pool: RecordPool, _ addresses: [Int]) -> [Int64] {
        var at: Int64 = 0
        return addresses.map { a in
            defer { at += Int64(pool.withStoredBytes(a) { $0.count }) }
            return at
        }
    }

    /// The records at `addresses`, back to back as stored, as one section.
    static func writeRecords(_ w: inout IndexFileWriter, _ pool: RecordPool, _ addresses: [Int]) throws {
        try section(&w) { w in
            for a in addresses {
                var failure: (any Error)?
                pool.withStoredBytes(a) { bytes in
                    do { try w.write(UnsafeRawBufferPointer(bytes)) } catch { failure = error }
                }
                if let failure { throw failure }
            }
        }
    }

    static func section(_ w: inout IndexFileWriter, _ body: (inout IndexFileWriter) throws -> Void) throws {
        w.beginSection()
        try body(&w)
        try w.endSection()
    }

    static func stringTable(_ table: [String: Int32]) -> [UInt8] {
        var list = RecordWriter()
        list.int(table.count)
        for (key, value) in table { list.string(key); list.int(Int(value)) }
        return list.bytes
    }

    private func section(_ w: inout IndexFileWriter, _ body: (inout IndexFileWriter) throws -> Void) throws {
        try Self.section(&w, body)
    }
}

extension SuggestionTable {
    func write(_ w: inout IndexFileWriter) throws {
        let addresses = entries.map(\.record)
        let offsets = IndexSnapshot.recordOffsets(names, addresses)
        try IndexSnapshot.section(&w) { w in
            try w.write(array: zip(entries, offsets).flatMap { e, at in [at, Int64(e.articles), Int64(e.titles)] })
        }
        try IndexSnapshot.writeRecords(&w, names, addresses)
        try IndexSnapshot.section(&w) { w in try w.write(array: entryOfKey.flatMap { [Int64($0.key), Int64($0.value)] }) }
        try IndexSnapshot.section(&w) { w in try w.write(array: entriesOfWord.flattened) }
        try IndexSnapshot.section(&w) { w in
            var list = RecordWriter()
            list.int(sortedWords.count)
            for word in sortedWords { list.string(word) }
            list.int(newWords.count)
            for word in newWords { list.string(word) }
            try w.write(list.bytes)
        }
    }
}

extension FocusTable {
    /// The table as numbers: the heads' count, each head's hash and value, the lists' count, then
    /// each list's count and articles.
    var flattened: [Int64] {
        var out: [Int64] = [Int64(heads.count)]
        out.reserveCapacity(1 + heads.count * 2 + 1 + lists.reduce(0) { $0 + 1 + $1.count })
        for (h, head) in heads { out.append(Int64(h)); out.append(Int64(head)) }
        out.append(Int64(lists.count))
        for list in lists {
            out.append(Int64(list.count))
            for d in list { out.append(Int64(d)) }
        }
        return out
    }
}

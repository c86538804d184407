/// Reading a snapshot back from a checked index file: postings and records stay in the file's
/// mapping; tables keyed by strings and the per-article arrays are rebuilt in memory.
extension IndexSnapshot {
    init(file: IndexFileReader, synonyms: Synonyms, englishWords: EnglishWords, scratch: ScratchArrays) throws(IndexFileError) {
        self.init(synonyms: synonyms, englishWords: englishWords, scratch: scratch)
        let path = file.file.path
        func bad(_ what: String) -> IndexFileError { .corrupt(path, what) }
        mappings = [file.file]
        var meta = file.reader(.meta)
        let docCount = meta.int(), termCount = meta.int()
        liveCount = meta.int()
        deadCount = meta.int()
        generation = meta.int()
        let surfaceCount = meta.int()
        for i in 0..<4 { lengthSums[i] = Float(bitPattern: UInt32(truncatingIfNeeded: meta.int())) }

        var termList = file.reader(.terms)
        terms.reserveCapacity(termCount)
        termIDs.reserveCapacity(termCount)
        for i in 0..<termCount {
            let t = termList.string()
            terms.append(t)
            termIDs[t] = Int32(i)
        }
        let starts = try file.array(.postingStarts, of: Int64.self)
        let postingBytes = file.raw(.postings)
        guard starts.count == termCount + 1, Int(starts[termCount]) * MemoryLayout<Posting>.stride == postingBytes.count else {
            throw bad("posting list bounds")
        }
        let all = postingBytes.assumingMemoryBound(to: Posting.self)
        postings = (0..<termCount).map { t in PostingList(mapped: UnsafeBufferPointer(rebasing: all[Int(starts[t])..<Int(starts[t + 1])])) }

        let recordBytes = file.raw(.records)
        records = RecordPool(mapped: recordBytes.assumingMemoryBound(to: UInt8.self))
        file.file.adviseRandomAccess(file.sections[IndexSection.records.rawValue])
        docRecord = try file.array(.docRecords, of: Int64.self).map { Int($0) | RecordPool.mappedFlag }
        docLengths = try file.array(.docLengths, of: SIMD4<Float>.self)
        docAlive = try file.array(.docAlive, of: Bool.self)
        docTypes = try file.array(.docTypes, of: UInt32.self)
        docGroups = try file.array(.docGroups, of: Int32.self)
        docCategory = try file.array(.docCategory, of: Int32.self)
        guard [docRecord.count, docLengths.count, docAlive.count, docTypes.count, docGroups.count, docCategory.count].allSatisfy({ $0 == docCount })
        else { throw bad("article arrays") }
        let groups = try file.array(.groups, of: Int64.self)
        groupIDs.reserveCapacity(groups.count / 2)
        for i in stride(from: 0, to: groups.count - 1, by: 2) { groupIDs[Int(groups[i])] = Int32(groups[i + 1]) }
        categoryIDs = Self.stringTable(file.reader(.categories))
        docNumber = Self.stringTable(file.reader(.docNumbers))
        focusDocs = FocusTable(flattened: try file.array(.focus, of: Int64.self))

        var surfaces = file.reader(.surfaces)
        termSurfaces = [[String]](repeating: [], count: termCount)
        surfaceOrder.reserveCapacity(surfaceCount)
        for _ in 0..<surfaceCount {
            let t = surfaces.int()
            guard t < termCount else { throw bad("surface term") }
            let word = surfaces.string()
            termSurfaces[t].append(word)
            surfaceOrder.append(Int32(t))
            speller.add(word)
        }
        suggestionTable = try SuggestionTable(file: file)
        var drafts = file.reader(.unpublishedNames)
        for _ in 0..<drafts.int() {
            let id = drafts.string()
            let drug = drafts.int() == 1
            noteUnpublished(id, .init(keys: drafts.strings(), words: drafts.strings(), drug: drug))
        }
        var vocabulary = file.reader(.nameVocabulary)
        nameVocabulary = NameVocabulary(words: Set(vocabulary.strings()), heads: Set(vocabulary.strings()))
    }

    static func stringTable(_ r: RecordReader) -> [String: Int32] {
        var r = r
        let n = r.int()
        var table: [String: Int32] = [:]
        table.reserveCapacity(n)
        for _ in 0..<n {
            let key = r.string()
            table[key] = Int32(r.int())
        }
        return table
    }
}

extension SuggestionTable {
    init(file: IndexFileReader) throws(IndexFileError) {
        self.init()
        let list = try file.array(.suggestionEntries, of: Int64.self)
        entries = stride(from: 0, to: list.count - 2, by: 3).map { i in
            Entry(record: Int(list[i]) | RecordPool.mappedFlag, articles: Int32(list[i + 1]), titles: Int32(list[i + 2]))
        }
        names = RecordPool(mapped: file.raw(.suggestionNames).assumingMemoryBound(to: UInt8.self))
        file.file.adviseRandomAccess(file.sections[IndexSection.suggestionNames.rawValue])
        let keys = try file.array(.suggestionKeys, of: Int64.self)
        entryOfKey.reserveCapacity(keys.count / 2)
        for i in stride(from: 0, to: keys.count - 1, by: 2) { entryOfKey[Int(keys[i])] = Int32(keys[i + 1]) }
        entriesOfWord = FocusTable(flattened: try file.array(.suggestionWords, of: Int64.self))
        var words = file.reader(.suggestionSortedWords)
        sortedWords = (0..<words.int()).map { _ in words.string() }
        newWords = (0..<words.int()).map { _ in words.string() }
    }
}

extension FocusTable {
    /// Reads what `flattened` wrote.
    init(flattened v: [Int64]) {
        self.init()
        var at = 0
        func next() -> Int64 { defer { at += 1 }; return at < v.count ? v[at] : 0 }
        let headCount = Int(next())
        heads.reserveCapacity(headCount)
        for _ in 0..<headCount { let h = Int(next()); heads[h] = Int32(next()) }
        let listCount = Int(next())
        lists = (0..<listCount).map { _ in (0..<Int(next())).map { _ in Int32(next()) } }
    }
}

/// Reading a snapshot back from a checked index file: postings and records stay in the file's
/// mapping; tables keyed by strings and the per-article arrays are rebuilt in memory.
import Foundation

extension IndexSnapshot {
    /// Decodes the snapshot in `file`, in independent parts on every core, beside checking the
    /// checksums of the sections decoding never reads (`IndexFileReader.mappedOnly`): at a million
    /// articles each part takes a second or more, and a server should be ready within ten.
    init(file: IndexFileReader, synonyms: Synonyms, englishWords: EnglishWords, scratch: ScratchArrays) throws(IndexFileError) {
        self.init(synonyms: synonyms, englishWords: englishWords, scratch: scratch)
        let path = file.file.path
        mappings = [file.file]
        var meta = file.reader(.meta)
        let docCount = meta.int(), termCount = meta.int()
        liveCount = meta.int()
        deadCount = meta.int()
        generation = meta.int()
        let surfaceCount = meta.int()
        for i in 0..<4 { lengthSums[i] = Float(bitPattern: UInt32(truncatingIfNeeded: meta.int())) }

        let base = self
        let parts = DecodedParts()
        let checked = IndexFileReader.mappedOnly
        let partCount = 7
        var failures = [IndexFileError?](repeating: nil, count: checked.count + partCount)
        failures.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let failed = out
            DispatchQueue.concurrentPerform(iterations: checked.count + partCount) { i in
                do throws(IndexFileError) {
                    switch i - checked.count {
                    case ..<0: try file.verify(checked[i])
                    case 0: parts.suggestions = try SuggestionTable(file: file)
                    case 1:
                        var vocabulary = file.reader(.nameVocabulary)
                        parts.vocabulary = NameVocabulary(words: Set(vocabulary.strings()), heads: Set(vocabulary.strings()))
                    case 2: parts.focus = FocusTable(flattened: try file.array(.focus, of: Int64.self))
                    case 3: parts.docNumber = Self.stringTable(file.reader(.docNumbers))
                    case 4: parts.terms = Self.termTable(file.reader(.terms), count: termCount)
                    case 5: parts.words = try base.withWords(file, termCount: termCount, surfaceCount: surfaceCount)
                    default: parts.arrays = try base.withArrays(file, termCount: termCount, docCount: docCount)
                    }
                } catch { failed[i] = error }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        guard let arrays = parts.arrays, let words = parts.words, let terms = parts.terms, let docNumber = parts.docNumber,
              let focus = parts.focus, let vocabulary = parts.vocabulary, let suggestions = parts.suggestions
        else { throw .corrupt(path, "incomplete decoding") }
        self = arrays
        (self.terms, termIDs) = terms
        self.docNumber = docNumber
        focusDocs = focus
        nameVocabulary = vocabulary
        suggestionTable = suggestions
        speller = words.speller
        termSurfaces = words.termSurfaces
        surfaceOrder = words.surfaceOrder
        unpublished = words.unpublished
    }

    /// This snapshot with the postings, the per-article arrays, groups and categories read.
    private func withArrays(_ file: IndexFileReader, termCount: Int, docCount: Int) throws(IndexFileError) -> IndexSnapshot {
        var s = self
        let starts = try file.array(.postingStarts, of: Int64.self)
        let postingBytes = file.raw(.postings)
        guard starts.count == termCount + 1, Int(starts[termCount]) * MemoryLayout<Posting>.stride == postingBytes.count else {
            throw .corrupt(file.file.path, "posting list bounds")
        }
        let all = postingBytes.assumingMemoryBound(to: Posting.self)
        s.postings = (0..<termCount).map { t in PostingList(mapped: UnsafeBufferPointer(rebasing: all[Int(starts[t])..<Int(starts[t + 1])])) }
        s.records = RecordPool(mapped: file.raw(.records).assumingMemoryBound(to: UInt8.self))
        file.file.adviseRandomAccess(file.sections[IndexSection.records.rawValue])
        s.docRecord = try file.array(.docRecords, of: Int64.self).map { Int($0) | RecordPool.mappedFlag }
        s.docLengths = try file.array(.docLengths, of: SIMD4<Float>.self)
        s.docAlive = try file.array(.docAlive, of: Bool.self)
        s.docTypes = try file.array(.docTypes, of: UInt32.self)
        s.docGroups = try file.array(.docGroups, of: Int32.self)
        s.docCategory = try file.array(.docCategory, of: Int32.self)
        guard [s.docRecord.count, s.docLengths.count, s.docAlive.count, s.docTypes.count, s.docGroups.count, s.docCategory.count]
            .allSatisfy({ $0 == docCount })
        else { throw .corrupt(file.file.path, "article arrays") }
        let groups = try file.array(.groups, of: Int64.self)
        s.groupIDs.reserveCapacity(groups.count / 2)
        for i in stride(from: 0, to: groups.count - 1, by: 2) { s.groupIDs[Int(groups[i])] = Int32(groups[i + 1]) }
        s.categoryIDs = Self.stringTable(file.reader(.categories))
        return s
    }

    /// The speller, the terms' written forms and the unpublished names, given to the speller in
    /// the order the file keeps (the speller's choices depend on it).
    private func withWords(_ file: IndexFileReader, termCount: Int, surfaceCount: Int) throws(IndexFileError)
        -> (speller: SpellingCorrector, termSurfaces: [[String]], surfaceOrder: [Int32], unpublished: UnpublishedNames) {
        var s = self
        var surfaces = file.reader(.surfaces)
        s.termSurfaces = [[String]](repeating: [], count: termCount)
        s.surfaceOrder.reserveCapacity(surfaceCount)
        for _ in 0..<surfaceCount {
            let t = surfaces.int()
            guard t < termCount else { throw .corrupt(file.file.path, "surface term") }
            let word = surfaces.string()
            s.termSurfaces[t].append(word)
            s.surfaceOrder.append(Int32(t))
            s.speller.add(word)
        }
        var drafts = file.reader(.unpublishedNames)
        for _ in 0..<drafts.int() {
            let id = drafts.string()
            let drug = drafts.int() == 1
            s.noteUnpublished(id, .init(keys: drafts.strings(), words: drafts.strings(), drug: drug))
        }
        return (s.speller, s.termSurfaces, s.surfaceOrder, s.unpublished)
    }

    static func termTable(_ r: RecordReader, count: Int) -> (terms: [String], ids: [String: Int32]) {
        var r = r
        var terms: [String] = [], ids: [String: Int32] = [:]
        terms.reserveCapacity(count)
        ids.reserveCapacity(count)
        for i in 0..<count {
            let t = r.string()
            terms.append(t)
            ids[t] = Int32(i)
        }
        return (terms, ids)
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

/// What the parallel parts of decoding give back, each written by one part only.
private final class DecodedParts: @unchecked Sendable {
    var arrays: IndexSnapshot?
    var words: (speller: SpellingCorrector, termSurfaces: [[String]], surfaceOrder: [Int32], unpublished: UnpublishedNames)?
    var terms: (terms: [String], ids: [String: Int32])?
    var docNumber: [String: Int32]?
    var focus: FocusTable?
    var vocabulary: NameVocabulary?
    var suggestions: SuggestionTable?
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

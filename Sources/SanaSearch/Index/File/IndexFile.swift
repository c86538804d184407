import SanaCore

/// The index saved beside the database, so a server starts by mapping it instead of analysing
/// every article again (see README, "Index files").
extension SearchIndex {
    /// Opens the index file at `path`, checked whole (layout version, text-analysis fingerprint,
    /// every checksum). `position` is the database's change number the file is current up to:
    /// the caller applies the changes after it. Any problem throws `IndexFileError`, and the
    /// caller rebuilds from the database instead.
    public static func open(file path: String, synonyms: Synonyms = .curated, englishWords: EnglishWords = .none,
                            workers: Int = WorkSplit.availableCores) throws(IndexFileError) -> (index: SearchIndex, position: Int) {
        let reader = try IndexFileReader(path: path, expectedAnalysis: ArticleAnalysis.fingerprint)
        // Also checks the checksums of the sections decoding does not read, beside decoding.
        let snapshot = try IndexSnapshot(file: reader, synonyms: synonyms, englishWords: englishWords, scratch: ScratchArrays())
        return (SearchIndex(snapshot: snapshot, workers: workers), reader.position)
    }

    /// Saves the published index to `path` atomically (a temporary file, fsynced, renamed over
    /// it). `position`: the database's change number the index is current up to.
    public func save(file path: String, position: Int) throws(IndexFileError) {
        try writer.current.snapshot.save(to: path, position: position)
    }

    /// Bytes of index files this index reads from (mapped, resident only where touched).
    public var mappedBytes: Int { writer.current.snapshot.mappings.reduce(0) { $0 + $1.bytes.count } }
}

extension ArticleAnalysis {
    /// A fingerprint of how this build analyses an article (tokens, stems, stop words, focus
    /// keys, type mask, record layout): an index file written by a build that analyses
    /// differently would give other answers than a fresh index, so it is rebuilt instead.
    static var fingerprint: UInt64 {
        let article = Article(
            id: "fingerprint", title: "What are the treatments for Kidney Stones (Nephrolithiasis)?",
            summary: "Stones form in the kidneys; children's and adults' symptoms differ.",
            body: """
            ## Symptoms
            Pain in the lower back or side, blood in urine, nausea — and fever when infected. Doctors' tests: CT scans, X-rays.
            ## Treatment
            Drink 2–3 liters of water daily; ibuprofen (Advil®) or naproxen relieves pain. Shock-wave lithotripsy breaks larger stones.
            ## Prevention
            Less salt, café au lait, fewer oxalates; the is a of stop words are dropped.
            """,
            category: Category(name: "Kidneys & Urinary System"), focus: "Kidney Stones", alsoCalled: ["Nephrolithiasis", "Renal calculi (adult)"],
            tags: ["treatment", "symptoms"])
        var cache = TermCache()
        let p = ArticleAnalysis.prepare(article, &cache)
        var w = RecordWriter()
        w.strings(p.terms)
        for f in p.frequencies { for i in 0..<4 { w.int(Int(f[i].bitPattern)) } }
        for i in 0..<4 { w.int(Int(p.lengths[i].bitPattern)) }
        w.strings(p.focusKeys)
        w.strings(p.names)
        w.int(Int(p.answersTypes))
        w.sortedIDs(p.keyTerms.sorted())
        for s in p.sectionTerms { w.sortedIDs(s.sorted()) }
        w.strings(p.words.map { "\($0.word)=\($0.term)" })
        w.data(p.recordTail)
        w.data(IndexRecord.head(keyTerms: [3, 1, 2], sectionTerms: [[5, 4], [6]]))
        w.bytes += withUnsafeBytes(of: StableHash.of("kidney stones")) { Array($0) }
        return w.bytes.withUnsafeBytes { Checksum.of($0) }
    }
}

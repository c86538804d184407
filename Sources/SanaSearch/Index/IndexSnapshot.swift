import SanaCore

/// The whole index as one value: what every search, ranking, passage, suggestion and related-
/// articles function reads. Searches hold a snapshot that never changes under them; the writer
/// (`IndexWriter`) changes its own copy through the `mutating` functions of `IndexChanges.swift`
/// and publishes the result. Arrays are copy-on-write, so a copy costs only what it changes.
struct IndexSnapshot: Sendable {
    var termIDs: [String: Int32] = [:]
    var terms: [String] = []
    var postings: [PostingList] = []
    /// Each article's record (see `IndexRecord`), by article number.
    var records = RecordPool()
    var docRecord: [Int] = []
    /// Per-article field lengths and liveness, apart from the records so scoring reads no bytes.
    var docLengths: [SIMD4<Float>] = []
    var docAlive: [Bool] = []
    var docTypes: [UInt32] = []
    /// Articles about the same focus share a group (MedQuAD's QA pairs of one document).
    var docGroups: [Int32] = []
    /// Group keys' hashes to group numbers (see `FocusTable` on hashing names).
    var groupIDs: [Int: Int32] = [:]
    var docCategory: [Int32] = []
    var categoryIDs: [String: Int32] = [:]
    var docNumber: [String: Int32] = [:]
    /// Focus and also-called keys (see `FocusMatcher.key`) to the articles about them.
    var focusDocs = FocusTable()
    var suggestionTable = SuggestionTable()
    /// The written forms of each term (by term id), so snippets find matched words without stemming.
    var termSurfaces: [[String]] = []
    /// Names of articles not published (drafts: MedQuAD pairs without answer text), which the
    /// focus recogniser knows though no answer is about them.
    var unpublished = UnpublishedNames()
    /// Words of all known names and their last words, for partial and longer names.
    var nameVocabulary = NameVocabulary()
    /// Every word of the indexed text, for typo correction.
    var speller = SpellingCorrector()
    /// The term of each word given to `speller`, in the order given (the words are the terms'
    /// surfaces, in order): what the index file needs to rebuild the speller exactly.
    var surfaceOrder: [Int32] = []
    /// Index files this state reads postings and records from; held so their mappings outlive
    /// every snapshot that points into them.
    var mappings: [MappedFile] = []
    var lengthSums = SIMD4<Float>(repeating: 0)
    /// The number of searchable (published) articles.
    var liveCount = 0
    var deadCount = 0
    /// Goes up with every published change, so caches of pages built from the index know when to rebuild.
    var generation = 0

    /// Curated lay ↔ medical synonyms. The names articles give for their focus work through focus
    /// matching instead: expanding questions with them (MedQuAD lists dozens for some conditions)
    /// drowned the question's own words.
    let synonyms: Synonyms
    let synonymKeys: [String: [Int32]]
    /// The curated brand, lay-name, abbreviation and general-name tables.
    let names: NameTables
    /// Real words that spelling correction must leave alone even when no article uses them.
    let englishWords: EnglishWords
    /// Score arrays that searches borrow; shared by every snapshot of one index.
    let scratch: ScratchArrays
    /// MaxScore's bounds of long posting lists, by article window; shared likewise.
    var windowBounds = WindowBounds()

    init(synonyms: Synonyms, names: NameTables = .curated, englishWords: EnglishWords, scratch: ScratchArrays) {
        self.synonyms = synonyms
        self.names = names
        for word in names.words where !TextAnalyzer.stopWords.contains(word) { speller.add(word) }
        self.englishWords = englishWords
        self.scratch = scratch
        synonymKeys = synonyms.keys
        for word in synonyms.words { speller.add(word) }
    }
}

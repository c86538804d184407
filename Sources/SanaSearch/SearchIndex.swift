import SanaCore

/// The in-memory inverted index over published articles, built from the store at start-up and
/// updated per article. A front for the engine's two sides: an `IndexWriter` that applies
/// updates to its own copy and publishes it whole, and `IndexSnapshot`, the published state every
/// search reads (see `Index/`, `Query/`, `Ranking/` and `Results/`).
public final class SearchIndex: Sendable {
    let writer: IndexWriter
    /// How many threads analyse a batch of articles; a parameter so tests cover any machine.
    public let workers: Int
    /// The learned weights that order the answers and say how confident each is.
    public let ranking: RankingModel

    /// `englishWords` is usually `EnglishWords.installed`; with `.none` only the articles' own
    /// words count as spelt right, and real words they lack can be "corrected" into others.
    /// `names`: the curated brand, lay-name and abbreviation tables (`NameTables.curated`);
    /// `ranking` is usually `try RankingModel.bundled()`.
    public init(synonyms: Synonyms = .curated, names: NameTables = .curated, englishWords: EnglishWords = .none,
                ranking: RankingModel = .shipped, workers: Int = WorkSplit.availableCores) {
        self.workers = max(1, workers)
        self.ranking = ranking
        writer = IndexWriter(IndexSnapshot(synonyms: synonyms, names: names, englishWords: englishWords, scratch: ScratchArrays()))
    }

    /// An index starting from `snapshot` (one read from an index file).
    init(snapshot: IndexSnapshot, ranking: RankingModel = .shipped, workers: Int) {
        self.workers = max(1, workers)
        self.ranking = ranking
        writer = IndexWriter(snapshot)
    }

    /// The state searches read now; it never changes once taken.
    var snapshot: IndexSnapshot { writer.current.snapshot }

    /// The number of searchable (published) articles.
    public var count: Int { writer.current.snapshot.liveCount }

    /// Goes up with every change, so caches of pages built from the index know when to rebuild.
    public var generation: Int { writer.current.snapshot.generation }

    /// Adds or replaces an article; anything not published is removed instead.
    public func update(_ article: Article) {
        var cache = TermCache()
        // Analysis happens before the writer's turn: other writers wait only for the insertion.
        let prepared = article.status == .published ? ArticleAnalysis.prepare(article, &cache) : nil
        writer.write { $0.replace(article.id, with: prepared); $0.noteNames(of: article) }
    }

    /// Adds or replaces a batch of articles, analysed in parallel; searches see all of it or none.
    /// `publish` false holds the batch back until the next publishing change or `publish()`: a
    /// bulk load of many batches publishes once, at its end (see `IndexWriter.write`).
    public func update(_ articles: [Article], publish: Bool = true) {
        let prepared = ArticleAnalysis.prepareInParallel(articles, workers: workers)
        let names = ArticleAnalysis.unpublishedEntriesInParallel(articles, workers: workers)
        writer.write(publish: publish) { state in
            for i in articles.indices { state.replace(articles[i].id, with: prepared[i]); state.noteNames(of: articles[i].id, names[i]) }
        }
    }

    /// Publishes the changes held back by `update(_:publish:)`.
    public func publish() { writer.write(changesContent: false) { _ in } }

    /// Removes every article whose id is not in `ids` (after the store was replaced).
    public func removeAll(except ids: Set<String>) {
        writer.write { state in
            for id in state.docNumber.keys where !ids.contains(id) { state.remove(id) }
            state.unpublished.removeAll(except: ids)
        }
    }

    public func remove(id: String) { writer.write { $0.remove(id); $0.unpublished.remove(id) } }

    /// Answers a question: ranked articles with their best section and a snippet.
    /// `category` keeps only articles of that category (by slug); `offset` skips the best ones,
    /// for later pages. `model` replaces the index's ranking weights (for evaluating others).
    public func search(_ question: String, limit: Int = 10, offset: Int = 0, category: String? = nil,
                       parameters: RankingParameters = RankingParameters(), model: RankingModel? = nil) -> SearchResponse {
        var parameters = parameters
        if parameters.searchThreads == 0 { parameters.searchThreads = workers }
        return writer.current.snapshot.search(question, limit: limit, offset: offset, category: category, parameters: parameters,
                                              model: model ?? ranking)
    }

    /// The candidates the learned weights order for a question, in the first stage's order, with
    /// their features: what `sana features` writes for learning the weights.
    public func candidates(for question: String, parameters: RankingParameters = RankingParameters()) -> [CandidateFeatures] {
        let snapshot = writer.current.snapshot
        let ranked = snapshot.rank(question, category: nil, atLeast: 0, parameters: parameters, model: ranking)
        return ranked.candidates.sorted { $0.firstStageRank < $1.firstStageRank }.map { c in
            CandidateFeatures(id: snapshot.id(of: c.doc), firstStageRank: c.firstStageRank, cluster: c.cluster,
                              features: c.features, score: c.score)
        }
    }

    /// The `limit` published articles most similar to article `id` (see `IndexSnapshot.related`).
    public func related(to id: String, limit: Int = 8) -> [RelatedArticle] { writer.current.snapshot.related(to: id, limit: limit) }

    /// Computes the window bounds (see `WindowBounds`) of the posting lists of at least
    /// `postings` postings, as searches with `parameters` use them, so that no first search pays
    /// for them; returns how many lists. Bounds hold until the next change to the index.
    @discardableResult
    public func prepareWindowBounds(postings: Int = 65_536, parameters: RankingParameters = RankingParameters()) -> Int {
        let snapshot = writer.current.snapshot
        let constants = BM25FConstants(lengthSums: snapshot.lengthSums, liveCount: snapshot.liveCount, parameters)
        var prepared = 0
        for (term, list) in snapshot.postings.enumerated() where list.count >= max(postings, snapshot.windowBounds.minimumPostings) {
            _ = snapshot.windowShares(Int32(term), list, parameters, constants)
            prepared += 1
        }
        return prepared
    }

    /// Completions for what has been typed so far.
    public func suggest(_ prefix: String, limit: Int = 8) -> [Suggestion] {
        writer.current.snapshot.suggestionTable.lookup(prefix, limit: limit)
    }

    /// Every condition name of published articles, for the A–Z index (see `IndexSnapshot.conditionNames`).
    public func conditionNames() -> [ConditionName] { writer.current.snapshot.conditionNames() }

    /// Copies each posting list into storage of its exact size: lists grow by doubling while the
    /// index is built, which leaves up to half of their memory unused. Call after a bulk load.
    public func trimStorage() { writer.write(changesContent: false) { $0.trimStorage() } }

    /// Approximate bytes held by each part of the index, for the benchmarks' memory reports.
    public func storageReport() -> [String: Int] { snapshot.storageReport() }
}

extension SearchIndex {
    /// What Sana understands of a question, without ranking anything (see `Understanding`).
    public func understand(_ question: String, parameters: RankingParameters = RankingParameters()) -> Understanding {
        writer.current.snapshot.understand(question, parameters: parameters).understanding
    }

    /// The focus names of a question with how each was scored, best first: `key~knownAs: score and its parts`
    /// (for `sana understand --verbose`).
    public func explainFocus(_ question: String, parameters: RankingParameters = RankingParameters()) -> [String] {
        writer.current.snapshot.understand(question, parameters: parameters, explain: true).focus.map { "\($0.said)~\($0.knownAs): \($0.reasons)" }
    }

    /// The comparable form of a name (its index terms joined by spaces), as focus keys are written.
    public static func nameKey(_ name: String) -> String { FocusMatcher.key(name) }
}

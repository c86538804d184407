/// The knobs of the first stage: BM25F and the hand-tuned boosts that choose the candidates the
/// learned weights (`RankingModel`) then order. Not ranking weights of the final order.
public struct RankingParameters: Sendable {
    public var fieldWeights = SIMD4<Float>(2.5, 2.0, 1.0, 1.0)
    public var fieldB = SIMD4<Float>(0.6, 0.5, 0.5, 0.75)
    public var k1: Float = 1.2
    /// Added per matched focus, scaled by how specific the focus is.
    public var focusBoost: Float = 4.0
    /// Added when an article answers the kind of question asked.
    public var typeBoost: Float = 2.0
    /// Weight of words that are greeting, thanks or story rather than question.
    public var fillerWeight: Float = 0.5
    /// Weight of the words of sentences that neither ask nor are the subject line, in a message
    /// that has such a sentence (names excepted): the story around a question. Chosen from 0.3–1
    /// by cross-validated figures on both judged sets (BENCHMARKS "Fourth step").
    public var storyWeight: Float = 0.7
    /// Share of the best score among same-topic answers added to each answer.
    public var groupWeight: Float = 1.5
    /// Weight of each word of another name for something the question names.
    public var synonymWeight: Float = 0.2
    /// Weight of a word that stands in for a misspelt one.
    public var correctionWeight: Float = 0.8
    /// At most this many of a question's terms are scored besides the names it asks about, those
    /// that weigh most (weight × idf); 0 scores them all. The terms left out are the commonest,
    /// with the longest posting lists (see `cappedWeights`).
    public var maxQueryTerms: Int = 11
    /// The learned ranking's features read this many of the terms besides the names (0: all),
    /// more than the first stage scores: they cost little (a binary search per candidate, no
    /// longer lists scored), and the words the first stage leaves out still tell its candidates
    /// apart. Cross-validated over four fold seeds, liveqa-weak MRR 0.60–0.62 where 11 gave
    /// 0.58–0.59 (BENCHMARKS "Fifth step"); bounded, so a long message costs no more.
    public var featureQueryTerms = 24
    /// Whether the first stage may prune (MaxScore, exact); off scores every posting, to check
    /// that both give the same rankings (`sana eval --set prune=0`).
    public var prune = true
    /// Pruning pays only over long posting lists: below this many postings for the question's
    /// scored terms, scoring every posting is faster than MaxScore's bookkeeping (MedQuAD's size).
    /// 300,000 before window bounds; with them, 100,000 lowered p99 at a million articles
    /// (BENCHMARKS "Pruning by article windows") and left MedQuAD's figures as they were.
    public var pruneAbove = 100_000
    /// Threads a long question's pruned first stage may split its articles over (0: the index's
    /// workers, its cores); a slice is cut only for each `slicePostings` postings of the scored
    /// terms, so short questions stay on one thread and a busy server is not flooded with slices.
    public var searchThreads = 0
    public var slicePostings = 100_000
    public init() {}

    /// Sets a parameter by name (`focusBoost`, `titleWeight`, `bodyB`, …); false for an unknown name.
    public mutating func set(_ name: String, _ value: Float) -> Bool {
        let fields = ["title": 0, "names": 1, "headings": 2, "body": 3]
        switch name {
        case "featureQueryTerms": featureQueryTerms = Int(value)
        case "k1": k1 = value
        case "focusBoost": focusBoost = value
        case "typeBoost": typeBoost = value
        case "fillerWeight": fillerWeight = value
        case "correctionWeight": correctionWeight = value
        case "groupWeight": groupWeight = value
        case "synonymWeight": synonymWeight = value
        case "maxQueryTerms": maxQueryTerms = Int(value)
        case "prune": prune = value != 0
        case "storyWeight": storyWeight = value
        case "pruneAbove": pruneAbove = Int(value)
        case "searchThreads": searchThreads = Int(value)
        case "slicePostings": slicePostings = Int(value)
        default:
            if name.hasSuffix("Weight"), let f = fields[String(name.dropLast(6))] { fieldWeights[f] = value; return true }
            if name.hasSuffix("B"), let f = fields[String(name.dropLast(1))] { fieldB[f] = value; return true }
            return false
        }
        return true
    }
}

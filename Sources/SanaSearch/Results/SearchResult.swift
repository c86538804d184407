import SanaCore

/// One answer to a question.
public struct SearchResult: Sendable, Codable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var categorySlug: String
    public var score: Double
    /// The section that best answers the question.
    public var section: SectionRef
    /// At most 200 characters around the matched words.
    public var snippet: String
    /// Character ranges of the matched words within `snippet`, as [start, end).
    public var highlights: [[Int]]
    /// Why the article matched, for debugging ranking.
    public var why: Explanation
    /// The calibrated chance (0…1) that this is a good answer (see `RankingModel.confidence`).
    public var confidence: Double
    /// Equivalent answers (the same text in another collection, or a near-identical page)
    /// folded into this one.
    public var alsoOn: [AlsoOn]

    public struct AlsoOn: Sendable, Codable, Equatable {
        public var id: String
        public var slug: String
        public var title: String
        public var categorySlug: String
    }

    public struct SectionRef: Sendable, Codable, Equatable {
        public var heading: String?
        public var aspect: Aspect
    }

    public struct Explanation: Sendable, Codable, Equatable {
        public var focus: String?
        public var type: String?
        public var terms: [String]
    }
}

/// The answers to a question and what Sana understood of it.
public struct SearchResponse: Sendable, Codable {
    public var query: String
    public var types: [QuestionType]
    public var focus: [String]
    public var didYouMean: String?
    /// An urgent-care notice, shown ahead of the answers, when the question describes an emergency.
    public var urgent: RedFlag?
    /// How many articles matched (before `offset` and `limit`).
    public var total: Int
    public var results: [SearchResult]
    /// No answer reaches the confidence threshold (`RankingModel.threshold`): the page says
    /// "no good answer yet" instead of listing whatever shares a word.
    public var noGoodAnswer: Bool
    /// The best answer's confidence, 0 when there is none.
    public var bestConfidence: Double
}

/// One candidate answer as the learned ranking sees it (see `SearchIndex.candidates(for:)`).
public struct CandidateFeatures: Sendable, Equatable {
    public var id: String
    /// Place in the first stage's order, 0 = best; breaks ties of the learned score.
    public var firstStageRank: Int
    /// The first-stage rank of the best member of its set of equivalent answers.
    public var cluster: Int
    /// In the order of `RankingFeature.allCases`.
    public var features: [Double]
    /// The score under the index's ranking weights.
    public var score: Double
}

import SanaCore

/// What Sana understood of a question, as plain values: for the command line, the measurement
/// of understanding (`sana understand`) and ranking features.
public struct Understanding: Sendable, Codable, Equatable {
    /// The kinds of question asked, in the order the question asks them.
    public var types: [QuestionType]
    /// The names the question is about, the thing asked about first.
    public var focus: [FocusName]
    /// Words changed by spelling correction; the query keeps the original word beside its correction.
    public var corrections: [SpellingCorrection]
}

/// A name a question is about.
public struct FocusName: Sendable, Codable, Equatable {
    /// The name's key (its index terms joined by spaces, see `FocusMatcher.key`) as the question words it.
    public var key: String
    /// The question's words for it, as written (folded to lower case).
    public var words: String
    /// The key of the name Sana knows it by, when that differs (a brand's generic, a lay term's
    /// medical name, an abbreviation's expansion, a plural's singular order).
    public var knownAs: String
    /// How specific the name is, 0…1: a rare name (few articles, a rare word) near 1.
    public var specificity: Double
    /// Whether a published article is about this name; false when Sana knows the name only from
    /// unpublished material (MedQuAD pairs without answer text) or a curated table.
    public var hasArticle: Bool
}

/// A word the question holds and the word searched in its place.
public struct SpellingCorrection: Sendable, Codable, Equatable {
    public var from: String
    public var to: String
}

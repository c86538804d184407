import Foundation

/// What the engine knows about one candidate answer, the inputs of the learned ranking. Scores
/// marked "share" are divided by the question's total term weight (Σ weight × idf), so they lie
/// in 0…1 and mean the same for short and long questions.
public enum RankingFeature: String, CaseIterable, Sendable, Codable {
    /// BM25F over all fields, as a share.
    case bm25f
    /// BM25F over all fields, raw, divided by 10 (long questions score higher).
    case bm25fRaw
    /// BM25 of each field alone, as a share: title, focus and also-called names, headings, body.
    case title, names, headings, body
    /// Share of the question's term weight the article holds anywhere.
    case coverage
    /// Share of the question's term weight held by the article's best section.
    case bestSection
    /// Raw BM25F of the best candidate about the same focus, divided by 10.
    case group
    /// Specificity of the focus name the article is about (see `focusSpecificity`), 0 when none.
    case focus
    /// 1 when the article answers the first kind of question asked, or any kind asked.
    case typeFirst, typeAny
    /// 1 when the best section's aspect is one the question asks for.
    case aspect
    /// `focus` when the article also answers the first kind of question asked, else 0: the right
    /// topic and the right kind of answer together (a linear sum cannot ask for both at once).
    case focusType
    /// 1 when the article is about the question's first focus name (the thing asked about, not
    /// the person's background condition named beside it).
    case focusFirst
}

/// The learned ranking: one weight per feature, summed, and the logistic calibration that turns
/// that score into the chance the answer is a good one. Learned by `tools/train-ranking.sh` and
/// shipped as `Resources/ranking-weights.json` (see the README).
public struct RankingModel: Sendable, Equatable {
    /// Weights in the order of `RankingFeature.allCases`.
    public var weights: [Double]
    /// Confidence = 1 / (1 + e^-(slope × score + intercept)); slope > 0, so it grows with the score.
    public var slope: Double
    public var intercept: Double
    /// Below this confidence no answer counts as good: the answers page says "no good answer yet".
    public var threshold: Double
    /// How many of the first stage's best articles are scored by the learned weights.
    public var candidates: Int
    /// The confidence was calibrated on MedQuAD's 17,000 answers; raw scores of an index much
    /// smaller (the bundled samples) fall outside that range, so below this many articles no
    /// answer is withheld as "no good answer": showing a weak answer is safer than hiding a good one.
    public static let calibratedFromArticles = 1_000
    /// The command that produced the weights.
    public var command: String

    public init(weights: [RankingFeature: Double], slope: Double, intercept: Double, threshold: Double,
                candidates: Int = 100, command: String = "") {
        self.weights = RankingFeature.allCases.map { weights[$0] ?? 0 }
        self.slope = slope
        self.intercept = intercept
        self.threshold = threshold
        self.candidates = candidates
        self.command = command
    }

    /// The learned score of a candidate: features in the order of `RankingFeature.allCases`,
    /// summed in that order (the learner sums in the same order, so both rank alike).
    public func score(_ features: [Double]) -> Double {
        var s = 0.0
        for (w, f) in zip(weights, features) { s += w * f }
        return s
    }

    /// The calibrated chance that an answer with this learned score is a good one.
    public func confidence(_ score: Double) -> Double { 1 / (1 + exp(-(slope * score + intercept))) }

    /// The hand-tuned ranking the weights were learned from (the first stage's own boosts):
    /// the safe fallback when no learned weights are given.
    public static let prior = RankingModel(
        weights: [.bm25fRaw: 10, .group: 15, .typeAny: 2, .focus: 4],
        slope: 0.5, intercept: -3, threshold: 0.2, command: "hand-tuned prior")

    /// The weights shipped with Sana: the default of `SearchIndex`. The file is built into the
    /// package, so failing to read it is a broken build, never a reason to rank silently with
    /// the prior; `SanaApp` loads it with `bundled()`, which names the place in its error.
    public static let shipped: RankingModel = {
        do { return try bundled() } catch { preconditionFailure("the bundled ranking weights do not load: \(error)") }
    }()

    /// The bundled `Resources/ranking-weights.json`.
    public static func bundled() throws -> RankingModel {
        guard let url = Bundle.module.url(forResource: "Resources/ranking-weights", withExtension: "json") else {
            throw RankingModelError(place: "Resources/ranking-weights.json", message: "missing from the SanaSearch bundle")
        }
        return try RankingModel(contentsOf: url)
    }

    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RankingModelError(place: url.path, message: "cannot be read: \(error.localizedDescription)")
        }
        try self.init(json: data, place: url.path)
    }

    /// Reads the weights file: `weights` must name every feature of `RankingFeature` and nothing
    /// else, every number must be finite, `slope` positive and `threshold` within 0…1.
    public init(json: Data, place: String) throws {
        struct File: Decodable {
            var command: String
            var candidates: Int
            var weights: [String: Double]
            var confidence: Calibration
            struct Calibration: Decodable { var slope: Double; var intercept: Double; var threshold: Double }
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch {
            throw RankingModelError(place: place, message: "not a ranking weights file: \(error)")
        }
        let known = Set(RankingFeature.allCases.map(\.rawValue))
        if let unknown = file.weights.keys.sorted().first(where: { !known.contains($0) }) {
            throw RankingModelError(place: place, message: "unknown feature '\(unknown)' in weights")
        }
        var weights: [RankingFeature: Double] = [:]
        for feature in RankingFeature.allCases {
            guard let w = file.weights[feature.rawValue] else {
                throw RankingModelError(place: place, message: "no weight for feature '\(feature.rawValue)'")
            }
            guard w.isFinite else { throw RankingModelError(place: place, message: "weight of '\(feature.rawValue)' is not a finite number") }
            weights[feature] = w
        }
        let c = file.confidence
        guard c.slope.isFinite, c.slope > 0 else { throw RankingModelError(place: place, message: "confidence slope must be a positive number") }
        guard c.intercept.isFinite else { throw RankingModelError(place: place, message: "confidence intercept must be a finite number") }
        guard (0...1).contains(c.threshold) else { throw RankingModelError(place: place, message: "confidence threshold must be within 0…1") }
        guard (10...1000).contains(file.candidates) else { throw RankingModelError(place: place, message: "candidates must be from 10 to 1000") }
        self.init(weights: weights, slope: c.slope, intercept: c.intercept, threshold: c.threshold,
                  candidates: file.candidates, command: file.command)
    }
}

/// A ranking weights file that cannot be used, with the place it came from.
public struct RankingModelError: Error, CustomStringConvertible, Equatable {
    public var place: String
    public var message: String
    public var description: String { "\(place): \(message)" }
}

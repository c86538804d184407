import Foundation

/// Scores question understanding against the annotated LiveQA training questions
/// (`../shared/data/liveqa-train/questions.jsonl`: subject, message, and annotations of focus and
/// type): focus accuracy (Sana's first focus equals an annotated focus after normalisation),
/// the share with no focus at all, and first-type accuracy (Sana's first type is an annotated type).
public enum UnderstandingScore {
    public struct Annotation: Sendable, Decodable {
        public var focus: String
        public var type: String
    }

    public struct Question: Sendable, Decodable {
        public var qid: String
        public var subject: String
        public var message: String
        public var annotations: [Annotation]

        /// Subject and message as one question, the way LiveQA's `question` field joins them.
        public var text: String { subject.isEmpty ? message : subject + ". " + message }
    }

    /// What Sana made of one question.
    public struct Understood: Sendable {
        public var types: [String]
        /// Focus names, best first, already normalised as `normalise` would.
        public var focus: [String]
        public init(types: [String], focus: [String]) { self.types = types; self.focus = focus }
    }

    /// The annotation's type names (any case) as Sana's `QuestionType` raw values. Annotation
    /// types with no Sana type (for instance "ingredient") count as misses.
    public static let typeNames: [String: String] = [
        "treatment": "treatment", "information": "information", "cause": "causes", "prognosis": "outlook",
        "diagnosis": "diagnosis", "diagnose_me": "diagnosis", "susceptibility": "susceptibility",
        "symptom": "symptoms", "inheritance": "inheritance", "complication": "complications",
        "side effects": "side effects", "prevention": "prevention", "usage": "usage", "indication": "usage",
        "contraindication": "contraindication", "dosage": "dosage", "interaction": "interactions",
        "genetic changes": "genetic changes", "organization": "organization", "resources": "organization",
        "association": "association", "tapering": "tapering", "storage and disposal": "storage and disposal",
    ]

    public static func load(_ path: String) throws -> [Question] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.enumerated().map { i, line in
            do { return try JSONDecoder().decode(Question.self, from: Data(line.utf8)) } catch {
                throw EvaluationError.badLine(file: path, line: i + 1, message: "\(error)")
            }
        }
    }

    public struct Tally: Sendable {
        public init() {}
        public var questions = 0
        public var focusRight = 0
        public var noFocus = 0
        public var typeRight = 0
        public var focusAccuracy: Double { questions == 0 ? 0 : Double(focusRight) / Double(questions) }
        public var noFocusShare: Double { questions == 0 ? 0 : Double(noFocus) / Double(questions) }
        public var typeAccuracy: Double { questions == 0 ? 0 : Double(typeRight) / Double(questions) }

        public mutating func add(_ question: Question, _ understood: Understood, normalise: (String) -> String) {
            questions += 1
            let wanted = Set(question.annotations.map { normalise($0.focus) })
            if let first = understood.focus.first {
                if wanted.contains(first) { focusRight += 1 }
            } else {
                noFocus += 1
            }
            var types = Set(question.annotations.compactMap { typeNames[$0.type.lowercased()] })
            // LiveQA's scheme has no type of its own for tests: "diagnosis" covers them.
            if types.contains("diagnosis") { types.insert("tests") }
            if let first = understood.types.first, types.contains(first) { typeRight += 1 }
        }
    }

    /// Whether question `index` belongs to the held-out fifth: questions that were never looked
    /// at while writing cues and tables (every fifth, starting with the third).
    public static func isHeldOut(_ index: Int) -> Bool { index % 5 == 2 }
}

import Foundation

/// What a section of an answer is about; search matches question types against it.
public enum Aspect: String, Codable, Sendable, CaseIterable {
    case overview, symptoms, causes, diagnosis, treatment, prevention, lifestyle, diet
    case complications, outlook
    case whenToSeekCare = "when-to-seek-care"
    case other

    /// Cue words checked in order; the first aspect with a cue in the heading wins, so the more
    /// specific aspects (seeking care, complications) come before the general ones.
    static let cues: [(Aspect, [String])] = [
        (.whenToSeekCare, ["when to see", "when to seek", "when to call", "when to contact", "medical professional", "seek medical", "see a doctor", "contact a doctor", "emergency", "get help", "medical attention"]),
        (.complications, ["complication", "consequence", "untreated", "side effect", "risks of", "dangers"]),
        (.symptoms, ["symptom", "signs", "sign of", "what does it feel", "manifestation"]),
        (.causes, ["cause", "risk factor", "why", "inherit", "genetic", "susceptib", "who gets", "who is at risk", "triggers"]),
        (.diagnosis, ["diagnos", "exams and tests", "test", "exam", "screening", "imaging"]),
        (.prevention, ["prevent", "avoid", "reduce the risk", "protect"]),
        (.diet, ["diet", "food", "eat", "nutrition", "drink"]),
        (.lifestyle, ["lifestyle", "self care", "home care", "exercise", "posture", "habit", "daily life", "living with", "considerations", "precautions", "care after", "recovery tips"]),
        (.treatment, ["treat", "therap", "surgery", "surgical", "operation", "medication", "medicine", "drug", "management", "remed", "relief", "cost"]),
        (.outlook, ["outlook", "prognosis", "recovery", "life expectancy", "lifespan", "how long", "stages"]),
        (.overview, ["what is", "what are", "overview", "introduction", "about", "information", "frequency", "how common", "definition"]),
    ]

    /// Infers the aspect from a section heading; `other` when no cue matches. Cues match at the
    /// start of a word (see `CuePhrase`), so "eat" finds "Eating" but not "Treatment".
    public static func infer(fromHeading heading: String) -> Aspect {
        let h = heading.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }.reduce(into: "") { $0.append($1) }
        // Every space separates words: where punctuation stood between two words, an empty word
        // keeps them from matching as a phrase.
        let words = CuePhrase.words(h.split(separator: " ", omittingEmptySubsequences: false))
        for (aspect, phrases) in cuePhrases where phrases.contains(where: { $0.occurs(in: words) }) { return aspect }
        return .other
    }

    private static let cuePhrases: [(Aspect, [CuePhrase])] = cues.map { aspect, phrases in
        (aspect, phrases.map { CuePhrase(words: $0.split(separator: " ")) })
    }
}

/// One section of an article body.
public struct Section: Codable, Sendable, Equatable {
    /// Nil for the introduction before the first heading.
    public var heading: String?
    public var aspect: Aspect
    /// Plain text of the section without its heading: the words of its Markdown, without marks
    /// or link addresses (see `MarkdownWalker`).
    public var text: String

    public init(heading: String?, aspect: Aspect, text: String) {
        self.heading = heading
        self.aspect = aspect
        self.text = text
    }

    /// URL fragment for linking to this section.
    public var anchor: String { Slug.make(from: heading ?? "overview", maxLength: 60) }
}

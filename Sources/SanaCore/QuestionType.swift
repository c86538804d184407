/// What a question asks about a condition, drug or test, recognised from cue phrases.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case information, symptoms, causes, treatment, diagnosis, prevention, complications, outlook
    case susceptibility, inheritance, geneticChanges = "genetic changes", frequency, diet, dosage
    case sideEffects = "side effects", interactions, tests, cost, contraindication, usage

    /// Cue phrases (see `CuePhrase`), matched on the question's tokens; longer, more specific cues are
    /// listed under the more specific types so they win ties.
    static let cues: [(QuestionType, [String])] = [
        (.sideEffects, ["side effect", "side-effect", "adverse effect", "reaction to"]),
        (.interactions, ["interact", "interaction", "together with", "mix with", "combine with", "at the same time as"]),
        (.dosage, ["dose", "dosage", "how much should", "how many mg", "how many tablets", "how often should i take", "overdose"]),
        (.contraindication, ["safe to take", "safe during", "while pregnant", "if im pregnant", "if i am pregnant", "while breastfeeding", "safe for", "allergic to", "contain gluten", "contains gluten", "gluten free"]),
        (.diet, ["can i eat", "can i drink", "what to eat", "what should i eat", "foods", "food to avoid", "diet", "eating"]),
        (.cost, ["cost", "price", "how much does", "insurance", "afford", "expensive"]),
        (.geneticChanges, ["gene", "genes", "genetic change", "mutation", "mutations"]),
        (.inheritance, ["inherit", "inherited", "hereditary", "run in families", "runs in families", "pass it on", "pass on to my", "passed down", "passed on", "pass down", "offspring", "future generations", "have children", "genetically passed"]),
        (.susceptibility, ["at risk", "risk of getting", "who gets", "who is likely", "am i likely", "chance of getting", "susceptib"]),
        (.frequency, ["how common", "how many people", "how rare", "prevalence", "how often does"]),
        (.complications, ["complication", "consequence", "untreated", "what happens if", "can it lead to", "dangerous", "long term effect", "long-term effect"]),
        (.outlook, ["outlook", "prognosis", "life expectancy", "survival", "how long will", "recover", "recovery", "go away", "permanent", "lifespan", "how bad", "come back", "recur", "recurrence", "get worse", "fatal", "die from", "lead to death"]),
        (.prevention, ["prevent", "prevention", "avoid getting", "reduce the risk", "stop it from"]),
        (.tests, ["test for", "tests", "blood test", "screening", "scan", "biopsy", "results"]),
        (.diagnosis, ["diagnos", "how do i know if", "how can i tell", "do i have", "could i have", "is it", "detect"]),
        (.treatment, ["treat", "treatment", "therapy", "therapies", "medication", "medicine", "cure", "cured", "curable", "remedy", "remedies", "surgery", "operation", "what can i do", "what can we do", "what should i do", "what do you suggest", "suggest", "get rid", "help with", "help me", "help him", "help her", "relieve", "manage", "heal", "overcome", "exercises", "how can i lower", "how to remove", "new research", "clinical trial", "specialist"]),
        (.causes, ["cause", "causes", "caused", "why do", "why does", "why is", "why am i", "reason", "trigger", "triggers"]),
        (.symptoms, ["symptom", "symptoms", "signs", "sign of", "feel like", "what does it feel", "how do you know when you have", "know when you have"]),
        (.usage, ["what is it used for", "used for", "how to take", "how do i take", "how to use"]),
        (.information, ["what is", "what are", "information", "literature", "tell me about", "learn about", "know about", "explain"]),
    ]

    /// All types whose cues occur in the question, most specific first. With no cue, a question is
    /// taken as asking for information or treatment, what people most often want.
    public static func detect(in question: String) -> [QuestionType] {
        let words = CuePhrase.words(TextAnalyzer.tokens(question))
        var found: [QuestionType] = []
        for (type, phrases) in cuePhrases where phrases.contains(where: { $0.occurs(in: words) }) {
            found.append(type)
        }
        return found.isEmpty ? [.information, .treatment] : found
    }

    /// The cues as token sequences, matched at word starts.
    private static let cuePhrases: [(QuestionType, [CuePhrase])] = cues.map { type, phrases in
        (type, phrases.map { CuePhrase(words: TextAnalyzer.tokens($0)) })
    }

    /// The section aspects that answer this type of question.
    public var aspects: [Aspect] {
        switch self {
        case .information, .frequency, .usage: [.overview]
        case .symptoms: [.symptoms]
        case .causes, .susceptibility, .inheritance, .geneticChanges: [.causes]
        case .treatment, .dosage, .cost: [.treatment]
        case .diagnosis, .tests: [.diagnosis]
        case .prevention: [.prevention]
        case .complications, .sideEffects: [.complications]
        case .outlook: [.outlook]
        case .diet: [.diet, .lifestyle]
        case .interactions, .contraindication: [.lifestyle, .complications]
        }
    }

    /// MedQuAD question types (`qtype`) that answer this type of question.
    public var medquadTypes: [String] {
        switch self {
        case .information: ["information", "usage", "indication", "how does it work"]
        case .symptoms: ["symptoms"]
        case .causes: ["causes"]
        case .treatment: ["treatment", "indication"]
        case .diagnosis: ["exams and tests"]
        case .tests: ["exams and tests", "information"]
        case .prevention: ["prevention"]
        case .complications: ["complications"]
        case .outlook: ["outlook", "stages"]
        case .susceptibility: ["susceptibility", "causes"]
        case .inheritance: ["inheritance", "genetic changes"]
        case .geneticChanges: ["genetic changes", "inheritance"]
        case .frequency: ["frequency"]
        case .diet: ["dietary", "interactions with foods", "considerations"]
        case .dosage: ["dose", "forget a dose", "emergency or overdose", "usage"]
        case .sideEffects: ["side effects", "severe reaction", "important warning"]
        case .interactions: ["interactions with medications", "interactions with herbs and supplements", "interactions with foods", "precautions"]
        case .cost: ["treatment", "information"]
        case .contraindication: ["contraindication", "precautions", "important warning", "other information"]
        case .usage: ["usage", "indication", "how does it work"]
        }
    }
}

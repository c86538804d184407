/// What a question asks about a condition, drug or test, recognised from cue phrases.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case information, symptoms, causes, treatment, diagnosis, prevention, complications, outlook
    case susceptibility, inheritance, geneticChanges = "genetic changes", frequency, diet, dosage
    case sideEffects = "side effects", interactions, tests, cost, contraindication, usage
    /// Finding a specialist, a clinic or a support group.
    case organization
    /// How two things relate: "associated with", "required for", "linked to".
    case association
    /// Stopping a drug or lowering its dose.
    case tapering
    case storage = "storage and disposal"

    /// Cue phrases (see `QuestionCues` for how they read: "=" exact, "?" only when asked, "~" weak), listed under the more specific types
    /// first: at the same place in a question, the earlier type in this table wins.
    static let cues: [(QuestionType, [String])] = [
        (.sideEffects, ["side effect", "side effects", "adverse effect", "adverse reaction", "reaction to", "=reactions to"]),
        (.interactions, ["interact", "interaction", "together with", "mix with", "mixing", "combine with", "combined with",
                         "at the same time as", "along with", "while taking", "while on", "take … with", "taking … with", "together"]),
        (.tapering, ["stop take", "=stopping", "=stopped taking", "come off", "coming off", "get off", "go off", "wean",
                     "taper", "=tapering", "withdrawal", "quit take", "discontinue", "=decreasing", "=decrease the dose",
                     "reduce the dose", "lower the dose", "cut down"]),
        (.storage, ["store", "storage", "dispose", "disposal", "=expired", "expiration", "refrigerate", "shelf life", "outdated"]),
        (.dosage, ["dose", "dosage", "how much … should", "how many mg", "mg of", "how many tablets", "how often … take",
                   "overdose", "milligram", "how strong"]),
        (.contraindication, ["safe to take", "safe to use", "safe during", "safe while", "safe for", "ok to take", "okay to take",
                             "while pregnant", "if im pregnant", "if i am pregnant", "during pregnancy", "while breastfeeding",
                             "allergic to", "contain gluten", "gluten free", "=ingredients", "=contain", "=contains"]),
        (.diet, ["can i eat", "can i drink", "what to eat", "what should i eat", "foods", "food to avoid", "diet", "nutrition"]),
        (.cost, ["cost", "price", "how much does", "insurance", "afford", "expensive", "pay for"]),
        (.organization, ["?specialist", "support group", "doctor who", "doctors who", "?hospital", "?clinic", "?expert",
                         "where can i find", "where can i go", "where to go", "where do we go", "where should i go",
                         "where can we", "?refer", "?organization", "?organisation", "?foundation", "find a doctor", "?centre", "?center",
                         "?consult", "point me", "?facility", "?facilities", "place for", "?contacts", "?interview", "?psychiatrist",
                         "physician that", "specializes", "?laboratory", "?specialised", "?specialized", "what doctor",
                         "which doctor", "what kind of doctor", "what type of doctor", "whom to consult", "who should i see",
                         "need a specialist", "need a doctor"]),
        (.association, ["associated with", "association between", "=related to", "relationship between", "relation between",
                        "link between", "linked to", "connection between", "connected to", "correlation", "required for",
                        "necessary for", "needed for", "relationship", "connection", "link"]),
        (.geneticChanges, ["gene", "genes", "genetic change", "genetic mutation", "mutation", "chromosome"]),
        (.inheritance, ["inherit", "=inherited", "hereditary", "run in … family", "pass … on", "passed down", "pass down",
                        "offspring", "future generations", "=genetic", "genetically", "carrier", "my children get", "my kids get"]),
        (.susceptibility, ["at risk", "risk of", "risk factor", "who get", "who is likely", "am i likely", "likely to get",
                           "chance of getting", "chances of getting", "susceptible", "prone", "contagious", "contagion", "catch",
                           "spread", "transmit", "transmitted", "infectious", "get it from", "probability", "get pregnant", "high risk"]),
        (.frequency, ["how common", "how many people", "how rare", "prevalence", "statistics"]),
        (.complications, ["complication", "consequence", "untreated", "what happens if", "lead to", "?damage", "effect on",
                          "?affect", "dangerous", "long term effect", "?harm", "?risk"]),
        (.outlook, ["outlook", "prognosis", "life expectancy", "survival", "survive", "how long will", "how long does … last",
                    "?recover", "?recovery", "go away", "permanent", "lifespan", "how bad", "come back", "recur", "recurrence",
                    "get worse", "getting worse", "?worse", "?worsen", "fatal", "die from", "die of", "normal life", "?progress",
                    "chance of", "chances", "how long", "occur again", "happen again", "be worried", "should i worry",
                    "should we worry"]),
        (.prevention, ["prevent", "prevention", "avoid getting", "reduce the risk", "stop it from", "?protect", "?vaccine", "?vaccination"]),
        (.tests, ["test for", "?tests", "blood test", "?screening", "?scan", "?biopsy", "?result", "?test result", "?mri", "?lab"]),
        (.diagnosis, ["?=diagnosis", "?=diagnose", "how … =diagnosed", "?=diagnosing", "diagnostic", "how do i know if",
                      "how can i tell", "do i have", "could i have", "detect", "could it be", "what is wrong with", "misdiagnosed",
                      "?test", "?=tested", "?=testing"]),
        (.treatment, ["treat", "treatment", "therapy", "therapies", "medication", "medicine", "cure", "=cured", "curable",
                      "remedy", "remedies", "surgery", "operation", "what can i do", "what can we do", "what should i do",
                      "what do you suggest", "~suggest", "get rid", "~help with", "~help me", "~help him", "~help her", "relieve",
                      "relief", "manage", "heal", "overcome", "exercises", "how can i lower", "how to remove", "new research",
                      "clinical trial", "drug for", "solution", "options", "fix", "stop the", "do about", "=medicines", "drugs",
                      "what to do", "what is done", "can be done", "what do i do"]),
        (.causes, ["cause", "=caused", "why do", "why does", "why is", "why am i", "why would", "reason", "trigger", "how did i get",
                   "how do you get", "what makes", "come from", "source of", "=why", "what could this be", "what can this be",
                   "what could it be", "what can it be"]),
        (.symptoms, ["symptom", "sign", "signs", "sign of", "feel like", "what does it feel", "know when you have", "look like"]),
        (.usage, ["used for", "what is it used for", "how to take", "how do i take", "how to use", "what is it for",
                  "=indication", "=indications", "prescribed for", "purpose", "how does it work", "=useful", "benefit", "good for"]),
        (.information, ["what is", "what are", "information", "info", "literature", "tell me about", "learn about", "know about",
                        "more about", "explain", "material", "brochure", "article", "details", "booklet", "books", "what does … mean",
                        "mean", "know more", "stuff on", "pamphlet", "written", "talk to someone about", "inquire", "research topic",
                        "you know"]),
    ]

    /// Types whose cues say little of their own: in a sentence with a more specific cue, it goes first.
    static let generic: Set<QuestionType> = [.information]

    /// A first sentence this short is a subject line ("Causes of peripheral neuropathy"): it
    /// states what is asked as plainly as a question does.
    static let subjectLineWords = 8

    /// The types a question asks, in the order it asks them: cues in question sentences ("…?",
    /// "How…", "Please tell me…") before those of other sentences, then by position; in one
    /// sentence a specific cue goes before "information". Boilerplate headers ("General health")
    /// are not read. With no cue a question is taken as asking for treatment, then
    /// information: what people most often want.
    public static func detect(in question: String) -> [QuestionType] {
        detect(in: QuestionSentences.split(question))
    }

    /// `detect(in:)` over sentences already split (headers left out).
    public static func detect(in sentences: [QuestionSentence]) -> [QuestionType] {
        let found = QuestionCues.shared.find(in: sentences)
        return found.isEmpty ? [.treatment, .information] : found
    }

    /// The stems of the cue words ("caus", "treat", "stop"): words of what is asked, never part of a name asked about.
    public static var cueStems: Set<String> { QuestionCues.shared.stems }

    /// The section aspects that answer this type of question.
    public var aspects: [Aspect] {
        switch self {
        case .information, .frequency, .usage: [.overview]
        case .symptoms: [.symptoms]
        case .causes, .susceptibility, .inheritance, .geneticChanges, .association: [.causes]
        case .treatment, .dosage, .cost, .organization, .tapering: [.treatment]
        case .diagnosis, .tests: [.diagnosis]
        case .prevention: [.prevention]
        case .complications, .sideEffects: [.complications]
        case .outlook: [.outlook]
        case .diet: [.diet, .lifestyle]
        case .interactions, .contraindication, .storage: [.lifestyle, .complications]
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
        case .organization: ["support groups", "treatment", "information"]
        case .association: ["causes", "information", "genetic changes"]
        case .tapering: ["usage", "side effects", "important warning", "precautions"]
        case .storage: ["storage and disposal"]
        }
    }
}

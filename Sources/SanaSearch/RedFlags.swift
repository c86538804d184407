import SanaCore

/// Emergency signs in a question. A question that describes one gets an urgent-care notice ahead
/// of any answer: reading an article is not the right next step.
public struct RedFlag: Sendable, Codable, Equatable {
    public var kind: String
    public var message: String
}

public enum RedFlags {
    /// A rule fires when every group has one phrase present in the question (phrases are matched
    /// as folded token sequences at word starts, so "breath" also finds "breathless").
    struct Rule {
        var kind: String
        var message: String
        var groups: [[String]]
    }

    static let emergency = "Call your local emergency number now."

    static let rules: [Rule] = [
        Rule(kind: "heart attack", message: "Chest pain with breathlessness, sweating, or pain spreading to the arm, neck or jaw can be a heart attack. \(emergency)",
             groups: [["chest pain", "chest pressure", "chest tightness", "pain in my chest", "pain in the chest", "chest hurts"],
                      ["breath", "breathing", "sweat", "arm", "jaw", "neck", "nausea", "faint", "dizzy"]]),
        Rule(kind: "stroke", message: "A drooping face, weakness of an arm or leg, or slurred or confused speech can be a stroke. Every minute counts: \(emergency)",
             groups: [["face droop", "face is drooping", "drooping face", "slurred speech", "slurring", "speech is slurred", "one side of my body", "one side of his body", "one side of her body", "sudden numbness", "sudden weakness", "can't speak", "cant speak", "cannot speak", "sudden confusion", "sudden vision loss"]]),
        Rule(kind: "severe bleeding", message: "Heavy bleeding that does not stop with firm pressure needs urgent help. Keep pressing on the wound and \(emergency.lowercased())",
             groups: [["bleeding", "blood", "bleed"], ["won't stop", "wont stop", "will not stop", "not stopping", "doesn't stop", "doesnt stop", "heavy", "heavily", "severe", "spurting", "lots of blood", "a lot of blood"]]),
        Rule(kind: "anaphylaxis", message: "Swelling of the face, lips or throat or trouble breathing after a sting, food or medicine can be a severe allergic reaction (anaphylaxis). Use an adrenaline auto-injector if there is one and \(emergency.lowercased())",
             groups: [["allergic", "allergy", "sting", "stung", "anaphyla", "peanut", "reaction"],
                      ["throat swelling", "throat is swelling", "swollen throat", "swollen tongue", "tongue swelling", "lips swelling", "swollen lips", "face swelling", "swollen face", "can't breathe", "cant breathe", "cannot breathe", "trouble breathing", "difficulty breathing", "wheez"]]),
        Rule(kind: "suicidal thoughts", message: "If you are thinking about ending your life or harming yourself, you do not have to face this alone. Contact your local emergency number or a crisis line now, or tell someone you trust.",
             groups: [["suicid", "kill myself", "end my life", "take my own life", "want to die", "wanna die", "self harm", "hurt myself", "better off dead", "no reason to live"]]),
        Rule(kind: "baby with fever", message: "A baby under three months with a temperature of 38 °C (100.4 °F) or more needs to be seen by a doctor urgently, today. If the baby is floppy, hard to wake, or has a rash that does not fade, \(emergency.lowercased())",
             groups: [["baby", "newborn", "infant", "week old", "month old"], ["fever", "high temperature", "temperature of"]]),
        Rule(kind: "overdose or poisoning", message: "After too much of a medicine or a poison, get help now even if there are no symptoms yet: call your local emergency number or poison control centre.",
             groups: [["overdose", "overdosed", "took too many", "taken too many", "swallowed", "poisoned", "poisoning", "ate a bottle"]]),
        Rule(kind: "unconscious or seizure", message: "Someone who is unconscious, not breathing normally, or fitting for more than five minutes needs help now. \(emergency)",
             groups: [["unconscious", "unresponsive", "won't wake", "wont wake", "not breathing", "stopped breathing", "seizure that", "seizure won't stop", "fitting", "convulsing"]]),
        Rule(kind: "meningitis signs", message: "Fever with a stiff neck, a rash that does not fade under a glass, or dislike of bright light can be meningitis. \(emergency)",
             groups: [["stiff neck", "rash that doesn't fade", "rash that does not fade", "glass test"], ["fever", "temperature", "vomit", "headache", "rash"]]),
    ]

    private static let ruleKeys: [(Rule, [[String]])] = rules.map { rule in
        (rule, rule.groups.map { $0.map { " " + TextAnalyzer.tokens($0).joined(separator: " ") } })
    }

    /// The first emergency the question describes, if any.
    public static func check(_ question: String) -> RedFlag? {
        let text = " " + TextAnalyzer.tokens(question).joined(separator: " ") + " "
        for (rule, groups) in ruleKeys where groups.allSatisfy({ $0.contains(where: { text.containsBytes($0) }) }) {
            return RedFlag(kind: rule.kind, message: rule.message)
        }
        return nil
    }
}

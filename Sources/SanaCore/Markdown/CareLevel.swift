/// How soon to seek care: the three levels of the care cards.
///
/// A care card is a block quote whose first paragraph opens with its level:
///
///     > [!EMERGENCY] Call your local emergency number if the pain spreads to your arm or jaw.
///     > [!URGENT] See a doctor today if you have a fever and yellow skin.
///     > [!NON-URGENT] Make an appointment with your doctor if the pain keeps coming back.
public enum CareLevel: String, CaseIterable, Sendable {
    case emergency, urgent, nonUrgent = "non-urgent"

    public var label: String {
        switch self {
        case .emergency: "Emergency: call your local emergency number"
        case .urgent: "Urgent: get medical help today"
        case .nonUrgent: "See a doctor: make an appointment"
        }
    }

    /// The level a text opens with (`[!URGENT] …`, any case) and the text after it, without the
    /// white space that followed the marker.
    public static func parse<S: StringProtocol>(_ text: S) -> (CareLevel, String)? {
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let tag = text[text.index(text.startIndex, offsetBy: 2)..<close].lowercased()
        let level: CareLevel? = switch tag {
        case "emergency": .emergency
        case "urgent": .urgent
        case "non-urgent", "nonurgent", "routine": .nonUrgent
        default: nil
        }
        guard let level else { return nil }
        return (level, String(text[text.index(after: close)...].drop { $0.isWhitespace }))
    }
}

/// One care card of a body: its level and its words (the marker taken out).
public struct CareCard: Sendable, Equatable {
    public var level: CareLevel
    public var text: String

    public init(level: CareLevel, text: String) {
        self.level = level
        self.text = text
    }

    /// The care cards of a Markdown body, in order (nested ones after the card holding them).
    public static func found(in body: String) -> [CareCard] {
        MarkdownWalker.careCards(body)
    }
}

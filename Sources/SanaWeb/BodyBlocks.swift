import SanaCore

/// The blocks of a section's Markdown text as the article page shows them: paragraphs, bullet
/// lists and care cards. Inline marks are removed and the template escapes every value, so
/// article text never becomes markup.
///
/// A care card is a paragraph written as a block quote opening with its level:
///
///     > [!EMERGENCY] Call your local emergency number if the pain spreads to your arm or jaw.
///     > [!URGENT] See a doctor today if you have a fever and yellow skin.
///     > [!NON-URGENT] Make an appointment with your doctor if the pain keeps coming back.
enum BodyBlock: Equatable {
    case paragraph(String)
    case list([String])
    case care(CareLevel, String)

    static func blocks(of text: String) -> [BodyBlock] {
        text.components(separatedBy: "\n\n").compactMap { raw in
            let lines = raw.split(separator: "\n").map { $0.trimmed }.filter { !$0.isEmpty }
            guard !lines.isEmpty else { return nil }
            if lines[0].hasPrefix(">") {
                let quoted = lines.map { $0.hasPrefix(">") ? String($0.dropFirst()).trimmed : $0 }.joined(separator: " ")
                if let (level, rest) = CareLevel.parse(quoted) { return .care(level, Summary.plainText(rest)) }
                return .paragraph(Summary.plainText(quoted))
            }
            if lines.allSatisfy({ $0.hasPrefix("- ") || $0.hasPrefix("* ") }) {
                return .list(lines.map { Summary.plainText(String($0.dropFirst(2))) })
            }
            let text = Summary.plainText(lines.joined(separator: " "))
            return text.isEmpty ? nil : .paragraph(text)
        }
    }

    /// The block as the article template's context.
    var context: [String: Any] {
        switch self {
        case let .paragraph(text): ["paragraph": text]
        case let .list(items): ["list": ["items": items]]
        case let .care(level, text): ["care": ["level": level.rawValue, "label": level.label, "text": text]]
        }
    }
}

/// How soon to seek care: the three levels of the care cards.
enum CareLevel: String, CaseIterable {
    case emergency, urgent, nonUrgent = "non-urgent"

    var label: String {
        switch self {
        case .emergency: "Emergency: call your local emergency number"
        case .urgent: "Urgent: get medical help today"
        case .nonUrgent: "See a doctor: make an appointment"
        }
    }

    static func parse(_ text: String) -> (CareLevel, String)? {
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let tag = text[text.index(text.startIndex, offsetBy: 2)..<close].lowercased()
        let level: CareLevel? = switch tag {
        case "emergency": .emergency
        case "urgent": .urgent
        case "non-urgent", "nonurgent", "routine": .nonUrgent
        default: nil
        }
        guard let level else { return nil }
        return (level, String(text[text.index(after: close)...]).trimmed)
    }
}

import Foundation
import SanaCore

/// The curated name tables shipped in `Resources/` (each file's header says where it comes
/// from): brand → generic, lay → medical and abbreviation → name, as name keys (see
/// `FocusMatcher.key`), plus the general names that are never a question's focus.
public struct NameTables: Sendable {
    /// A name a question may use → the key of the name Sana knows the thing by.
    private(set) var aliases: [String: String] = [:]
    /// Aliases of fewer than four letters, or that are English words ("all", "add"): recognised
    /// only when written in capitals.
    private(set) var abbreviations: Set<String> = []
    /// Keys of names too general to be a focus ("heart rate").
    private(set) var generic: Set<String> = []
    /// Generic names of medicines (the brand table's right side), so a drug asked about is preferred.
    private(set) var drugs: Set<String> = []
    /// Every word of every name, so spelling correction leaves brands and abbreviations alone.
    private(set) var words: Set<String> = []
    /// Every word of every key (aliases, names, generic names), as index terms: a run of a
    /// question's words can be one of these names only when each of its words is one of these.
    private(set) var keyWords: Set<String> = []

    public init() {}

    /// Tables from the text of the three alias files ("alias | name" lines) and the generic list.
    public init(brands: String, lay: String, abbreviations: String, generic: String) {
        for (alias, name) in Self.pairs(brands) { add(alias, name); drugs.insert(FocusMatcher.key(name)) }
        for (alias, name) in Self.pairs(lay) { add(alias, name) }
        for (alias, name) in Self.pairs(abbreviations) {
            add(alias, name)
            self.abbreviations.insert(FocusMatcher.key(alias))
        }
        for line in generic.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let key = FocusMatcher.key(String(line))
            if !key.isEmpty { self.generic.insert(key); keyWords.formUnion(key.split(separator: " ").map(String.init)) }
        }
    }

    private mutating func add(_ alias: String, _ name: String) {
        let a = FocusMatcher.key(alias), n = FocusMatcher.key(name)
        guard !a.isEmpty, !n.isEmpty else { return }
        aliases[a] = n
        keyWords.formUnion((a + " " + n).split(separator: " ").map(String.init))
        words.formUnion(TextAnalyzer.tokens(alias))
        words.formUnion(TextAnalyzer.tokens(name))
    }

    /// "alias | name" lines; "#" starts a comment line.
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    /// The tables bundled with Sana; a missing file leaves its table empty.
    public static let curated: NameTables = {
        func read(_ name: String) -> String {
            guard let url = Bundle.module.url(forResource: "Resources/\(name)", withExtension: "txt") else { return "" }
            return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        return NameTables(brands: read("brand-names"), lay: read("lay-names"), abbreviations: read("abbreviations"),
                          generic: read("generic-names"))
    }()

    func alias(_ key: String) -> String? { aliases[key] }
}

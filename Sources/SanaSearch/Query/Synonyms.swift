import Foundation
import SanaCore

/// Lay ↔ medical names of the same thing. The curated list ships with Sana
/// (`Resources/synonyms.txt`); the index adds every article's focus and also-called names.
public struct Synonyms: Sendable {
    /// Name key (see `FocusMatcher.key`) → the keys of its other names.
    private(set) var others: [String: Set<String>] = [:]
    /// Every word of every name, so spelling correction leaves them alone ("meds").
    private(set) var words: Set<String> = []

    public init() {}

    /// Parses groups of names separated by "|", one group per line; "#" starts a comment.
    public init(text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            add(group: line.split(separator: "|").map { String($0) })
        }
    }

    /// The list bundled with Sana.
    public static let curated: Synonyms = {
        guard let url = Bundle.module.url(forResource: "Resources/synonyms", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return Synonyms() }
        return Synonyms(text: text)
    }()

    mutating func add(group names: [String]) {
        let keys = Set(names.map { FocusMatcher.key($0) }.filter { !$0.isEmpty })
        guard keys.count > 1 else { return }
        for name in names { words.formUnion(TextAnalyzer.tokens(name)) }
        for k in keys { others[k, default: []].formUnion(keys.subtracting([k])) }
    }

    /// Every known name key, for phrase matching in questions.
    var keys: [String: [Int32]] { others.mapValues { _ in [] } }
}

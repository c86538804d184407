import Foundation

/// Words of English, so spelling correction leaves real words alone: "convulsing" is not a typo
/// of "confusing" just because no article uses it. Loaded once by the caller (see `installed`)
/// and handed to `SearchIndex`.
public struct EnglishWords: Sendable {
    private var words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words.map { $0.lowercased() })
    }

    private init(lowercased: Set<String>) { words = lowercased }

    /// No word list: only the articles' own words count as known.
    public static let none = EnglishWords([String]())

    public var isEmpty: Bool { words.isEmpty }
    public var count: Int { words.count }

    public func contains(_ word: String) -> Bool { words.contains(word) }

    /// Debian's word lists (packages `wamerican` and `wbritish`), one word a line. Questions
    /// lose their apostrophes, so the lists do too ("wasn't" → "wasnt").
    public static let systemPaths = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]

    /// The words of every list at `paths` that exists; nil when none does.
    public static func load(paths: [String] = systemPaths) -> EnglishWords? {
        var all = Set<String>()
        var found = false
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            found = true
            // Byte-wise: the lists are mostly ASCII, and this runs at every start-up.
            for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
                if line.allSatisfy({ $0 < 0x80 }) {
                    all.insert(String(decoding: line.lazy.filter { $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "\r") }
                        .map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self))
                } else {
                    all.insert(String(decoding: line, as: UTF8.self).lowercased().replacingOccurrences(of: "'", with: ""))
                }
            }
        }
        return found ? EnglishWords(lowercased: all) : nil
    }

    /// The system's word lists, read once per process; nil when Debian's lists are not installed.
    public static let installed: EnglishWords? = load()
}

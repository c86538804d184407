import Foundation

/// Words of English, so spelling correction leaves real words alone: "convulsing" is not a typo
/// of "confusing" just because no article uses it. Loaded once by the caller (see `installed`)
/// and handed to `SearchIndex`.
public struct EnglishWords: Sendable {
    private var words: Set<String>
    /// Words Hunspell lists as verbs (they take "-ing": its "G" flag), so a verb before a name is
    /// not taken for part of it ("contracted rubella", "impact asthma").
    public private(set) var verbs: Set<String> = []

    public init<S: Sequence>(_ words: S, verbs: [String] = []) where S.Element == String {
        self.words = Set(words.map { $0.lowercased() })
        self.verbs = Set(verbs.map { $0.lowercased() })
    }

    private init(lowercased: Set<String>, verbs: Set<String>) { words = lowercased; self.verbs = verbs }

    /// No word list: only the articles' own words count as known.
    public static let none = EnglishWords([String]())

    public var isEmpty: Bool { words.isEmpty }
    public var count: Int { words.count }

    public func contains(_ word: String) -> Bool { words.contains(word) }

    /// Whether a word is a listed verb or its -ing form ("defining conversion disorder"). Not its
    /// -ed form: that is as often an adjective of the name ("herniated disc").
    public func isVerbForm(_ word: String) -> Bool {
        if verbs.contains(word) { return true }
        for suffix in ["ing"] where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
            let stem = String(word.dropLast(suffix.count))
            if verbs.contains(stem) || verbs.contains(stem + "e") { return true }
            // A doubled last consonant ("shipping").
            if let last = stem.last, stem.dropLast().last == last, verbs.contains(String(stem.dropLast())) { return true }
        }
        return false
    }

    /// Whether a word is English as written, as a plural or -ing/-ed form of a listed word
    /// ("orthoptics", "debriding"), or as two words run together ("infact", "diseaseany").
    public func recognises(_ word: String) -> Bool {
        recognisesAsWritten(word) || isRunTogether(word)
    }

    /// Whether a word is listed, or a plural or -ing/-ed form of a listed word.
    public func recognisesAsWritten(_ word: String) -> Bool {
        if words.contains(word) { return true }
        for suffix in ["s", "ing", "ed"] where word.hasSuffix(suffix) && word.count > suffix.count + 3 {
            let stem = String(word.dropLast(suffix.count))
            if words.contains(stem) || words.contains(stem + "e") || words.contains(stem + "ement") { return true }
        }
        return false
    }

    /// Whether a word reads as two listed words run together ("infact"). Weaker evidence than a
    /// listed word: "galstones" reads as "gal stones" too.
    public func isRunTogether(_ word: String) -> Bool {
        let characters = Array(word)
        guard characters.count >= 6 else { return false }
        for cut in 2...(characters.count - 3) {
            let first = String(characters[..<cut]), second = String(characters[cut...])
            let firstOK = cut >= 3 ? words.contains(first) : Self.shortWords.contains(first)
            if firstOK && second.count >= 3 && words.contains(second) { return true }
        }
        return false
    }

    /// Two-letter words that start run-together pairs ("infact", "alot" is too short to matter).
    static let shortWords: Set<String> = ["in", "on", "at", "to", "of", "an", "as", "by", "or", "up", "no", "so", "is", "it"]

    /// Debian's word lists (packages `wamerican`, `wbritish`, `wamerican-large`), one word a
    /// line, and Hunspell's US dictionary (`hunspell-en-us`: a word, then "/" and its affix
    /// flags). Questions lose their apostrophes, so the lists do too ("wasn't" → "wasnt").
    public static let systemPaths = ["/usr/share/dict/american-english", "/usr/share/dict/british-english",
                                     "/usr/share/dict/american-english-large", "/usr/share/hunspell/en_US.dic"]

    /// The words of every list at `paths` that exists; nil when none does.
    public static func load(paths: [String] = systemPaths) -> EnglishWords? {
        var all = Set<String>(minimumCapacity: 500_000)
        var verbs = Set<String>()
        var word: [UInt8] = []
        var found = false
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            found = true
            // Byte-wise: the lists are mostly ASCII, and this runs at every start-up.
            let hunspell = path.hasSuffix(".dic")
            for whole in text.utf8.split(separator: UInt8(ascii: "\n")) {
                // Hunspell: the word before its flags; the first line is a count, and the
                // "S" flag (plural) is all that is expanded: enough to know "dysphorias".
                var line = whole
                if hunspell {
                    guard let first = whole.first, first > 0x39 || first < 0x30 else { continue }
                    if let slash = whole.firstIndex(of: UInt8(ascii: "/")) {
                        line = whole[whole.startIndex..<slash]
                        if whole[slash...].contains(UInt8(ascii: "S")) {
                            all.insert(String(decoding: line, as: UTF8.self).lowercased() + "s")
                        }
                        if whole[slash...].contains(UInt8(ascii: "G")) { verbs.insert(String(decoding: line, as: UTF8.self).lowercased()) }
                    }
                }
                if line.allSatisfy({ $0 < 0x80 }) {
                    // One reused buffer, not a lazy chain per word: half a million words load at every start.
                    word.removeAll(keepingCapacity: true)
                    for b in line where b != UInt8(ascii: "'") && b != UInt8(ascii: "\r") { word.append(b >= 0x41 && b <= 0x5A ? b + 32 : b) }
                    all.insert(String(decoding: word, as: UTF8.self))
                } else {
                    all.insert(String(decoding: line, as: UTF8.self).lowercased().replacingOccurrences(of: "'", with: ""))
                }
            }
        }
        return found ? EnglishWords(lowercased: all, verbs: verbs) : nil
    }

    /// The system's word lists, read once per process; nil when Debian's lists are not installed.
    public static let installed: EnglishWords? = load()
}

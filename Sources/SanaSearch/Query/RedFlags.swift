import Foundation
import SanaCore

/// Emergency signs in a question. A question that describes one gets an urgent-care notice ahead
/// of any answer: reading an article is not the right next step.
public struct RedFlag: Sendable, Codable, Equatable {
    public var kind: String
    public var message: String
    /// Self-harm intent: answers are limited to help and treatment, never means.
    public var crisis: Bool
}

/// The rules of `Resources/redflags.txt` (which says how they read) and their matching.
public enum RedFlags {
    struct Rule {
        var kind: String
        var message: String
        var crisis: Bool
        var groups: [[Phrase]]
        var unless: [Phrase]
    }

    /// One element of a phrase: a word by its stem, a word prefix, a number, a count of ten or
    /// more (not a measure: "500 mg" is one dose), or a gap.
    enum Element: Equatable {
        case stem(String), prefix(String), number, count, gap
    }

    /// Words after a number that make it a measure rather than a count of things.
    static let units: Set<String> = ["mg", "mcg", "ml", "g", "gram", "grams", "milligram", "milligrams", "unit", "units", "iu", "percent", "degrees", "f", "c"]
    /// A phrase's elements, and a mask of its stems to turn away, without hashing, a question
    /// that lacks one of them (most phrases of most rules).
    struct Phrase {
        var elements: [Element]
        var stems = StemMask()

        init(_ elements: [Element]) {
            self.elements = elements
            for case .stem(let s) in elements { stems.insert(s) }
        }
    }

    /// A 128-bit Bloom filter of stems: a phrase's stems not all in the question's mask means no
    /// match; all in it means "check exactly".
    struct StemMask {
        var low: UInt64 = 0, high: UInt64 = 0

        mutating func insert(_ stem: String) {
            // FNV-1a over the UTF-8 (not Swift's per-process seeded hash): the same bit every run.
            var h: UInt64 = 0xcbf29ce484222325
            for b in stem.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            let bit = UInt64(1) << (h & 63)
            if h & 64 == 0 { low |= bit } else { high |= bit }
        }

        func covers(_ other: StemMask) -> Bool { other.low & ~low == 0 && other.high & ~high == 0 }
    }

    /// A question as matched: each word with its stem, and which phrase words a typo of it stands for.
    struct Words {
        var raw: [String]
        var stems: [String]
        var typoOf: [Set<String>]
        /// Every stem a word can stand for: a phrase with a stem outside it cannot match.
        var available: Set<String>
        var availableMask: StemMask
    }

    static let rules: [Rule] = {
        guard let url = Bundle.module.url(forResource: "Resources/redflags", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("SanaSearch resource redflags.txt is missing")
        }
        return parse(text)
    }()

    /// Phrase words long enough that a one-letter slip of them is still recognisable.
    static let typoTargets: [(stem: String, bytes: [UInt8], letters: UInt32)] = {
        var stems = Set<String>()
        for rule in rules {
            for phrase in rule.groups.joined() { for case .stem(let s) in phrase.elements where s.count >= 4 { stems.insert(s) } }
        }
        return stems.sorted().map { ($0, Array($0.utf8), SpellingCorrector.letters(Array($0.utf8))) }
    }()

    static func parse(_ text: String) -> [Rule] {
        var rules: [Rule] = []
        for line in text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let kind = String(line[line.index(after: line.startIndex)..<close])
                rules.append(Rule(kind: kind, message: "", crisis: line[close...].contains("crisis"), groups: [], unless: []))
                continue
            }
            guard !rules.isEmpty, let colon = line.firstIndex(of: ":") else { preconditionFailure("redflags.txt: cannot read \(line)") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let phrases = value.split(separator: "|").map { phrase(String($0)) }.filter { !$0.elements.isEmpty }
            switch line[..<colon] {
            case "say": rules[rules.count - 1].message = value.replacingOccurrences(of: "{call}", with: "Call your local emergency number now.")
            case "any": rules[rules.count - 1].groups.append(phrases)
            case "unless": rules[rules.count - 1].unless += phrases
            default: preconditionFailure("redflags.txt: unknown key in \(line)")
            }
        }
        return rules
    }

    static func phrase(_ text: String) -> Phrase {
        Phrase(text.split(separator: " ").compactMap { word -> Element? in
            if word == "~" { return .gap }
            if word == "#" { return .number }
            if word == "##" { return .count }
            if word.hasSuffix("*") { return .prefix(String(word.dropLast())) }
            return TextAnalyzer.tokens(String(word)).first.map { .stem(stem($0)) }
        })
    }

    static func stem(_ token: String) -> String {
        token.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) ? EnglishStemmer.stem(token) : token
    }

    /// The normalised words of a question: lower case, no apostrophes, each with its stem. A word
    /// of five letters or more that is not an English word (per `isEnglish`) also stands for the
    /// phrase words one edit away, so "siezure" and "unconcious" still count.
    static func words(_ question: String, isEnglish: (String) -> Bool) -> Words {
        var memo: [String: (stem: String, typoOf: Set<String>)] = [:]
        return words(question, isEnglish: isEnglish, memo: &memo)
    }

    /// `memo` keeps each token's stem and typo targets: a message repeats its words, and the
    /// corrected question repeats the message.
    static func words(_ question: String, isEnglish: (String) -> Bool,
                      memo: inout [String: (stem: String, typoOf: Set<String>)]) -> Words {
        let raw = TextAnalyzer.tokens(question)
        var stems: [String] = [], typoOf: [Set<String>] = []
        stems.reserveCapacity(raw.count)
        typoOf.reserveCapacity(raw.count)
        for token in raw {
            if let known = memo[token] {
                stems.append(known.stem)
                typoOf.append(known.typoOf)
                continue
            }
            let stemmed = Self.stem(token), typos = slips(of: token, stem: stemmed, isEnglish: isEnglish)
            memo[token] = (stemmed, typos)
            stems.append(stemmed)
            typoOf.append(typos)
        }
        let available = Set(stems).union(typoOf.joined())
        var mask = StemMask()
        for s in available { mask.insert(s) }
        return Words(raw: raw, stems: stems, typoOf: typoOf, available: available, availableMask: mask)
    }

    /// The phrase words a token may be a slip of (see `words`).
    static func slips(of token: String, stem: String, isEnglish: (String) -> Bool) -> Set<String> {
        guard token.utf8.count >= 5, token.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), !isEnglish(token) else { return [] }
        let bytes = Array(stem.utf8), letters = SpellingCorrector.letters(bytes)
        return Set(typoTargets.filter { target in
            let other = target.bytes
            guard abs(other.count - bytes.count) <= 1, (target.letters ^ letters).nonzeroBitCount <= 2,
                  SpellingCorrector.distance(bytes, other, limit: 1) <= 1 else { return false }
            // In a short word one changed letter makes another word ("infact", "infant"); a
            // letter missing, doubled or swapped is still the same word.
            return other.count != bytes.count || bytes.count >= 8 || isTransposition(bytes, other)
        }.map(\.stem))
    }

    static func isTransposition(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let differ = a.indices.filter { a[$0] != b[$0] }
        return differ.count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]]
    }

    static func isNumber(_ token: String) -> Bool { !token.isEmpty && token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    static func matches(_ phrase: Phrase, _ words: Words) -> Bool {
        guard words.availableMask.covers(phrase.stems) else { return false }
        for case .stem(let s) in phrase.elements where !words.available.contains(s) { return false }
        func element(_ e: Element, _ i: Int) -> Bool {
            switch e {
            case .stem(let s): words.stems[i] == s || words.typoOf[i].contains(s)
            case .prefix(let p): words.raw[i].hasPrefix(p)
            case .number: isNumber(words.raw[i])
            case .count: isNumber(words.raw[i]) && (Int(words.raw[i]) ?? Int.max) >= 10
                && (i + 1 == words.raw.count || !units.contains(words.raw[i + 1]))
            case .gap: true
            }
        }
        // A gap skips up to three words.
        return PhraseMatcher.occurs(phrase.elements, wordCount: words.raw.count, maxGap: 3, isGap: { $0 == .gap }, matches: element)
    }

    /// The first rule that fires on any of the texts (the person's own words and the corrected
    /// question), so a correction can neither hide an emergency nor a crisis lose its priority.
    public static func check(_ texts: [String], isEnglish: (String) -> Bool = { _ in true }) -> RedFlag? {
        var memo: [String: (stem: String, typoOf: Set<String>)] = [:]
        let analysed = texts.map { words($0, isEnglish: isEnglish, memo: &memo) }
        for rule in rules {
            // The groups first: most rules fail on a missing word at once; the exceptions are read
            // only for a rule that fires.
            for words in analysed where rule.groups.allSatisfy({ $0.contains { matches($0, words) } })
                && !rule.unless.contains(where: { matches($0, words) }) {
                return RedFlag(kind: rule.kind, message: rule.message, crisis: rule.crisis)
            }
        }
        return nil
    }

    /// The first emergency the question describes, if any.
    public static func check(_ question: String, isEnglish: (String) -> Bool = { _ in true }) -> RedFlag? {
        check([question], isEnglish: isEnglish)
    }
}

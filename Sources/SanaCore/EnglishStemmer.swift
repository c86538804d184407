/// The Snowball English ("Porter2") stemmer, tested against Snowball's published vocabulary.
///
/// Works on lower-case ASCII words; anything else is returned unchanged.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        guard word.utf8.count > 2, word.utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        if let special = exceptions[word] { return special }
        var w = Array(word.utf8)
        if w.first == apostrophe { w.removeFirst() }
        // Initial y, and y after a vowel, act as consonants: mark them Y.
        for i in w.indices where w[i] == y && (i == 0 || isVowel(w[i - 1])) { w[i] = Y }
        let r1 = region1(w)
        let r2 = region2(w, r1)
        var s = Stemming(w: w, r1: r1, r2: r2)
        s.step0()
        if !s.step1a() {
            let current = String(decoding: s.w, as: UTF8.self)
            if invariantAfter1a.contains(current) { return current }
            s.step1b(); s.step1c(); s.step2(); s.step3(); s.step4(); s.step5()
        }
        return String(decoding: s.w.map { $0 == Y ? y : $0 }, as: UTF8.self)
    }

    static let apostrophe = UInt8(ascii: "'")
    static let y = UInt8(ascii: "y")
    static let Y = UInt8(ascii: "Y")

    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
        "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos",
        "bias": "bias", "andes": "andes",
    ]
    static let invariantAfter1a: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]

    static func isVowel(_ c: UInt8) -> Bool {
        switch c { case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true; default: false }  // a e i o u y
    }

    static func region1(_ w: [UInt8]) -> Int {
        for prefix in ["gener", "commun", "arsen"] where w.starts(with: prefix.utf8) { return prefix.utf8.count }
        return regionAfterVowelConsonant(w, from: 0)
    }

    static func region2(_ w: [UInt8], _ r1: Int) -> Int { regionAfterVowelConsonant(w, from: r1) }

    private static func regionAfterVowelConsonant(_ w: [UInt8], from start: Int) -> Int {
        var i = start + 1
        while i < w.count {
            if !isVowel(w[i]) && isVowel(w[i - 1]) { return i + 1 }
            i += 1
        }
        return w.count
    }
}

/// The word being stemmed and its regions.
private struct Stemming {
    var w: [UInt8]
    var r1: Int
    var r2: Int

    func ends(_ suffix: String) -> Bool {
        var i = w.count
        for c in suffix.utf8.reversed() {
            i -= 1
            if i < 0 || w[i] != c { return false }
        }
        return true
    }
    func inR1(_ suffix: String) -> Bool { w.count - suffix.utf8.count >= r1 }
    func inR2(_ suffix: String) -> Bool { w.count - suffix.utf8.count >= r2 }
    mutating func replace(_ suffix: String, with replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: replacement.utf8)
    }
    /// The longest of `suffixes` the word ends with; the lists are short, so a scan is cheapest.
    func longest(_ suffixes: [String]) -> String? {
        var best: String? = nil
        var bestLength = 0
        for s in suffixes where s.utf8.count > bestLength && ends(s) { best = s; bestLength = s.utf8.count }
        return best
    }
    static func isVowel(_ c: UInt8) -> Bool { EnglishStemmer.isVowel(c) }
    func hasVowel(before end: Int) -> Bool { w[..<end].contains(where: Self.isVowel) }

    /// A short syllable ends at `end` (exclusive).
    func shortSyllable(endingAt end: Int) -> Bool {
        if end == 2 { return Self.isVowel(w[0]) && !Self.isVowel(w[1]) }
        guard end >= 3 else { return false }
        let (a, b, c) = (w[end - 3], w[end - 2], w[end - 1])
        return !Self.isVowel(a) && Self.isVowel(b) && !Self.isVowel(c) && c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != EnglishStemmer.Y
    }
    var isShort: Bool { r1 >= w.count && shortSyllable(endingAt: w.count) }

    mutating func step0() {
        if let s = longest(["'s'", "'s", "'"]) { w.removeLast(s.utf8.count) }
    }

    /// Returns true when the word must not be changed further (never, here; kept for clarity).
    mutating func step1a() -> Bool {
        guard let s = longest(["sses", "ied", "ies", "us", "ss", "s"]) else { return false }
        switch s {
        case "sses": replace(s, with: "ss")
        case "ied", "ies": replace(s, with: w.count > 4 ? "i" : "ie")
        case "s":
            // Delete if the part before the s holds a vowel that is not just before the s.
            if w.count >= 3, hasVowel(before: w.count - 2) { w.removeLast() }
        default: break
        }
        return false
    }

    mutating func step1b() {
        guard let s = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
        if s == "eed" || s == "eedly" {
            if inR1(s) { replace(s, with: "ee") }
            return
        }
        let stemEnd = w.count - s.utf8.count
        guard hasVowel(before: stemEnd) else { return }
        w.removeLast(s.utf8.count)
        if ends("at") || ends("bl") || ends("iz") {
            w.append(UInt8(ascii: "e"))
        } else if let last = w.last, w.count >= 2, w[w.count - 2] == last, "bdfgmnprt".utf8.contains(last) {
            w.removeLast()
        } else if isShort {
            w.append(UInt8(ascii: "e"))
        }
    }

    mutating func step1c() {
        guard let last = w.last, last == EnglishStemmer.y || last == EnglishStemmer.Y, w.count > 2, !Self.isVowel(w[w.count - 2]) else { return }
        w[w.count - 1] = UInt8(ascii: "i")
    }

    static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
        ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
        ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    mutating func step2() {
        guard let s = longest(Self.step2Rules.map(\.0)), inR1(s) else { return }
        let replacement = Self.step2Rules.first { $0.0 == s }!.1
        switch s {
        case "ogi":
            if w.count > 3, w[w.count - 4] == UInt8(ascii: "l") { replace(s, with: replacement) }
        case "li":
            if w.count > 2, "cdeghkmnrt".utf8.contains(w[w.count - 3]) { w.removeLast(2) }
        default:
            replace(s, with: replacement)
        }
    }

    static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    mutating func step3() {
        guard let s = longest(Self.step3Rules.map(\.0)), inR1(s) else { return }
        if s == "ative" {
            if inR2(s) { w.removeLast(s.utf8.count) }
            return
        }
        replace(s, with: Self.step3Rules.first { $0.0 == s }!.1)
    }

    static let step4Suffixes = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                                "ism", "ate", "iti", "ous", "ive", "ize", "ion"]

    mutating func step4() {
        guard let s = longest(Self.step4Suffixes), inR2(s) else { return }
        if s == "ion" {
            let before = w.count - 4
            if before >= 0, w[before] == UInt8(ascii: "s") || w[before] == UInt8(ascii: "t") { w.removeLast(3) }
        } else {
            w.removeLast(s.utf8.count)
        }
    }

    mutating func step5() {
        if ends("e") {
            if inR2("e") || (inR1("e") && !shortSyllable(endingAt: w.count - 1)) { w.removeLast() }
        } else if ends("l") {
            if inR2("l") && w.count >= 2 && w[w.count - 2] == UInt8(ascii: "l") { w.removeLast() }
        }
    }
}

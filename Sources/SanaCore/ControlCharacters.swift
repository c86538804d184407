/// Control characters have no place in article text: SQLite cuts a string at NUL, so ids
/// "a\u{0}x" and "a\u{0}y" would both be stored as "a", and the rest are invisible noise.
public enum ControlCharacters {
    /// The first C0 or C1 control character or DEL; tab and newline pass in multi-line text.
    public static func first(in text: String, multiline: Bool = false) -> Unicode.Scalar? {
        text.unicodeScalars.first { s in
            if multiline && (s == "\n" || s == "\t") { return false }
            return s.value < 0x20 || (0x7F...0x9F).contains(s.value)
        }
    }

    /// "U+0000": how an error message names a control character without printing it.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text with every control character written as `\u{…}`, safe to print.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            if first(in: String(s)) != nil { out += "\\u{\(String(s.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}

extension ControlCharacters {
    /// The first named field holding a control character. `text` fields (running text) may
    /// hold tabs and newlines; the others may not.
    public static func first(inFields single: [(String, String?)], lists: [(String, [String])] = [], sources: [Source] = [],
                             text: [(String, String?)]) -> (field: String, scalar: Unicode.Scalar)? {
        var found: (field: String, scalar: Unicode.Scalar)?
        _ = firstField(inFields: single, lists: lists, sources: sources, text: text) { field, value, multiline in
            guard let c = first(in: value, multiline: multiline) else { return false }
            found = (field, c)
            return true
        }
        return found
    }

    /// The first named field (list items and sources numbered, in that order, running text last)
    /// for which `matches(field, value, isRunningText)` holds.
    public static func firstField(inFields single: [(String, String?)], lists: [(String, [String])] = [], sources: [Source] = [],
                                  text: [(String, String?)], where matches: (String, String, Bool) -> Bool) -> String? {
        var fields = single
        for (name, list) in lists { fields += list.enumerated().map { ("\(name)[\($0.offset)]", $0.element) } }
        for (i, s) in sources.enumerated() {
            fields += [("sources[\(i)].title", s.title), ("sources[\(i)].url", s.url), ("sources[\(i)].licence", s.licence)]
        }
        for (field, value) in fields { if let value, matches(field, value, false) { return field } }
        for (field, value) in text { if let value, matches(field, value, true) { return field } }
        return nil
    }
}

/// Combining marks stacked without end ("Zalgo" text: a letter with thousands of accents) are
/// one grapheme that draws over the lines around it. Unicode's Stream-Safe Text Format (UAX #15)
/// allows at most 30 non-starters in a row; no language needs more.
public enum CombiningMarks {
    public static let maxRun = 30

    /// Whether more than `maxRun` scalars with a non-zero canonical combining class follow one another.
    public static func hasFlood(_ text: String) -> Bool {
        var run = 0
        for s in text.unicodeScalars {
            // No scalar below U+0300 combines: the common case costs one comparison.
            if s.value < 0x300 || s.properties.canonicalCombiningClass.rawValue == 0 { run = 0; continue }
            run += 1
            if run > maxRun { return true }
        }
        return false
    }
}

extension Article {
    /// The first field holding a control character, by its exchange (JSON Lines) name, and the
    /// character. Only the summary and body (running text) may hold tabs and newlines.
    public func firstControlCharacter() -> (field: String, scalar: Unicode.Scalar)? {
        var found: (field: String, scalar: Unicode.Scalar)?
        _ = firstField { field, value, multiline in
            guard let c = ControlCharacters.first(in: value, multiline: multiline) else { return false }
            found = (field, c)
            return true
        }
        return found
    }

    /// The first field with more combining marks in a row than `CombiningMarks.maxRun`.
    public func firstCombiningMarkFlood() -> String? {
        firstField { _, value, _ in CombiningMarks.hasFlood(value) }
    }

    /// The first field, by its exchange (JSON Lines) name, for which `matches` holds.
    func firstField(where matches: (String, String, Bool) -> Bool) -> String? {
        ControlCharacters.firstField(
            inFields: [("id", id), ("slug", slug), ("title", title), ("category", category.name),
                       ("category_slug", category.slug), ("focus", focus), ("language", language), ("reviewer", reviewer),
                       ("previous_title", previousTitle), ("next_title", nextTitle)],
            lists: [("also_called", alsoCalled), ("tags", tags), ("related_hints", relatedHints)], sources: sources,
            text: [("summary", summary), ("body", body)], where: matches)
    }
}

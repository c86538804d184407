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
        var fields = single
        for (name, list) in lists { fields += list.enumerated().map { ("\(name)[\($0.offset)]", $0.element) } }
        for (i, s) in sources.enumerated() {
            fields += [("sources[\(i)].title", s.title), ("sources[\(i)].url", s.url), ("sources[\(i)].licence", s.licence)]
        }
        for (field, value) in fields { if let value, let c = first(in: value) { return (field, c) } }
        for (field, value) in text { if let value, let c = first(in: value, multiline: true) { return (field, c) } }
        return nil
    }
}

extension Article {
    /// The first field holding a control character, by its exchange (JSON Lines) name, and the
    /// character. Only the summary and body (running text) may hold tabs and newlines.
    public func firstControlCharacter() -> (field: String, scalar: Unicode.Scalar)? {
        ControlCharacters.first(
            inFields: [("id", id), ("slug", slug), ("title", title), ("category", category.name),
                       ("category_slug", category.slug), ("focus", focus), ("language", language), ("reviewer", reviewer),
                       ("previous_title", previousTitle), ("next_title", nextTitle)],
            lists: [("also_called", alsoCalled), ("tags", tags), ("related_hints", relatedHints)], sources: sources,
            text: [("summary", summary), ("body", body)])
    }
}

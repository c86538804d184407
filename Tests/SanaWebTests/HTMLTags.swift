/// The start tags of an HTML document as a browser's tokenizer sees them (HTML5 §13.2.5, the tag,
/// attribute, comment and raw-text states), read by Unicode scalar as a browser reads: enough
/// to tell which elements and attributes a page really holds, whatever text it shows.
struct HTMLTag {
    var name: String
    var attributes: [(name: String, value: String)]
    /// The text of a raw-text or escapable raw-text element (script, style, title, textarea).
    var content = ""

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    static let rawTextElements: Set<String> = ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"]

    static func parse(_ html: String) -> [HTMLTag] {
        let s = Array(html.unicodeScalars)
        var tags: [HTMLTag] = []
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        func starts(_ text: String, _ k: Int) -> Bool {
            let t = Array(text.unicodeScalars)
            return k + t.count <= s.count && (0..<t.count).allSatisfy { lower(s[k + $0]) == t[$0] }
        }
        func skip(past text: String, from k: Int) -> Int {
            var k = k
            while k < s.count && !starts(text, k) { k += 1 }
            return min(s.count, k + text.unicodeScalars.count)
        }
        while i < s.count {
            guard s[i] == "<", let next = at(i + 1) else { i += 1; continue }
            if starts("<!--", i) {
                i = at(i + 4) == ">" ? i + 5 : starts("->", i + 4) ? i + 6 : skip(past: "-->", from: i + 4)
            } else if next == "!" || next == "?" || (next == "/" && at(i + 2).map { !isLetter($0) && $0 != ">" } ?? false) {
                i = skip(past: ">", from: i + 1)  // doctype or bogus comment
            } else if next == "/" || isLetter(next) {
                let end = next == "/"
                var tag = HTMLTag(name: "", attributes: [])
                i = readTag(s, from: i + (end ? 2 : 1), into: &tag)
                guard !end else { continue }
                if rawTextElements.contains(tag.name) {
                    var k = i
                    while k < s.count && !(starts("</" + tag.name, k) && at(k + 2 + tag.name.count).map { " \t\n\u{0C}/>".unicodeScalars.contains($0) } ?? true) { k += 1 }
                    tag.content = String(String.UnicodeScalarView(s[i..<k]))
                    i = k
                }
                tags.append(tag)
            } else {
                i += 1  // a `<` that is only text
            }
        }
        return tags
    }

    /// Reads a tag name and its attributes from `k`; returns the index after its `>`.
    private static func readTag(_ s: [Unicode.Scalar], from start: Int, into tag: inout HTMLTag) -> Int {
        var k = start
        func isSpace(_ c: Unicode.Scalar) -> Bool { " \t\n\u{0C}\r".unicodeScalars.contains(c) }
        var name = String.UnicodeScalarView()
        while k < s.count, !isSpace(s[k]), s[k] != "/", s[k] != ">" { name.append(lower(s[k])); k += 1 }
        tag.name = String(name)
        while k < s.count {
            while k < s.count, isSpace(s[k]) || s[k] == "/" { k += 1 }
            guard k < s.count, s[k] != ">" else { return k + 1 }
            var attribute = String.UnicodeScalarView([lower(s[k])])
            k += 1
            while k < s.count, !isSpace(s[k]), s[k] != "/", s[k] != ">", s[k] != "=" { attribute.append(lower(s[k])); k += 1 }
            while k < s.count, isSpace(s[k]) { k += 1 }
            var value = String.UnicodeScalarView()
            if k < s.count, s[k] == "=" {
                k += 1
                while k < s.count, isSpace(s[k]) { k += 1 }
                if k < s.count, s[k] == "\"" || s[k] == "'" {
                    let quote = s[k]
                    k += 1
                    while k < s.count, s[k] != quote { value.append(s[k]); k += 1 }
                    k += 1
                } else {
                    while k < s.count, !isSpace(s[k]), s[k] != ">" { value.append(s[k]); k += 1 }
                }
            }
            tag.attributes.append((String(attribute), decodeReferences(String(value))))
        }
        return k
    }

    /// Decodes the character references Sana writes (the five named ones and numeric ones), by
    /// scalar: a `;` followed by a combining mark still ends its reference.
    static func decodeReferences(_ text: String) -> String {
        let named: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var k = 0
        while k < s.count {
            if s[k] == "&", let semi = s[(k + 1)...].prefix(10).firstIndex(of: ";") {
                let ref = String(String.UnicodeScalarView(s[(k + 1)..<semi]))
                let scalar: Unicode.Scalar? = if ref.hasPrefix("#x") || ref.hasPrefix("#X") {
                    UInt32(ref.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if ref.hasPrefix("#") {
                    UInt32(ref.dropFirst()).flatMap(Unicode.Scalar.init)
                } else { named[ref] }
                if let scalar { out.append(scalar); k = semi + 1; continue }
            }
            out.append(s[k])
            k += 1
        }
        return String(out)
    }

    private static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
}

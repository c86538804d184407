/// Escaping for the markup Sana writes, done by Unicode scalar.
///
/// Escaping by `Character` (grapheme cluster) misses a `<` or `"` that shares a cluster with a
/// prepended or combining mark (U+0600 before `<`, U+0301 after `"`), which then reaches the page
/// raw. Every value a page, feed or sitemap shows goes through these functions, once.
public enum Escape {
    /// Text or a quoted attribute value in HTML: `& < > " '` become character references.
    /// Control characters other than tab, newline and carriage return become U+FFFD, so a
    /// value can never end a tag or an attribute whatever follows it.
    public static func html(_ text: String) -> String {
        var needs = false
        for s in text.unicodeScalars where s.needsHTMLEscape { needs = true; break }
        guard needs else { return text }
        // Appending to a String, not a UnicodeScalarView: appending whole references to the view
        // took time growing with its length (a 1 MB text full of `&` took seconds).
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(s.isForbiddenInMarkup ? "\u{FFFD}" : s)
            }
        }
        return out
    }

    /// Text or attribute value in XML 1.0 (the Atom feed, the sitemap): escaped as for HTML, and
    /// characters XML does not allow at all (C0 controls but tab/newline/return, U+FFFE, U+FFFF)
    /// replaced by U+FFFD so the document stays well formed.
    public static func xml(_ text: String) -> String { html(text) }

    /// A JSON string literal (with quotes) that is safe inside an HTML `<script>` element:
    /// `<`, `>`, `&` and the line separators U+2028/U+2029 are written as `\u` escapes, so
    /// neither `</script>` nor `<!--` can survive; so are controls, and U+FFFE/U+FFFF become U+FFFD.
    public static func jsonInScript(_ text: String) -> String {
        var out = "\""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(s.value)
            default:
                if s.isForbiddenInMarkup { out += "\\u" + hex4(s.isNoncharacterForXML ? 0xFFFD : s.value) }
                else { out.unicodeScalars.append(s) }
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}

extension Unicode.Scalar {
    /// C0 controls but tab, newline and return; DEL and C1 controls; U+FFFE and U+FFFF.
    var isForbiddenInMarkup: Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (value >= 0x7F && value <= 0x9F)
            || isNoncharacterForXML
    }

    var isNoncharacterForXML: Bool { value == 0xFFFE || value == 0xFFFF }

    var needsHTMLEscape: Bool {
        switch self {
        case "&", "<", ">", "\"", "'": return true
        default: return isForbiddenInMarkup
        }
    }
}

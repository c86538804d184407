import Foundation

/// URL-safe identifiers derived from titles.
public enum Slug {
    /// Lower-case ASCII letters and digits joined by single hyphens, at most `maxLength` characters,
    /// cut at a hyphen so words stay whole. Other scripts are transliterated to Latin first
    /// ("Τι είναι ο διαβήτης;" → "ti-einai-o-diabetes"); when nothing Latin remains (emoji), the
    /// slug is "article-" and a stable hash of `fallback` (an id) or of the text itself.
    public static func make(from text: String, maxLength: Int = 80, fallback: String? = nil) -> String {
        let latin = latinLetters(text, maxLength: maxLength)
        return latin.isEmpty ? "article-" + hash(fallback ?? text) : latin
    }

    /// The transliterated slug, or "" when no Latin letter or digit remains.
    public static func latinLetters(_ text: String, maxLength: Int = 80) -> String {
        // Latin text is left as it was, so slugs of existing Latin titles never change.
        let latin = text.unicodeScalars.allSatisfy(\.isASCII) ? text : (text.applyingTransform(.toLatin, reverse: false) ?? text)
        let folded = latin.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "don't" -> "dont"
            } else {
                pendingHyphen = true
            }
        }
        if out.count > maxLength {
            let cut = out.prefix(maxLength)
            if let lastHyphen = cut.lastIndex(of: "-") { out = String(cut[..<lastHyphen]) } else { out = String(cut) }
        }
        return out
    }

    /// 12 hex digits of the 64-bit FNV-1a hash of the UTF-8 bytes: the same on every machine and run
    /// (Swift's `Hasher` is seeded per process).
    public static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(12))
    }

    /// A slug is valid when it is what `make` could produce: non-empty, `[a-z0-9-]`, no edge hyphens.
    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= 200, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

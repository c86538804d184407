import Foundation

/// URL-safe identifiers derived from titles.
public enum Slug {
    /// Lower-case ASCII letters and digits joined by single hyphens, at most `maxLength` characters,
    /// cut at a hyphen so words stay whole.
    public static func make(from text: String, maxLength: Int = 80) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
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
        return out.isEmpty ? "article" : out
    }

    /// A slug is valid when it is what `make` could produce: non-empty, `[a-z0-9-]`, no edge hyphens.
    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= 200, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

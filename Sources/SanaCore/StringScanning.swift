/// Small string helpers in plain Swift: Foundation's versions bridge through NSString and
/// dominate the time of indexing a large corpus.
extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, newlines).
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }

    /// Whether `needle` occurs in the text, compared byte by byte (no locale, no folding).
    public func containsBytes(_ needle: String) -> Bool {
        let hay = Array(utf8), pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        guard hay.count >= pattern.count else { return false }
        let first = pattern[0]
        var i = 0
        let end = hay.count - pattern.count
        while i <= end {
            if hay[i] == first {
                var j = 1
                while j < pattern.count && hay[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return true }
            }
            i += 1
        }
        return false
    }
}

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
}

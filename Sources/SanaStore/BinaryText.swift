/// Text compared as SQLite compares it by default (the BINARY collation): byte for byte in UTF-8.
/// Swift's own `String` equality and order treat canonically equivalent text (é as one scalar, or
/// as e and an accent) as equal; SQLite does not, and the in-memory store must not either.
struct BinaryText: Hashable, Comparable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: Self, b: Self) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    static func < (a: Self, b: Self) -> Bool { a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        for byte in text.utf8 { hasher.combine(byte) }
    }

    /// Whether the text starts with `prefix` as SQLite's `text LIKE 'prefix%'` (with every
    /// wildcard in `prefix` escaped) decides: scalar by scalar, ignoring case in ASCII letters only.
    func hasLikePrefix(_ prefix: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        for p in prefix.unicodeScalars {
            guard let s = scalars.next() else { return false }
            if s == p { continue }
            guard s.isASCII, p.isASCII, Self.asciiLower(s) == Self.asciiLower(p) else { return false }
        }
        return true
    }

    private static func asciiLower(_ s: Unicode.Scalar) -> UInt32 {
        ("A"..."Z").contains(s) ? s.value + 32 : s.value
    }
}

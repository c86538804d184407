/// The parameters of a query string as an HTML form sends them: `+` is a space, then
/// %-escapes are decoded. (Decoding escapes alone would turn "what+causes" into "what+causes".)
struct FormQuery {
    private var values: [String: String] = [:]
    /// A name or value had a broken %-escape or stood for bytes that are not UTF-8 (it was read
    /// as empty): a form that saves text must refuse it rather than save the empty value.
    private(set) var isMalformed = false

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first, let name = Self.decode(rawName) else { isMalformed = true; continue }
            let decoded = parts.count > 1 ? Self.decode(parts[1]) : ""
            if decoded == nil { isMalformed = true }
            if values[name] == nil { values[name] = decoded ?? "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let b = iterator.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let hi = iterator.next().flatMap(hex), let lo = iterator.next().flatMap(hex) else { return nil }
                bytes.append(hi << 4 | lo)
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

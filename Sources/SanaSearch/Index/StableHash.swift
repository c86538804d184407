/// A string's 64-bit hash that is the same in every process (FNV-1a over its UTF-8 bytes).
/// Swift's `hashValue` is seeded per process, so tables keyed by it could not be saved to the
/// index file and read back by the next server.
enum StableHash {
    static func of(_ s: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var copy = s
        copy.withUTF8 { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return Int(bitPattern: UInt(h))
    }
}

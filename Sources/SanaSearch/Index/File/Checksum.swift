/// A fast 64-bit checksum over bytes fed in pieces of any size: four lanes of multiply and
/// rotate over 32-byte blocks. It finds torn writes and flipped bits, not forgeries.
struct Checksum {
    private var lanes = SIMD4<UInt64>(0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63)
    private var pending: [UInt8] = []
    private var total: UInt64 = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var at = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            at = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { mix($0, 0) }
            pending.removeAll(keepingCapacity: true)
        }
        while at + 32 <= bytes.count {
            mix(bytes, at)
            at += 32
        }
        if at < bytes.count { pending.append(contentsOf: bytes[at...]) }
    }

    @inline(__always)
    private mutating func mix(_ bytes: UnsafeRawBufferPointer, _ at: Int) {
        let words = SIMD4<UInt64>(bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self),
                                  bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self),
                                  bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self),
                                  bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))
        var x = (lanes ^ words) &* 0x9FB2_1C65_1E98_DF25
        x = (x &<< 31) | (x &>> 33)
        lanes = x &* 0x87C3_7B91_1142_53D5
    }

    var value: UInt64 {
        var h = total
        for b in pending { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        for i in 0..<4 {
            h = (h ^ lanes[i]) &* 0x9FB2_1C65_1E98_DF25
            h ^= h >> 29
        }
        return h
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var c = Checksum()
        c.add(bytes)
        return c.value
    }
}

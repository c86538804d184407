/// Every indexed article's record (strings, sections, their terms and text) as bytes in large
/// chunks. A million articles held as Swift strings and arrays cost about as much again in
/// allocation headers and heap fragmentation as in content; one record each in shared chunks
/// costs a few bytes of overhead and is decoded only for the articles a search returns.
/// Records read from an index file stay in its mapping (`mapped`); new ones go to the chunks.
/// Unchecked Sendable: `mapped` is read-only memory that the snapshot's `mappings` keep alive.
struct RecordPool: @unchecked Sendable {
    private var chunks: [[UInt8]] = []
    static let chunkBytes = 1 << 22
    /// Marks an address in `mapped` rather than in a chunk.
    static let mappedFlag = 1 << 62
    private var mapped = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// Bytes of records held in memory (the mapped ones not counted).
    private(set) var storedBytes = 0

    init() {}

    /// A pool whose records are already laid out in `mapped` (each as its length, then its
    /// bytes), addressed by `mappedFlag | offset`.
    init(mapped: UnsafeBufferPointer<UInt8>) { self.mapped = mapped }

    var mappedBytes: Int { mapped.count }

    /// Stores a record (two parts written back to back) and returns its address.
    mutating func append(_ head: [UInt8], _ tail: [UInt8]) -> Int {
        var prefix = RecordWriter()
        prefix.int(head.count + tail.count)
        let size = prefix.bytes.count + head.count + tail.count
        if chunks.isEmpty || chunks[chunks.count - 1].count + size > Self.chunkBytes {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(size, Self.chunkBytes))
            chunks.append(chunk)
        }
        let c = chunks.count - 1
        let offset = chunks[c].count
        chunks[c].append(contentsOf: prefix.bytes)
        chunks[c].append(contentsOf: head)
        chunks[c].append(contentsOf: tail)
        storedBytes += size
        return c << 32 | offset
    }

    /// Reads the record at `address`.
    func read<R>(_ address: Int, _ body: (inout RecordReader) -> R) -> R {
        withStoredBytes(address) { stored in
            var length = RecordReader(stored, at: 0)
            let count = length.int()
            var reader = RecordReader(UnsafeBufferPointer(rebasing: stored[length.at..<(length.at + count)]), at: 0)
            return body(&reader)
        }
    }

    /// The record at `address` as stored: its length, then its bytes (for saving it elsewhere).
    func withStoredBytes<R>(_ address: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if address & Self.mappedFlag != 0 {
            let offset = address ^ Self.mappedFlag
            return body(UnsafeBufferPointer(rebasing: mapped[offset..<(offset + Self.storedLength(mapped, at: offset))]))
        }
        return chunks[address >> 32].withUnsafeBufferPointer { chunk in
            let offset = address & 0xFFFF_FFFF
            return body(UnsafeBufferPointer(rebasing: chunk[offset..<(offset + Self.storedLength(chunk, at: offset))]))
        }
    }

    /// Bytes of the record stored at `offset`, its length prefix included.
    private static func storedLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        var r = RecordReader(bytes, at: offset)
        let count = r.int()
        return r.at - offset + count
    }

    /// The record's bytes, for copying it into another pool.
    func bytes(_ address: Int) -> [UInt8] { read(address) { Array($0.bytes) } }
}

/// Writes variable-length integers (LEB128), strings and sorted id lists.
struct RecordWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    mutating func string(_ s: String) { int(s.utf8.count); bytes.append(contentsOf: s.utf8) }

    /// nil is written as 0, a string as its length plus one.
    mutating func optionalString(_ s: String?) {
        guard let s else { int(0); return }
        int(s.utf8.count + 1)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func strings(_ list: [String]) { int(list.count); for s in list { string(s) } }

    mutating func data(_ b: [UInt8]) { int(b.count); bytes.append(contentsOf: b) }

    /// Ascending ids as differences from the previous one, which are mostly one or two bytes.
    mutating func sortedIDs(_ ids: [Int32]) {
        int(ids.count)
        var last: Int32 = 0
        for id in ids { int(Int(id - last)); last = id }
    }
}

/// Reads what `RecordWriter` wrote, in the same order.
struct RecordReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) {
        self.bytes = bytes
        self.at = at
    }

    mutating func int() -> Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = bytes[at]
            at += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int(value) }
            shift += 7
        }
    }

    mutating func string() -> String {
        let n = int()
        defer { at += n }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
    }

    mutating func optionalString() -> String? {
        let n = int()
        guard n > 0 else { return nil }
        defer { at += n - 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n - 1)]), as: UTF8.self)
    }

    mutating func strings() -> [String] { (0..<int()).map { _ in string() } }

    mutating func data() -> [UInt8] {
        let n = int()
        defer { at += n }
        return Array(UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]))
    }

    mutating func sortedIDs() -> [Int32] {
        let n = int()
        var ids: [Int32] = []
        ids.reserveCapacity(n)
        var last: Int32 = 0
        for _ in 0..<n { last += Int32(int()); ids.append(last) }
        return ids
    }

    mutating func skipBytes() { at += int() }
    mutating func skipOptional() { at += max(int() - 1, 0) }
    mutating func skipStrings() { for _ in 0..<int() { skipBytes() } }
}

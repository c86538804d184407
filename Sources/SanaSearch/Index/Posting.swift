/// The fields of an article that BM25F weighs separately.
enum Field: Int, CaseIterable {
    case title = 0, names, headings, body
}

/// Term frequencies of one term in one article, per field, in 8 bytes: counts stop at 255,
/// far past where BM25 saturates, so a million articles' postings fit in memory.
struct Posting: Sendable {
    var doc: Int32
    var counts: SIMD4<UInt8>

    init(doc: Int32, tf: SIMD4<Float>) {
        self.doc = doc
        counts = SIMD4<UInt8>(SIMD4<Float>(repeating: 255).replacing(with: tf, where: tf .< 255))
    }

    init(doc: Int32, counts: SIMD4<UInt8>) {
        self.doc = doc
        self.counts = counts
    }

    var tf: SIMD4<Float> { SIMD4<Float>(counts) }
}

/// One term's postings in article order, as full blocks that never change plus a growing tail.
/// The writer appends to its own copy of the index while searches read the published one; the
/// two share storage, so an append copies only the tail (at most one block), never the whole
/// list of a common term. A list read from an index file starts with the postings in the
/// file's mapping (`mapped`), which are never copied.
/// Unchecked Sendable: `mapped` is read-only memory that the snapshot's `mappings` keep alive.
struct PostingList: @unchecked Sendable {
    static let blockSize = 4096
    private var mapped = UnsafeBufferPointer<Posting>(start: nil, count: 0)
    private var blocks: [[Posting]] = []
    private var tail: [Posting] = []

    init() {}

    init(mapped: UnsafeBufferPointer<Posting>) { self.mapped = mapped }

    init(_ postings: some Sequence<Posting>) {
        for p in postings { append(p) }
    }

    var count: Int { mapped.count + blocks.count * Self.blockSize + tail.count }

    mutating func append(_ posting: Posting) {
        tail.append(posting)
        if tail.count == Self.blockSize {
            blocks.append(tail)
            tail = []
        }
    }

    /// Calls `body` with the postings, block by block, in article order.
    @inline(__always)
    func forEachBlock(_ body: (UnsafeBufferPointer<Posting>) -> Void) {
        if mapped.count > 0 { body(mapped) }
        for block in blocks { block.withUnsafeBufferPointer(body) }
        tail.withUnsafeBufferPointer(body)
    }

    /// The `i`th posting (article order), for document-at-a-time scoring (see `PrunedScoring`).
    @inline(__always)
    subscript(i: Int) -> Posting {
        if i < mapped.count { return mapped[i] }
        let j = i - mapped.count, b = j / Self.blockSize
        return b < blocks.count ? blocks[b][j - b * Self.blockSize] : tail[j - blocks.count * Self.blockSize]
    }

    /// The first position at or after `from` whose article is at least `doc` (`count` when none):
    /// galloping, then binary search, so skipping far is logarithmic and skipping near is cheap.
    func seek(_ doc: Int32, from: Int) -> Int {
        Self.firstAtLeast(doc, from: from, count: count) { self[$0].doc }
    }

    /// The first position at or after `from` (below `count`) whose article, as `docAt` reads
    /// it, is at least `doc`: galloping, then binary search. Shared by every reader of postings.
    @inline(__always)
    static func firstAtLeast(_ doc: Int32, from: Int, count: Int, docAt: (Int) -> Int32) -> Int {
        var low = from, step = 1, high = from
        while high < count && docAt(high) < doc {
            low = high + 1
            high += step
            step *= 2
        }
        high = min(high, count)
        while low < high {
            let mid = (low + high) / 2
            if docAt(mid) < doc { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The postings in the index file's mapping: the first ones, all of them until writes add more.
    var mappedPart: UnsafeBufferPointer<Posting> { mapped }

    /// Calls `body` with the postings added in memory (after the mapped ones), block by block.
    @inline(__always)
    func forEachBlockInMemory(_ body: (UnsafeBufferPointer<Posting>) -> Void) {
        for block in blocks { block.withUnsafeBufferPointer(body) }
        tail.withUnsafeBufferPointer(body)
    }

    /// Every posting, in article order.
    var all: [Posting] {
        var out: [Posting] = []
        out.reserveCapacity(count)
        forEachBlock { out.append(contentsOf: $0) }
        return out
    }

    /// Postings the memory has room for (full blocks are exactly full; mapped ones not counted).
    var capacity: Int { blocks.reduce(0) { $0 + $1.capacity } + tail.capacity }

    /// Copies the tail into storage of its exact size (it grows by doubling).
    mutating func trim() {
        guard tail.capacity > tail.count else { return }
        tail = tail.withUnsafeBufferPointer { Array($0) }
    }
}

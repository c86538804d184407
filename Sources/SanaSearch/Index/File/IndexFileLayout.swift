/// The layout of an index file (all integers little-endian):
///
///     header   32 bytes: "SANAIDX1", format version (UInt32), zeros
///     sections each starting at a multiple of 8 (see `IndexSection`)
///     directory per section: offset, length, checksum (UInt64 each)
///     footer   64 bytes (see `IndexFileFooter`)
///
/// The footer is written last, so a file cut short has none and reads as truncated. Its
/// `position` is the database's change number the index is current up to; `analysis` is a
/// fingerprint of how this build of Sana analyses an article, so a file written by a Sana that
/// tokenises, stems or lays out records differently is rebuilt rather than misread.
enum IndexFileLayout {
    static let version: UInt32 = 2
    static let headerMagic = Array("SANAIDX1".utf8)
    static let footerMagic = Array("SANAEND1".utf8)
    static let headerSize = 32
    static let footerSize = 64
    static let directoryEntrySize = 24
}

/// The footer's fields, in order: magic (8), version (4), section count (4), position (8),
/// analysis fingerprint (8), directory offset (8), directory checksum (8), footer checksum over
/// the 48 bytes before it (8), zeros (8).
struct IndexFileFooter {
    var sectionCount: Int
    var position: Int
    var analysis: UInt64
    var directoryOffset: Int
    var directoryChecksum: UInt64

    var bytes: [UInt8] {
        var b = IndexFileLayout.footerMagic
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { b.append(contentsOf: $0) } }
        put(IndexFileLayout.version)
        put(UInt32(sectionCount))
        put(Int64(position))
        put(analysis)
        put(UInt64(directoryOffset))
        put(directoryChecksum)
        let sum = b.withUnsafeBytes { Checksum.of($0) }
        put(sum)
        put(UInt64(0))
        return b
    }
}

/// The sections of an index file, in the order they are written.
enum IndexSection: Int, CaseIterable {
    case meta, terms, postingStarts, postings, docRecords, records, docLengths, docAlive, docTypes, docGroups,
         docCategory, groups, categories, docNumbers, focus, surfaces,
         suggestionEntries, suggestionNames, suggestionKeys, suggestionWords, suggestionSortedWords,
         unpublishedNames, nameVocabulary
}

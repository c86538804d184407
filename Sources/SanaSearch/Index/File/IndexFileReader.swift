#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An index file mapped and checked: header, footer, directory, and every section's checksum
/// except those of the sections that are only mapped (`mappedOnly`), which the caller checks with
/// `verify(_:)` while it decodes the others. Checksums are computed from `pread`s, not through
/// the mapping, so checking the file does not make the whole of it resident in this process.
struct IndexFileReader: Sendable {
    let file: MappedFile
    let position: Int
    let analysis: UInt64
    let sections: [Range<Int>]
    let checksums: [UInt64]

    /// Sections that decoding never reads (postings and records are read in place by searches),
    /// and most of the file: they can be checked beside decoding, on other cores, since a damaged
    /// byte in them cannot mislead the decoding; the index is used only after both finished.
    static let mappedOnly: [IndexSection] = [.records, .postings, .suggestionNames]

    init(path: String, expectedAnalysis: UInt64) throws(IndexFileError) {
        file = try MappedFile(path: path)
        let bytes = file.bytes
        let minimum = IndexFileLayout.headerSize + IndexFileLayout.footerSize
        guard bytes.count >= IndexFileLayout.headerSize, Array(bytes[0..<8]) == IndexFileLayout.headerMagic else {
            throw bytes.count < 8 ? .truncated(path) : .corrupt(path, "not a Sana index file")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == IndexFileLayout.version else { throw .otherVersion(path, "format \(version), this Sana reads \(IndexFileLayout.version)") }
        guard bytes.count >= minimum else { throw .truncated(path) }
        let f = bytes.count - IndexFileLayout.footerSize
        guard Array(bytes[f..<(f + 8)]) == IndexFileLayout.footerMagic else { throw .truncated(path) }
        func u64(_ at: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[f..<(f + 48)])) == u64(f + 48) else {
            throw .corrupt(path, "footer checksum")
        }
        let count = Int(bytes.loadUnaligned(fromByteOffset: f + 12, as: UInt32.self).littleEndian)
        position = Int(Int64(bitPattern: u64(f + 16)))
        analysis = u64(f + 24)
        let directoryOffset = Int(u64(f + 32))
        guard count == IndexSection.allCases.count else { throw .corrupt(path, "\(count) sections") }
        guard analysis == expectedAnalysis else { throw .otherVersion(path, "its text analysis differs") }
        let directoryEnd = directoryOffset + count * IndexFileLayout.directoryEntrySize
        guard directoryOffset >= IndexFileLayout.headerSize, directoryEnd == f else { throw .corrupt(path, "directory place") }
        guard Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[directoryOffset..<directoryEnd])) == u64(f + 40) else {
            throw .corrupt(path, "directory checksum")
        }
        var sections: [Range<Int>] = []
        var sums: [UInt64] = []
        for i in 0..<count {
            let at = directoryOffset + i * IndexFileLayout.directoryEntrySize
            let start = Int(u64(at)), length = Int(u64(at + 8))
            guard start >= IndexFileLayout.headerSize, length >= 0, start % 8 == 0, start <= directoryOffset - length else {
                throw .corrupt(path, "section \(i) out of bounds")
            }
            sections.append(start..<(start + length))
            sums.append(u64(at + 16))
        }
        self.sections = sections
        checksums = sums
        for section in IndexSection.allCases where !Self.mappedOnly.contains(section) { try verify(section) }
    }

    /// Reads `section` back through `pread` and compares its checksum.
    func verify(_ section: IndexSection) throws(IndexFileError) {
        let path = file.path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        let chunk = 1 << 22
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        let i = section.rawValue, range = sections[i]
        var sum = Checksum()
        var at = range.lowerBound
        while at < range.upperBound {
            let n = pread(fd, buffer.baseAddress, min(chunk, range.upperBound - at), off_t(at))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .truncated(path) }
            sum.add(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            at += n
        }
        guard sum.value == checksums[i] else { throw .corrupt(path, "checksum of section \(section)") }
    }

    func raw(_ section: IndexSection) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: file.bytes[sections[section.rawValue]]) }

    /// A section of plain values copied into an array (per-article arrays every search reads).
    func array<T: BitwiseCopyable>(_ section: IndexSection, of type: T.Type) throws(IndexFileError) -> [T] {
        let bytes = raw(section)
        guard bytes.count % MemoryLayout<T>.stride == 0 else { throw .corrupt(file.path, "section \(section) length") }
        let n = bytes.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: n) { out, count in
            UnsafeMutableRawBufferPointer(out).copyMemory(from: bytes)
            count = n
        }
    }

    /// A reader over a section written with `RecordWriter`.
    func reader(_ section: IndexSection) -> RecordReader {
        RecordReader(raw(section).assumingMemoryBound(to: UInt8.self), at: 0)
    }
}

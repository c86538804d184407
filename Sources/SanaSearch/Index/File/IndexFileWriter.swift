#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an index file section by section into a temporary file beside the target, then
/// fsyncs and renames it over the target: readers (this server's next start, or another server
/// on the same database) see the old file or the new one whole, never a mix. Every writer uses
/// its own temporary name, so two servers saving at once cannot write into each other's file;
/// the later rename wins, and both files were complete.
struct IndexFileWriter {
    let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var offset = 0
    private var sectionStart = 0
    private var checksum = Checksum()
    private var directory: [(offset: Int, length: Int, checksum: UInt64)] = []
    private static let bufferSize = 1 << 22

    init(path: String) throws {
        self.path = path
        var random = SystemRandomNumberGenerator()
        temporaryPath = "\(path).tmp-\(getpid())-\(String(random.next() as UInt32, radix: 16))"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexFileError.unwritable(path, String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.bufferSize)
        var header = IndexFileLayout.headerMagic
        withUnsafeBytes(of: IndexFileLayout.version.littleEndian) { header.append(contentsOf: $0) }
        header += [UInt8](repeating: 0, count: IndexFileLayout.headerSize - header.count)
        buffer += header
        offset = header.count
    }

    mutating func beginSection() {
        sectionStart = offset
        checksum = Checksum()
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        checksum.add(bytes)
        offset += bytes.count
        if buffer.count + bytes.count > Self.bufferSize { try flush() }
        if bytes.count >= Self.bufferSize { try writeAll(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    mutating func write(_ bytes: [UInt8]) throws {
        do { try bytes.withUnsafeBytes { raw in try write(raw) } }
    }

    /// The raw memory of an array of plain values (numbers, SIMD vectors, `Posting`s).
    mutating func write<T: BitwiseCopyable>(array: [T]) throws {
        do { try array.withUnsafeBytes { raw in try write(raw) } }
    }

    mutating func endSection() throws {
        directory.append((sectionStart, offset - sectionStart, checksum.value))
        let padding = (8 - offset % 8) % 8
        if padding > 0 {
            buffer += [UInt8](repeating: 0, count: padding)
            offset += padding
        }
    }

    /// Writes the directory and the footer, makes the file durable and renames it into place.
    mutating func finish(position: Int, analysis: UInt64) throws {
        var dir: [UInt8] = []
        for entry in directory {
            for v in [UInt64(entry.offset), UInt64(entry.length), entry.checksum] {
                withUnsafeBytes(of: v.littleEndian) { dir.append(contentsOf: $0) }
            }
        }
        let footer = IndexFileFooter(sectionCount: directory.count, position: position, analysis: analysis,
                                     directoryOffset: offset, directoryChecksum: dir.withUnsafeBytes { Checksum.of($0) })
        buffer += dir
        buffer += footer.bytes
        try flush()
        guard fsync(fd) == 0 else { throw failure() }
        close(fd)
        fd = -1
        guard rename(temporaryPath, path) == 0 else { throw failure() }
        // The rename itself is durable once the folder is synced.
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let dirFD = open(folder.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : folder, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 { _ = fsync(dirFD); close(dirFD) }
    }

    /// Removes the temporary file of a write that failed or was given up.
    mutating func abandon() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try buffer.withUnsafeBytes { raw in try writeAll(raw) } }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var at = 0
        while at < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + at, bytes.count - at)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            at += n
        }
    }

    private func failure() -> IndexFileError { .unwritable(path, String(cString: strerror(errno))) }
}

/// The system's `write`, which the writer's own `write` methods hide.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}

import Foundation

/// Reads text files strictly: UTF-8 only, with the line of the first bad byte in the error.
enum TextFile {
    /// Longest line any reader accepts; longer lines are rejected rather than loaded.
    static let maxLineBytes = 1 << 20

    static func read(_ path: String) throws(ImportIssue) -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportIssue(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        return try decode(data, file: path)
    }

    static func decode(_ data: Data, file: String) throws(ImportIssue) -> String {
        if data.isEmpty { throw ImportIssue(file: file, message: "file is empty") }
        if let text = String(validating: data, as: UTF8.self) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        // Find the line holding the first invalid byte.
        var line = 1
        var start = data.startIndex
        for i in data.indices where data[i] == 0x0A {
            if String(validating: data[start..<i], as: UTF8.self) == nil { break }
            line += 1
            start = i + 1
        }
        throw ImportIssue(file: file, line: line, message: "invalid UTF-8")
    }

    /// Lines with their 1-based numbers; a line longer than `maxLineBytes` becomes an issue.
    static func lines(_ text: String, file: String) -> [(number: Int, text: Substring, issue: ImportIssue?)] {
        var out: [(Int, Substring, ImportIssue?)] = []
        var n = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.utf8.count > maxLineBytes {
                out.append((n, "", ImportIssue(file: file, line: n, message: "line is \(trimmed.utf8.count) bytes; the limit is \(maxLineBytes) bytes")))
            } else {
                out.append((n, trimmed, nil))
            }
        }
        return out
    }

    /// Control characters other than tab and newline have no place in article text.
    static func firstControlCharacter(in s: String) -> Unicode.Scalar? {
        s.unicodeScalars.first { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0x7F }
    }
}

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
            return normalizingLineEnds(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
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

    /// Windows (CRLF) and old Mac (CR) line ends become "\n". Swift treats "\r\n" as one
    /// `Character`, so splitting on "\n" alone would never split a CRLF file.
    static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Lines with their 1-based numbers; a line longer than `maxLineBytes` becomes an issue.
    static func lines(_ text: String, file: String) -> [(number: Int, text: Substring, issue: ImportIssue?)] {
        var out: [(Int, Substring, ImportIssue?)] = []
        var n = 0
        let text = normalizingLineEnds(text)
        for trimmed in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            if trimmed.utf8.count > maxLineBytes {
                out.append((n, "", ImportIssue(file: file, line: n, message: "line is \(trimmed.utf8.count) bytes; the limit is \(maxLineBytes) bytes")))
            } else {
                out.append((n, trimmed, nil))
            }
        }
        return out
    }
}

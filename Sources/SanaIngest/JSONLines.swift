import Foundation
import SanaCore

/// JSON Lines: one `ArticleDocument` per line. Blank lines are ignored.
public enum JSONLines {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer(); try c.encode(ISODate.format(date))
        }
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = ISODate.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not an ISO 8601 date")
            }
            return date
        }
        return d
    }

    public static func line(for article: Article) throws -> String {
        String(decoding: try encoder().encode(ArticleDocument(article)), as: UTF8.self)
    }

    public static func parse(file: String, now: Date) -> ParseResult {
        let text: String
        do { text = try TextFile.read(file) } catch { return ParseResult(issues: [error]) }
        return parse(text: text, file: file, now: now)
    }

    static func parse(text: String, file: String, now: Date) -> ParseResult {
        var result = ParseResult()
        let decoder = decoder()
        var sawRecord = false
        for (number, line, issue) in TextFile.lines(text, file: file) {
            if let issue { result.issues.append(issue); sawRecord = true; continue }
            if line.allSatisfy(\.isWhitespace) { continue }
            sawRecord = true
            do {
                let doc = try decoder.decode(ArticleDocument.self, from: Data(line.utf8))
                do {
                    let article = try doc.article(now: now)
                    result.records.append(ParsedRecord(article: article, file: file, line: number))
                } catch {
                    result.issues.append(ImportIssue(file: file, line: number, record: doc.id ?? doc.title, field: error.field, message: error.message))
                }
            } catch let error as DecodingError {
                let (field, message) = error.fieldAndMessage
                let malformed = field == nil && { if case .dataCorrupted = error { true } else { false } }()
                result.issues.append(ImportIssue(file: file, line: number, field: field,
                                                 message: malformed ? "malformed JSON" : message))
            } catch {
                result.issues.append(ImportIssue(file: file, line: number, message: "malformed JSON: \(error)"))
            }
        }
        if !sawRecord { result.issues.append(ImportIssue(file: file, message: "file has no records")) }
        return result
    }
}

/// ISO 8601 dates: written as `2026-11-25T10:00:00Z` (or `…:00.250Z`); read with or without time and fraction.
public enum ISODate {
    /// Milliseconds (what the store keeps) are written when there are any, so an export reads
    /// back as the same dates.
    public static func format(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = milliseconds - seconds * 1000
        let whole = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
        guard fraction > 0, whole.hasSuffix("Z") else { return whole }
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    public static func parse(_ s: String) -> Date? {
        if let d = try? Date(s, strategy: .iso8601) { return d }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle().year().month().day()) { return d }
        return nil
    }
}

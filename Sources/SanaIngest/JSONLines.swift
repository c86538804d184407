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

/// ISO 8601 dates: written as `2026-11-25T10:00:00Z`; read with or without time and fraction.
public enum ISODate {
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    public static func parse(_ s: String) -> Date? {
        if let d = try? Date(s, strategy: .iso8601) { return d }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle().year().month().day()) { return d }
        return nil
    }
}

import Foundation
import SanaCore
import Yams

/// Markdown files with YAML front matter between `---` lines. The front matter takes the keys of
/// `ArticleDocument` (without `body`); the rest of the file is the body.
public enum MarkdownFile {
    public static func parse(file: String, now: Date) -> ParseResult {
        let text: String
        do { text = try TextFile.read(file) } catch { return ParseResult(issues: [error]) }
        return parse(text: text, file: file, now: now)
    }

    static func parse(text: String, file: String, now: Date) -> ParseResult {
        let lines = TextFile.normalizingLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---" else {
            return ParseResult(issues: [ImportIssue(file: file, line: 1, message: "missing YAML front matter: the file must start with a '---' line")])
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
            return ParseResult(issues: [ImportIssue(file: file, line: 1, message: "front matter is not closed by a '---' line")])
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var doc: ArticleDocument
        do {
            doc = try YAMLDecoder().decode(ArticleDocument.self, from: yaml.isEmpty ? "{}" : yaml)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is YamlError {
            let yamlError = context.underlyingError as! YamlError
            return ParseResult(issues: [ImportIssue(file: file, line: yamlLine(yamlError).map { $0 + 1 } ?? 2, message: "malformed YAML front matter: \(yamlError)")])
        } catch let error as DecodingError {
            let (field, message) = error.fieldAndMessage
            return ParseResult(issues: [ImportIssue(file: file, line: 2, field: field, message: message)])
        } catch let error as YamlError {
            return ParseResult(issues: [ImportIssue(file: file, line: yamlLine(error).map { $0 + 1 } ?? 2, message: "malformed YAML front matter: \(error)")])
        } catch {
            return ParseResult(issues: [ImportIssue(file: file, line: 2, message: "malformed YAML front matter: \(error)")])
        }
        doc.body = body
        do {
            let article = try doc.article(now: now)
            return ParseResult(records: [ParsedRecord(article: article, file: file, line: 1)])
        } catch {
            let line = error.field == "body" ? close + 2 : fieldLine(error.field, lines[1..<close]) ?? 1
            return ParseResult(issues: [ImportIssue(file: file, line: line, record: doc.id ?? doc.title, field: error.field, message: error.message)])
        }
    }

    private static func fieldLine(_ field: String, _ lines: ArraySlice<Substring>) -> Int? {
        let key = field.split(separator: "[").first.map(String.init) ?? field
        return lines.firstIndex { $0.hasPrefix(key + ":") }.map { $0 + 1 }
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default: return nil
        }
    }

    /// Writes an article as a Markdown file with front matter, the form `parse` reads.
    public static func render(_ article: Article) throws -> String {
        var doc = ArticleDocument(article)
        doc.body = nil
        let yaml = try YAMLEncoder().encode(doc)
        return "---\n\(yaml)---\n\n\(article.body)\n"
    }
}

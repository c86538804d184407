import Foundation
import SanaCore

/// The scraped page format of `seed/page-example.txt`:
///
///     # Title                      (optional; else --title, else the file name)
///     Category: Name               (optional; else --category, else "General health")
///     Answer text …, possibly over several lines, ending in " |"
///     <<: Previous article title
///     >>: Next article title
///     Related excerpt one...
///     Related excerpt two...
public enum PageFile {
    public static let defaultCategory = "General health"

    public static func parse(file: String, title: String?, category: String?, now: Date) -> ParseResult {
        let text: String
        do { text = try TextFile.read(file) } catch { return ParseResult(issues: [error]) }
        return parse(text: text, file: file, title: title, category: category, now: now)
    }

    static func parse(text: String, file: String, title fallbackTitle: String?, category fallbackCategory: String?, now: Date) -> ParseResult {
        var title: String? = nil
        var category: String? = nil
        var answer: [Substring] = []
        var answerEnded = false
        var previous: String? = nil, next: String? = nil
        var related: [String] = []
        func fail(_ line: Int, _ field: String?, _ message: String) -> ParseResult {
            ParseResult(issues: [ImportIssue(file: file, line: line, field: field, message: message)])
        }
        for (number, line, issue) in TextFile.lines(text, file: file) {
            if let issue { return ParseResult(issues: [issue]) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { if !answerEnded && !answer.isEmpty { answer.append("") }; continue }
            if let c = ControlCharacters.first(in: trimmed, multiline: true) {
                return fail(number, nil, "contains control character \(ControlCharacters.name(c))")
            }
            if !answerEnded {
                if answer.isEmpty && title == nil && trimmed.hasPrefix("# ") { title = String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces); continue }
                if answer.isEmpty && category == nil && trimmed.lowercased().hasPrefix("category:") {
                    category = String(trimmed.dropFirst("category:".count)).trimmingCharacters(in: .whitespaces); continue
                }
                if trimmed.hasPrefix("<<:") || trimmed.hasPrefix(">>:") {
                    return fail(number, "body", "the answer text must end with a line ending in ' |' before the '<<:' and '>>:' lines")
                }
                if trimmed.hasSuffix(" |") || trimmed == "|" {
                    answer.append(Substring(trimmed.dropLast().trimmingCharacters(in: .whitespaces)))
                    answerEnded = true
                } else {
                    answer.append(Substring(trimmed))
                }
                continue
            }
            if trimmed.hasPrefix("<<:") {
                guard previous == nil else { return fail(number, "previous", "a second '<<:' line") }
                previous = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix(">>:") {
                guard next == nil else { return fail(number, "next", "a second '>>:' line") }
                next = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasSuffix("...") || trimmed.hasSuffix("…") {
                related.append(trimmed)
            } else {
                return fail(number, "related", "a related-article excerpt must end in '...'")
            }
        }
        guard answerEnded else {
            return fail(max(1, TextFile.normalizingLineEnds(text).split(separator: "\n").count), "body", "no line ending in ' |' closes the answer text")
        }
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in answer + [""] {
            if line.isEmpty { if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] } } else { current.append(line) }
        }
        let body = paragraphs.joined(separator: "\n\n")
        guard !body.isEmpty else { return fail(1, "body", "the answer text is empty") }
        let finalTitle = title ?? fallbackTitle ?? titleFromFileName(file)
        guard !finalTitle.isEmpty else { return fail(1, "title", "is required") }
        let article = Article(
            title: finalTitle, body: body, category: Category(name: category ?? fallbackCategory ?? defaultCategory),
            createdAt: now, previousTitle: previous.flatMap { $0.isEmpty ? nil : $0 },
            nextTitle: next.flatMap { $0.isEmpty ? nil : $0 }, relatedHints: related)
        return ParseResult(records: [ParsedRecord(article: article, file: file, line: 1)])
    }

    /// "what-causes-gallstones.txt" → "What causes gallstones".
    static func titleFromFileName(_ file: String) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let words = base.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

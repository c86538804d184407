import Foundation
import Mustache
import SanaCore

/// The site's Mustache templates, loaded so that every `{{value}}` is escaped by `Escape.html`.
///
/// swift-mustache's own HTML escaping compares `Character`s (grapheme clusters), so a `<` after
/// U+0600 or a `"` before U+0301 passes it raw. Each template is registered behind a
/// `CONTENT_TYPE` pragma naming `ScalarHTML`, which swaps that escaper for `Escape.html`; the
/// loader adds the pragma itself, so a template added later cannot forget it. Partials reset the
/// content type, which is why every file, partials included, gets its own pragma.
enum TemplateLibrary {
    /// Raw output (`{{{name}}}`, `{{& name}}`) is allowed only for values named `…HTML`: markup
    /// Sana built from text it escaped itself (a snippet with marked words, the JSON-LD script).
    static let rawValueSuffix = "HTML"

    static func load(from directory: String) throws -> MustacheLibrary {
        MustacheContentTypes.register(ScalarHTML(), named: ScalarHTML.name)
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        for file in files.sorted() {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            if let problem = problem(in: text) { throw TemplateError(template: name, problem: problem) }
            // On a line of its own the pragma renders nothing, not even its newline.
            try library.register("{{% CONTENT_TYPE: \(ScalarHTML.name) }}\n" + text, named: name)
        }
        return library
    }

    /// Why a template could print a value unescaped, if it could.
    static func problem(in text: String) -> String? {
        if text.contains("{{=") { return "changes the Mustache delimiters" }
        if text.contains("{{%") { return "sets its own content type" }
        for match in text.matches(of: /\{\{(?:\{|&)\s*([^}\s]*)/) where !match.output.1.hasSuffix(rawValueSuffix) {
            return "prints \(match.output.1) unescaped; only values named …\(rawValueSuffix), built from escaped text, may be"
        }
        return nil
    }
}

/// Mustache's escaping for the site's pages: `Escape.html`, by Unicode scalar.
struct ScalarHTML: MustacheContentType {
    static let name = "SANA_SCALAR_HTML"
    func escapeText(_ text: String) -> String { Escape.html(text) }
}

struct TemplateError: Error, CustomStringConvertible {
    var template: String
    var problem: String
    var description: String { "template \(template) \(problem)" }
}

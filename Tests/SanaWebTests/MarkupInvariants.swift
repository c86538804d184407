import Foundation
import Testing
@testable import SanaWeb

/// What a rendered page may contain: the elements and attributes written in the templates, and
/// the markup Sana builds in code (matched words in snippets; article bodies once they are
/// rendered from Markdown). Anything else in a page came from data.
enum MarkupInvariants {
    /// Elements and attributes built in code rather than written in a template.
    static let builtInCode: (elements: Set<String>, attributes: Set<String>) = (
        ["mark", "h3", "h4", "em", "strong", "a", "code", "pre", "blockquote", "ol", "ul", "li", "del",
         "table", "thead", "tbody", "tr", "th", "td", "br", "hr"],
        ["href", "rel", "align", "start"]
    )

    static let template: (elements: Set<String>, attributes: Set<String>) = {
        var elements = builtInCode.elements, attributes = builtInCode.attributes
        let dir = PageRenderer.templateDirectory!
        for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where file.hasSuffix(".mustache") {
            let text = (try? String(contentsOfFile: dir + "/" + file, encoding: .utf8)) ?? ""
            for tag in HTMLTag.parse(text.replacing(/\{\{[^}]*\}\}\}?/, with: "")) {
                elements.insert(tag.name)
                attributes.formUnion(tag.attributes.map(\.name))
            }
        }
        return (elements, attributes)
    }()

    /// Records an issue for every element or attribute of `html` that no template or renderer
    /// writes, any event-handler attribute, refresh or autofocus, script that is not the page's
    /// own, or script link; and checks the page was read to its end (no comment swallowed it).
    static func check(_ html: String, _ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let tags = HTMLTag.parse(html)
        let allowed = template
        for tag in tags {
            #expect(allowed.elements.contains(tag.name), "\(page): element <\(tag.name)> is in no template", sourceLocation: sourceLocation)
            for (name, value) in tag.attributes {
                #expect(allowed.attributes.contains(name), "\(page): attribute \(name) on <\(tag.name)> is in no template", sourceLocation: sourceLocation)
                #expect(!name.hasPrefix("on") && name != "autofocus" && name != "http-equiv" && name != "srcdoc",
                        "\(page): attribute \(name) on <\(tag.name)>", sourceLocation: sourceLocation)
                if ["href", "src", "action", "formaction"].contains(name) {
                    let link = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
                    #expect(!link.hasPrefix("javascript:") && !link.hasPrefix("data:") && !link.hasPrefix("vbscript:"),
                            "\(page): \(name)=\(value)", sourceLocation: sourceLocation)
                }
            }
            if tag.name == "script" { checkScript(tag, page, sourceLocation) }
        }
        #expect(tags.filter { $0.name == "script" }.count <= 2, "\(page): more scripts than the page's own", sourceLocation: sourceLocation)
        #expect(tags.filter { $0.name == "input" || $0.name == "form" }.count >= 2, "\(page): the search form is missing", sourceLocation: sourceLocation)
        #expect(tags.contains { $0.name == "footer" }, "\(page): no footer: something swallowed the page", sourceLocation: sourceLocation)
        let lang = tags.first { $0.name == "html" }?.attribute("lang") ?? ""
        #expect(lang.wholeMatch(of: /[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*/) != nil, "\(page): lang=\(lang)", sourceLocation: sourceLocation)
    }

    /// The page's own scripts only: site.js, and JSON-LD that parses and cannot end its element.
    static func checkScript(_ tag: HTMLTag, _ page: String, _ sourceLocation: SourceLocation) {
        if let src = tag.attribute("src") {
            #expect(["/assets/site.js", "/assets/editor.js"].contains(src) && tag.content.isEmpty, "\(page): script src=\(src)", sourceLocation: sourceLocation)
            return
        }
        #expect(tag.attribute("type") == "application/ld+json", "\(page): inline script", sourceLocation: sourceLocation)
        let lower = tag.content.lowercased()
        #expect(!lower.containsScalars("<!--") && !lower.containsScalars("<script") && !lower.containsScalars("</script"), "\(page): JSON-LD holds markup", sourceLocation: sourceLocation)
        #expect((try? JSONSerialization.jsonObject(with: Data(tag.content.utf8))) is [String: Any], "\(page): JSON-LD does not parse", sourceLocation: sourceLocation)
    }
}

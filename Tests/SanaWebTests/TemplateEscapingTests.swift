import Foundation
import Testing
import SanaCore
@testable import SanaWeb

/// The template loader: every value a template prints goes through `Escape.html`, partials and
/// templates added later included, and no template can print a value raw unless it is markup
/// Sana built itself.
@Suite struct TemplateEscapingTests {
    func templates(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sana-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name + ".mustache"), atomically: true, encoding: .utf8) }
        return dir.path
    }

    @Test(arguments: hostilePayloads + [controlPayload])
    func everyPrintedValueIsEscapedByScalar(_ payload: String) throws {
        let dir = try templates(["probe": "{{> part}}\n<p title=\"{{v}}\">{{v}}</p>{{#list}}<i>{{.}}</i>{{/list}}", "part": "<b>{{v}}</b>\n"]); defer { try? FileManager.default.removeItem(atPath: dir) }
        let html = try PageRenderer(siteURL: "http://localhost", templates: dir).render("probe", ["v": payload, "list": [payload]])
        let e = Escape.html(payload)
        #expect(html == "<b>\(e)</b>\n<p title=\"\(e)\">\(e)</p><i>\(e)</i>")
        #expect(!e.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) })
    }

    @Test(arguments: ["<p>{{{title}}}</p>", "<p>{{& title}}</p>", "{{=<% %>=}}<p><%{title}%></p>", "{{%CONTENT_TYPE: TEXT}}<p>{{title}}</p>"])
    func templatesThatCouldPrintAValueRawAreRefused(_ template: String) throws {
        let dir = try templates(["bad": template]); defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: TemplateError.self) { try PageRenderer(siteURL: "http://localhost", templates: dir) }
    }

    @Test func markupBuiltFromEscapedTextMayBePrintedRaw() throws {
        let dir = try templates(["ok": "<p>{{{snippetHTML}}}</p>"]); defer { try? FileManager.default.removeItem(atPath: dir) }
        let html = try PageRenderer(siteURL: "http://localhost", templates: dir).render("ok", ["snippetHTML": "<mark>a</mark>"])
        #expect(html == "<p><mark>a</mark></p>")
    }

    @Test func htmlLangIsALanguageTagOrEnglish() {
        for tag in ["en", "pt-BR", "zh-Hant-TW", "es-419", "fil"] { #expect(PageRenderer.languageTag(tag) == tag) }
        for bad in hostilePayloads + [controlPayload, "", "e", "en-", "-en", "en--gb", "en gb", "toolongtag", "é", "en-\u{0301}"] {
            #expect(PageRenderer.languageTag(bad) == "en", "\(bad)")
        }
    }

    @Test func jsonLDWritesNoMarkupCharacters() throws {
        let object: [String: Any] = ["name": "</script><!--\u{0600}<x>&", "list": ["\u{2028}\u{FFFE}\u{0001}"], "n": ["@type": "x"]]
        let json = StructuredData.json(object)
        #expect(!json.unicodeScalars.contains { "<>&\u{2028}\u{FFFE}\u{0001}".unicodeScalars.contains($0) })
        let back = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(back["name"] as? String == "</script><!--\u{0600}<x>&")
        #expect(back["list"] as? [String] == ["\u{2028}\u{FFFD}\u{0001}"])
    }
}

import Foundation
import Testing
@testable import SanaCore

/// `Escape` works by Unicode scalar: a mark sharing a grapheme cluster with `<` or `"` cannot
/// hide it, and characters markup must not carry never pass.
@Suite struct EscapingTests {
    @Test(arguments: ["\u{0600}<meta http-equiv=refresh>", "x\"\u{0301} onfocus=alert(1)", "'\u{0301}", "&\u{0301}amp;", "<\u{0338}"])
    func marksCannotHideMarkupCharacters(_ text: String) {
        let escaped = Escape.html(text)
        #expect(!escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) })
        #expect(Escape.xml(text) == escaped)
    }

    @Test func aFloodOfCombiningMarksIsMoreThanThirtyInARow() {
        let marks = { (n: Int) in String(repeating: "\u{0301}", count: n) }
        #expect(!CombiningMarks.hasFlood("Tiếng Việt, naïve, \u{0939}\u{093F}\u{0928}\u{094D}\u{0926}\u{0940}"))
        #expect(!CombiningMarks.hasFlood("e" + marks(30)))
        #expect(CombiningMarks.hasFlood("e" + marks(31)))
        #expect(!CombiningMarks.hasFlood(String(repeating: "e" + marks(20), count: 50)), "a letter between marks starts a new run")
        #expect(CombiningMarks.hasFlood("x" + String(repeating: "\u{0301}\u{0316}", count: 16)), "marks of different classes count alike")
    }

    @Test func controlsAndNoncharactersBecomeReplacementCharacters() {
        #expect(Escape.html("a\u{0000}b\u{001B}c\u{007F}d\u{0085}e\u{FFFE}f\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}")
        #expect(Escape.html("tab\tnew\nline\r") == "tab\tnew\nline\r")
        #expect(Escape.html("plain text") == "plain text")
    }

    @Test func jsonInScriptCannotEndItsScript() throws {
        let text = "\u{0600}</script><!--\u{2028}\u{0001}\u{0085}\u{FFFE}\"\\"
        let json = Escape.jsonInScript(text)
        #expect(!json.unicodeScalars.contains { "<>&\u{2028}\u{0001}\u{0085}\u{FFFE}".unicodeScalars.contains($0) })
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
        #expect(back == "\u{0600}</script><!--\u{2028}\u{0001}\u{0085}\u{FFFD}\"\\")
    }
}

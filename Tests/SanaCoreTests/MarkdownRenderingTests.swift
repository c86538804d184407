import Testing
@testable import SanaCore

/// How many times `needle` occurs in `text`.
private func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

/// The HTML of one body without headings (a single section).
private func html(_ markdown: String) -> String {
    SectionParser.renderedSections(of: markdown).map(\.html).joined()
}

@Suite struct MarkdownRenderingTests {
    @Test func linksKeepOnlyAllowedSchemesAndExternalOnesAreNofollow() {
        let out = html("""
        [a](https://example.org/x?a=1&b=2) [b](http://example.org) [c](mailto:gp@example.org) [d](/articles/gallstones) \
        [e](javascript:alert(1)) [f](JAVASCRIPT:alert(1)) [g](data:text/html,hi) [h](//evil.example) [i](/\\evil.example) \
        [j](vbscript:x) [k](java&#x73;cript:alert(1))
        """)
        #expect(out.contains(#"<a href="https://example.org/x?a=1&amp;b=2" rel="nofollow noopener">a</a>"#))
        #expect(out.contains(#"<a href="http://example.org" rel="nofollow noopener">b</a>"#))
        #expect(out.contains(#"<a href="mailto:gp@example.org">c</a>"#))
        #expect(out.contains(#"<a href="/articles/gallstones">d</a>"#))
        #expect(occurrences(of: "<a ", in: out) == 4)
        for word in ["e", "f", "g", "h", "i", "j", "k"] { #expect(out.contains(" \(word)")) }
        #expect(!out.lowercased().contains("javascript"))
        #expect(!out.contains("evil"))
    }

    @Test func autolinksAreLinksToo() {
        let out = html("See www.nhs.uk or <https://medlineplus.gov> or write to help@example.org.")
        #expect(out.contains(#"<a href="http://www.nhs.uk" rel="nofollow noopener">www.nhs.uk</a>"#))
        #expect(out.contains(#"<a href="https://medlineplus.gov" rel="nofollow noopener">https://medlineplus.gov</a>"#))
        #expect(out.contains(#"<a href="mailto:help@example.org">help@example.org</a>"#))
    }

    @Test func emphasisStrongStrikethroughAndCode() {
        #expect(html("Take *one* **tablet** ~~twice~~ with `water` & food.")
            == "<p>Take <em>one</em> <strong>tablet</strong> <del>twice</del> with <code>water</code> &amp; food.</p>")
        #expect(html("```\nif a < b\n```") == "<pre><code>if a &lt; b\n</code></pre>")
    }

    @Test func rawHTMLNeverPasses() {
        let out = html("""
        <script>alert(1)</script>

        Text <img src=x onerror=alert(1)> and <b>bold</b> <!-- note --> end.

        <div onclick="x()">block</div>
        """)
        #expect(!out.contains("<script"))
        #expect(!out.contains("<img"))
        #expect(!out.contains("<b>"))
        #expect(!out.contains("<div"))
        #expect(!out.contains("<!--"))
        #expect(!out.contains("onerror"))
        #expect(!out.contains("onclick"))
        #expect(out.contains("<p>Text  and bold  end.</p>"))
    }

    @Test func imagesShowOnlyTheirAltText() {
        #expect(html("![Diagram of the heel](https://example.org/heel.png)") == "<p>Diagram of the heel</p>")
    }

    @Test func textIsEscapedByScalar() {
        #expect(html("a \u{0600}<b \"\u{0301} 'q'") == "<p>a \u{0600}&lt;b &quot;\u{0301} &#39;q&#39;</p>")
        #expect(html("[x](https://e.org/\"onmouseover=alert(1))").contains(#"href="https://e.org/&quot;onmouseover=alert(1)""#))
    }

    @Test func tablesAreGFMTables() {
        let out = html("| Dose | Times |\n| --- | ---: |\n| 1 < 2 | **2** |\n| 3 | 4 |")
        #expect(out == "<div class=\"table-scroll\"><table><thead><tr><th>Dose</th><th>Times</th></tr></thead><tbody><tr><td>1 &lt; 2</td><td><strong>2</strong></td></tr><tr><td>3</td><td>4</td></tr></tbody></table></div>")
        #expect(html("| A |\n| - |") == "<div class=\"table-scroll\"><table><thead><tr><th>A</th></tr></thead></table></div>")
    }

    @Test func listsNest() {
        let out = html("- one\n  - one a\n    1. first\n    2. second\n- two")
        #expect(out == "<ul><li>one<ul><li>one a<ol><li>first</li><li>second</li></ol></li></ul></li><li>two</li></ul>")
        #expect(html("3. c\n4. d") == "<ol start=\"3\"><li>c</li><li>d</li></ol>")
        #expect(html("- loose\n\n- list") == "<ul><li><p>loose</p></li><li><p>list</p></li></ul>")
    }

    @Test func topLevelHeadingsStartSectionsAndNestedOnesAreClampedToH3AndH4() {
        let sections = SectionParser.renderedSections(of: "Intro.\n\n# One\n\nText.\n\n###### Six\n\n- # Big\n- ##### Small\n\n> ## Quoted")
        #expect(sections.map(\.section.heading) == [nil, "One", "Six"])
        #expect(sections[2].html == "<ul><li><h3>Big</h3></li><li><h4>Small</h4></li></ul><blockquote><h3>Quoted</h3></blockquote>")
        #expect(SectionParser.sections(of: "## *Causes* of [pain](https://x.org)\n\nText.").first?.heading == "Causes of pain")
    }

    @Test func careCardsKeepTheirLook() {
        let sections = SectionParser.renderedSections(of: """
        ## When to see a doctor

        > [!EMERGENCY] Call your local emergency number if the pain spreads to your **arm**.

        > [!urgent] Get medical help today.

        > [!NON-URGENT]
        > Make an appointment.

        > [!NOTE] Just a quote.
        """)
        let out = sections[0].html
        #expect(out.contains(#"<div class="care care-emergency" role="note"><p class="care-label"><strong>Emergency: call your local emergency number</strong></p><p>Call your local emergency number if the pain spreads to your <strong>arm</strong>.</p></div>"#))
        #expect(out.contains(#"<div class="care care-urgent" role="note"><p class="care-label"><strong>Urgent: get medical help today</strong></p><p>Get medical help today.</p></div>"#))
        #expect(out.contains(#"<div class="care care-non-urgent" role="note">"#))
        #expect(out.contains("<blockquote><p>[!NOTE] Just a quote.</p></blockquote>"))
        for marker in ["[!EMERGENCY]", "[!urgent]", "[!NON-URGENT]"] { #expect(!sections[0].section.text.contains(marker)) }
        #expect(sections[0].section.text.hasPrefix("Call your local emergency number"))
    }

    @Test func plainTextHasNoMarkdownSyntaxNorLinkAddresses() {
        let body = """
        Gallstones are **hard** pieces, see [the NHS](https://www.nhs.uk/gallstones) and `bile`.

        ## Symptoms

        - *Pain* under the ribs
        - Fever

        | Sign | When |
        | --- | --- |
        | Yellow skin | at once |

        > [!URGENT] Get help the same day.

        <b>raw</b> ![scan](https://x.org/scan.png)
        """
        let sections = SectionParser.sections(of: body)
        let text = sections.map(\.text).joined(separator: "\n")
        for mark in ["**", "*", "`", "[", "](", "https", "nhs.uk", "|", "---", "<b>", "> ", "- ", "!["] {
            #expect(!text.contains(mark), "plain text keeps \(mark)")
        }
        #expect(sections[0].text == "Gallstones are hard pieces, see the NHS and bile.")
        #expect(Summary.collapseWhitespace(sections[1].text) == "Pain under the ribs Fever Sign When Yellow skin at once Get help the same day. raw scan")
        #expect(Summary.derive(from: "## Overview\n\n" + body) == "Gallstones are hard pieces, see the NHS and bile.")
        #expect(Excerpt.make("**Gallstones** are [hard](https://x.org) pieces in the gallbladder", maxLength: 30) == "Gallstones are hard pieces...")
        #expect(Summary.plainText("1. Rest\n2. *Ice*") == "1. Rest\n2. Ice")
    }

    @Test func numberedListsAreNotInlineHeadings() {
        let sections = SectionParser.sections(of: "## Treatment\n\n1. Rest the foot.\n2. Ice It for ten minutes.")
        #expect(sections.map(\.heading) == ["Treatment"])
    }

    /// 38,000 links fill a JSON Lines record of just under 1 MB; the old link stripping took
    /// quadratic time on them. Timed in bench/markdown.sh; here the structure is checked.
    @Test func thirtyEightThousandLinksRenderEachOnce() {
        let body = (0..<38_000).map { "[l\($0)](/articles/\($0))" }.joined(separator: " ")
        #expect(body.utf8.count > 900_000 && body.utf8.count < 1 << 20)
        let sections = SectionParser.renderedSections(of: body)
        #expect(sections.count == 1)
        let links = sections[0].html.components(separatedBy: "<a href=\"/articles/").dropFirst()
        #expect(links.count == 38_000)
        #expect(links.allSatisfy { $0.contains("\">l") && $0.contains("</a>") })
        #expect(!sections[0].section.text.contains("/articles/"))
    }

    /// Deep nesting must not use the stack per level: the walk is iterative.
    @Test func fiveThousandNestedListsAndQuotes() {
        let lists = String(repeating: "- ", count: 5_000) + "deep"
        let out = html(lists)
        #expect(occurrences(of: "<ul><li>", in: out) == 5_000)
        #expect(out.hasSuffix("deep" + String(repeating: "</li></ul>", count: 5_000)))
        let quotes = html(String(repeating: "> ", count: 5_000) + "deep")
        #expect(occurrences(of: "<blockquote>", in: quotes) == occurrences(of: "</blockquote>", in: quotes))
        #expect(quotes.contains("deep"))
        #expect(Summary.plainText(lists) == "deep")
    }
}

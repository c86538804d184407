import Foundation
import SanaTestSupport
import Testing
@testable import SanaCore

@Suite struct SectionParserTests {
    /// The seed page of ../shared, the format the site is modelled on.
    static func seedText() throws -> String {
        let text = try String(contentsOf: SharedData.require("seed/page-example.txt"), encoding: .utf8)
        return String(text.split(separator: "|", maxSplits: 1).first ?? "")
    }

    @Test func seedInlineNumberedHeadingsBecomeSections() throws {
        let sections = SectionParser.sections(of: try Self.seedText())
        #expect(sections.map(\.heading) == [nil, "Chronic Inflammation", "Degenerative lesions", "Trauma", "Lifestyle Adjustment"])
        #expect(sections[0].aspect == .overview)
        #expect(sections[0].text.hasPrefix("Neck calcifications are usually caused"))
        #expect(sections[1].text.hasPrefix("Calcification points in the neck"))
        #expect(sections[3].text.hasPrefix("External impact"))
        #expect(sections[4].aspect == .lifestyle)
    }

    @Test func markdownHeadingsSplitTheBody() {
        let body = "Intro.\n\n## Symptoms\n\nPain.\n\n## Causes\n\nStones.\n\n### When to see a doctor\n\nNow."
        let sections = SectionParser.sections(of: body)
        #expect(sections.map(\.heading) == [nil, "Symptoms", "Causes", "When to see a doctor"])
        #expect(sections.map(\.aspect) == [.overview, .symptoms, .causes, .whenToSeekCare])
        #expect(sections[2].text == "Stones.")
        #expect(sections[3].anchor == "when-to-see-a-doctor")
    }

    @Test func numbersThatAreNotInOrderAreNotHeadings() {
        let text = "Take it twice a day. 2. Something Else happened here and 3. Another Thing too."
        #expect(SectionParser.sections(of: text).count == 1)
    }

    @Test func aHashWithoutSpaceIsNotAHeading() {
        #expect(SectionParser.sections(of: "#hashtag text").first?.heading == nil)
    }

    @Test(arguments: [
        ("Symptoms", Aspect.symptoms), ("What causes it", .causes), ("Exams and tests", .diagnosis),
        ("Treatment", .treatment), ("Prevention", .prevention), ("Lifestyle Adjustment", .lifestyle),
        ("Diet and food", .diet), ("Complications", .complications), ("Outlook (Prognosis)", .outlook),
        ("When to contact a medical professional", .whenToSeekCare), ("When To Seek Care", .whenToSeekCare),
        ("Overview", .overview), ("Trauma", .other),
    ])
    func aspectIsInferredFromTheHeading(_ heading: String, _ aspect: Aspect) {
        #expect(Aspect.infer(fromHeading: heading) == aspect)
    }
}

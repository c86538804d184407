import Foundation
import Testing
@testable import SanaCore

@Suite struct SlugTests {
    @Test func slugFoldsCaseDiacriticsAndPunctuation() {
        #expect(Slug.make(from: "What are the symptoms of Thoracic & Abdominal Aneurysms?") == "what-are-the-symptoms-of-thoracic-abdominal-aneurysms")
        #expect(Slug.make(from: "Can I eat crème brûlée with Crohn's disease?") == "can-i-eat-creme-brulee-with-crohns-disease")
        #expect(Slug.make(from: "COVID-19 & b12") == "covid-19-b12")
        #expect(Slug.make(from: "???") == "article")
    }

    @Test func slugIsCutAtAWordBoundary() {
        let slug = Slug.make(from: String(repeating: "calcification ", count: 20))
        #expect(slug.count <= 80)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.split(separator: "-").allSatisfy { $0 == "calcification" })
    }

    @Test(arguments: ["ok-slug", "a1", "x"]) func validSlugs(_ s: String) { #expect(Slug.isValid(s)) }
    @Test(arguments: ["", "-a", "a-", "a--b", "A", "a b", "<script>", "a/b"]) func invalidSlugs(_ s: String) { #expect(!Slug.isValid(s)) }
}

@Suite struct SummaryTests {
    @Test func summaryIsTheFirstParagraphWithoutHeadings() {
        let body = "## Overview\n\nGallstones are hard pieces that form in the gallbladder.\n\nSecond paragraph."
        #expect(Summary.derive(from: body) == "Gallstones are hard pieces that form in the gallbladder.")
    }

    @Test func longSummaryEndsAtASentenceOrWordBoundaryWithin200() {
        let sentence = "Calcification in the neck is usually caused by calcium salt deposits in the soft tissues. "
        let summary = Summary.derive(from: String(repeating: sentence, count: 5))
        #expect(summary.count <= 200)
        #expect(summary.hasSuffix("tissues."))
        let oneLong = String(repeating: "word ", count: 100)
        let cut = Summary.derive(from: oneLong)
        #expect(cut.count <= 200)
        #expect(cut.hasSuffix("word…"))
    }

    @Test func summaryStopsBeforeInlineNumberedSections() {
        let body = "Intro sentence here. 1. Chronic Inflammation Calcification points in the neck may be related to inflammation."
        #expect(Summary.derive(from: body) == "Intro sentence here.")
    }

    @Test func excerptEndsWithEllipsisAtAWordBoundary() {
        let e = Excerpt.make("Breast cysts are fluid-filled sacs in the breast. They are common.", maxLength: 50)
        #expect(e.hasSuffix("..."))
        #expect(e.count <= 50)
        #expect(!e.hasSuffix("...."))
        #expect("Breast cysts are fluid-filled sacs in the breast. They are common.".hasPrefix(String(e.dropLast(3))))
    }

    @Test func plainTextRemovesLinksAndEmphasis() {
        #expect(Summary.plainText("See **your** [doctor](https://x.org) now") == "See your doctor now")
    }
}

@Suite struct ArticleTests {
    @Test func derivedFieldsAreFilled() {
        let a = Article(title: "What causes gallstones?", body: "Bile can form stones.", category: Category(name: "Digestive health"))
        #expect(a.slug == "what-causes-gallstones")
        #expect(a.id == a.slug)
        #expect(a.summary == "Bile can form stones.")
        #expect(a.category.slug == "digestive-health")
        #expect(a.language == "en")
        #expect(a.status == .published)
    }

    @Test func sameContentIgnoresBookkeepingButNotText() {
        let a = Article(title: "T", body: "B", category: Category(name: "C"))
        var b = a
        b.revision = 7; b.updatedAt = Date(); b.position = 3
        #expect(a.hasSameContent(as: b))
        b.body = "B2"
        #expect(!a.hasSameContent(as: b))
    }
}

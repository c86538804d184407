import Foundation
import Testing
@testable import SanaCore

@Suite struct SlugTests {
    @Test func slugFoldsCaseDiacriticsAndPunctuation() {
        #expect(Slug.make(from: "What are the symptoms of Thoracic & Abdominal Aneurysms?") == "what-are-the-symptoms-of-thoracic-abdominal-aneurysms")
        #expect(Slug.make(from: "Can I eat crème brûlée with Crohn's disease?") == "can-i-eat-creme-brulee-with-crohns-disease")
        #expect(Slug.make(from: "COVID-19 & b12") == "covid-19-b12")
        #expect(Slug.make(from: "???") == "article-" + Slug.hash("???"))
    }

    /// Non-Latin titles are transliterated, so two of them no longer share the slug "article".
    @Test func nonLatinTitlesAreTransliterated() {
        #expect(Slug.make(from: "什么是糖尿病？") == "shen-me-shi-tang-niao-bing")
        #expect(Slug.make(from: "Τι είναι ο διαβήτης;") == "ti-einai-o-diabetes")
        #expect(Slug.make(from: "ما هو مرض السكري؟") == "ma-hw-mrd-alskry")
        #expect(Slug.make(from: "Что такое диабет?") == "cto-takoe-diabet")
        let titles = ["什么是糖尿病？", "什么是高血压？", "ما هو مرض السكري؟", "ما هو ضغط الدم؟", "Τι είναι ο διαβήτης;", "Τι είναι η γρίπη;"]
        let slugs = titles.map { Slug.make(from: $0) }
        #expect(Set(slugs).count == titles.count)
        #expect(slugs.allSatisfy(Slug.isValid))
    }

    /// Emoji leave nothing Latin: the slug comes from the id (else the title), the same on every run.
    @Test func titlesWithNothingLatinFallBackToAStableHash() {
        let a = Slug.make(from: "🤒🤧", fallback: "flu-emoji-1"), b = Slug.make(from: "🤒🤧", fallback: "flu-emoji-2")
        #expect(a != b)
        #expect(a == "article-" + Slug.hash("flu-emoji-1"))
        #expect(Slug.isValid(a) && Slug.isValid(b))
        #expect(Slug.hash("flu-emoji-1") == "70f2b92035b4")  // FNV-1a, fixed: slugs must not change between runs
        #expect(Article(title: "🤒", body: "x", category: Category(name: "C")).slug == "article-" + Slug.hash("🤒"))
        #expect(Article(id: "e1", title: "🤒", body: "x", category: Category(name: "C")).slug == "article-" + Slug.hash("e1"))
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

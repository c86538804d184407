import Foundation
import Testing
import SanaCore
@testable import SanaSearch

func article(_ id: String, _ title: String, _ body: String, focus: String? = nil, alsoCalled: [String] = [],
             tags: [String] = [], status: ArticleStatus = .published) -> Article {
    Article(id: id, title: title, body: body, category: Category(name: "Test"), focus: focus,
            alsoCalled: alsoCalled, tags: tags, status: status)
}

let corpus: [Article] = [
    article("gs-causes", "What causes gallstones?", "## Causes\n\nGallstones form when bile holds too much cholesterol or bilirubin.", focus: "Gallstones", alsoCalled: ["Cholelithiasis"], tags: ["causes"]),
    article("gs-untreated", "What are the consequences of untreated gallstones?", "## Complications\n\nUntreated gallstones can inflame the gallbladder or block the bile duct.", focus: "Gallstones", tags: ["complications"]),
    article("pf-symptoms", "What are the symptoms of plantar fasciitis?", "## Symptoms\n\nHeel pain with the first steps in the morning is typical.", focus: "Plantar fasciitis", tags: ["symptoms"]),
    article("pf-treatment", "How is plantar fasciitis treated?", "## Treatment\n\nRest, stretching, supportive shoes and insoles help the heel pain of plantar fasciitis.", focus: "Plantar fasciitis", tags: ["treatment"]),
    article("ks", "What are kidney stones?", "Kidney stones are hard deposits of minerals that form inside the kidneys.", focus: "Kidney stones", alsoCalled: ["Nephrolithiasis"], tags: ["information"]),
    article("mi", "What is a heart attack?", "A heart attack happens when blood flow to part of the heart muscle is blocked.", focus: "Heart attack", alsoCalled: ["Myocardial infarction"], tags: ["information"]),
]

func indexed(_ articles: [Article] = corpus) -> SearchIndex {
    let index = SearchIndex()
    index.update(articles)
    return index
}

@Suite struct SearchIndexTests {
    @Test func findsTheArticleAboutTheQuestionsFocusAndType() {
        let index = indexed()
        #expect(index.search("what causes gallstones").results.first?.id == "gs-causes")
        #expect(index.search("what happens if gallstones are left untreated?").results.first?.id == "gs-untreated")
        #expect(index.search("symptoms of plantar fasciitis").results.first?.id == "pf-symptoms")
        #expect(index.search("how do I treat plantar fasciitis").results.first?.id == "pf-treatment")
    }

    @Test func reportsWhatItUnderstood() {
        let r = index().search("What are the symptoms of plantar fasciitis?")
        #expect(r.types.first == .symptoms)
        #expect(r.focus == ["plantar fasciiti"])
        let top = try? #require(r.results.first)
        #expect(top?.why.focus == "plantar fasciiti")
        #expect(top?.section.aspect == .symptoms)
    }

    func index() -> SearchIndex { indexed() }

    @Test func alsoCalledNamesFindTheArticle() {
        let index = indexed()
        #expect(index.search("nephrolithiasis").results.first?.id == "ks")
        #expect(index.search("myocardial infarction").results.first?.id == "mi")
    }

    @Test func aNameWithoutItsQualifierStillNamesTheFocus() {
        let drug = article("mp", "What is Methylprednisolone Oral used for?", "A corticosteroid taken by mouth.", focus: "Methylprednisolone Oral")
        let other = article("x", "What is multiple epiphyseal dysplasia?", "Rarely treated with methylprednisolone.", focus: "Multiple epiphyseal dysplasia")
        // One-word names count only when rare in the corpus: give it a corpus of some size.
        let filler = (0..<200).map { article("f\($0)", "Topic \($0)", "General text number \($0).") }
        let r = indexed(corpus + filler + [drug, other]).search("methylprednisolone")
        #expect(r.focus == ["methylprednisolon"])
        #expect(r.results.first?.id == "mp")
        #expect(FocusMatcher.withoutQualifiers("noonan syndrom") == "noonan")
        #expect(FocusMatcher.withoutQualifiers("syndrom") == nil)
        #expect(FocusMatcher.withoutQualifiers("plantar fasciiti") == nil)
    }

    @Test func conditionNamesOpenTheOverviewAndCountTheArticles() {
        let index = indexed(corpus + [
            article("zc", "What causes Zed syndrome?", "Causes.", focus: "Zed syndrome", tags: ["causes"]),
            article("zi", "What is Zed syndrome?", "Zed syndrome is rare.", focus: "Zed syndrome", alsoCalled: ["Zed disease"], tags: ["information"]),
        ])
        let names = index.conditionNames()
        let zed = names.first { $0.name == "Zed syndrome" }
        #expect(zed?.slug == "what-is-zed-syndrome")
        #expect(zed?.articles == 2)
        #expect(zed?.isAlias == false)
        #expect(names.first { $0.name == "Zed disease" }?.isAlias == true)
        #expect(names.map { $0.name.lowercased() } == names.map { $0.name.lowercased() }.sorted())
    }

    @Test func conditionNamesSortByLowerCaseCodePointsPastTheirFirstBytes() {
        let names = ["Retinitis pigmentosa 2", "retinitis pigmentosa 10", "Retinitis", "Éclampsia", "Eclampsia",
                     "Retinitis punctata albescens", "A", "Ab", "Retinitis pigmentosa type 2 (late)",
                     "Retinitis pigmentosa type 2 (early)", "Retinitis pigmentosa type 2"]
        let index = indexed(names.enumerated().map { i, name in
            article("n\(i)", "What is \(name)?", "About \(name).", focus: name)
        })
        let listed = index.conditionNames().map(\.name).filter(names.contains)
        #expect(listed == ["A", "Ab", "Eclampsia", "Retinitis", "retinitis pigmentosa 10", "Retinitis pigmentosa 2",
                           "Retinitis pigmentosa type 2", "Retinitis pigmentosa type 2 (early)", "Retinitis pigmentosa type 2 (late)",
                           "Retinitis punctata albescens", "Éclampsia"])
        typealias Key = IndexSnapshot.SortKey
        #expect(Key("ab", 0).words < Key("ab c", 1).words)
        #expect(Key("retinitis pigmentosa 2", 0).words < Key("retinitis punctata", 1).words)
        #expect(Key("retinitis pigmentosa type 2 (early)", 0).words == Key("retinitis pigmentosa type 2 (late)", 1).words,
                "past 24 bytes the keys themselves decide")
        #expect(Key("é", 0).words > Key("z", 1).words)
    }

    @Test func longQuestionsScoreOnlyTheirWeightiestTermsBesideTheirNames() throws {
        let index = indexed().snapshot
        let heavy = try #require(index.termIDs["fasciiti"]), light = try #require(index.termIDs["gallston"])
        let weights: [Int32: Float] = [heavy: 2, light: 1]
        #expect(index.cappedWeights(weights, keeping: [], limit: 1) == [heavy: 2], "only the weightier term is scored")
        #expect(index.cappedWeights(weights, keeping: [light], limit: 1) == weights, "a name's term is scored beside the cap")
        #expect(index.cappedWeights(weights, keeping: [heavy], limit: 1) == weights, "the cap counts the other terms only")
        #expect(index.cappedWeights(weights, keeping: [], limit: 0) == weights)
    }

    @Test func aLongStoryKeepsTheTermsOfTheNameItAsksAbout() throws {
        let index = indexed().snapshot
        var p = RankingParameters()
        p.maxQueryTerms = 2
        // The story's words are rarer in this corpus than the name's ("gallstones" is in two articles).
        let story = "I have heel pain, bile trouble and kidney stones, a blocked duct, blood flow trouble. What about gallstones?"
        let understood = index.understand(story, parameters: p)
        let gallstones = try #require(index.termIDs["gallston"])
        #expect(understood.focus.contains { $0.key == "gallston" })
        #expect(understood.weights[gallstones] != nil, "the name asked about is scored though rarer words fill the cap")
        #expect(understood.weights.count <= 2 + understood.focus.reduce(0) { $0 + $1.range.count + $1.knownAs.split(separator: " ").count })
        // The learned ranking's features read more of them than the first stage scores.
        #expect(understood.featureWeights.count > understood.weights.count)
        #expect(Set(understood.weights.keys).isSubset(of: understood.featureWeights.keys))
        p.featureQueryTerms = 2
        #expect(index.understand(story, parameters: p).featureWeights == understood.weights)
    }

    @Test func theStoryAroundAQuestionWeighsLessThanTheQuestion() throws {
        let index = indexed().snapshot
        var p = RankingParameters()
        p.maxQueryTerms = 0
        let heel = try #require(index.termIDs["heel"])
        let told = index.understand("My heel hurts in the morning. What should I do?", parameters: p).weights[heel]
        let asked = index.understand("Why does my heel hurt in the morning?", parameters: p).weights[heel]
        #expect(told == p.storyWeight)
        #expect(asked == 1)
        p.storyWeight = 1
        #expect(index.understand("My heel hurts in the morning. What should I do?", parameters: p).weights[heel] == 1)
        // With no sentence that asks, nothing is story.
        #expect(index.understand("My heel hurts in the morning.", parameters: RankingParameters()).weights[heel] == 1)
    }

    @Test func curatedSynonymWordsAreNotTakenForTypos() {
        let index = indexed(corpus + [article("men", "Health of men", "Mens health and eds.")])
        let r = index.search("can I take my meds with wine")
        #expect(r.didYouMean == nil)
    }

    @Test func draftsAndArchivedArticlesNeverAppear() {
        let index = indexed(corpus + [article("draft", "Zebrafish allergy?", "Zebrafish allergy text.", status: .draft)])
        #expect(index.search("zebrafish allergy").results.isEmpty)
        index.update(article("draft", "Zebrafish allergy?", "Zebrafish allergy text."))
        #expect(index.search("zebrafish allergy").results.map(\.id) == ["draft"])
        index.update(article("draft", "Zebrafish allergy?", "Zebrafish allergy text.", status: .archived))
        #expect(index.search("zebrafish allergy").results.isEmpty)
        #expect(index.count == corpus.count)
    }

    @Test func updatesReplaceTheOldText() {
        let index = indexed()
        index.update(article("ks", "What are kidney stones?", "Renal calculi are crystals.", focus: "Kidney stones"))
        #expect(index.search("renal calculi").results.first?.id == "ks")
        #expect(index.search("hard deposits of minerals").results.first?.id != "ks")
    }

    @Test func misspeltWordsAreCorrectedWithDidYouMean() {
        let index = indexed()
        let r = index.search("plantar fasciitsi treatmnet")
        #expect(r.didYouMean == "plantar fasciitis treatment")
        #expect(r.results.first?.id == "pf-treatment")
        #expect(index.search("plantar fasciitis").didYouMean == nil)
    }

    @Test func snippetIsShortAndMarksTheMatchedWords() throws {
        let long = String(repeating: "Filler words about nothing in particular. ", count: 30) + "The aneurysm may burst. " + String(repeating: "More filler. ", count: 30)
        let index = indexed(corpus + [article("an", "Aneurysm?", long)])
        let r = try #require(index.search("aneurysm burst").results.first)
        #expect(r.snippet.count <= 200)
        #expect(r.snippet.contains("The aneurysm may burst."))
        let marked = r.highlights.map { h in String(Array(r.snippet)[h[0]..<h[1]]) }
        #expect(marked.contains("aneurysm"))
        #expect(marked.contains("burst."))
    }

    @Test func emptyAndNonsenseQuestionsGiveNoResults() {
        let index = indexed()
        #expect(index.search("").results.isEmpty)
        #expect(index.search("the of and").results.isEmpty)
        #expect(index.search("<script>alert(1)</script> '; DROP TABLE").results.isEmpty)
    }

    /// Searches keep answering while thousands of articles are added and replaced.
    @Test func searchesStayConsistentDuringUpdates() async {
        let index = indexed()
        let extra = (0..<3000).map { article("x\($0)", "Extra question \($0)?", "Extra answer text number \($0) about gallstones.") }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for chunk in stride(from: 0, to: extra.count, by: 100) { index.update(Array(extra[chunk..<chunk + 100])) } }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<50 {
                        let r = index.search("what causes gallstones", limit: 10)
                        #expect(r.results.first?.id == "gs-causes")
                        #expect(Set(r.results.map(\.id)).count == r.results.count)
                    }
                }
            }
        }
        #expect(index.count == corpus.count + extra.count)
        #expect(index.search("extra answer text number 2999").results.first?.id == "x2999")
    }
}

@Suite struct SuggestionTests {
    @Test func completesTitlesFociAndAlsoCalledNames() {
        let index = indexed()
        let s = index.suggest("plan")
        #expect(s.first?.text == "Plantar fasciitis")
        #expect(s.first?.slug == nil)
        #expect(s.first?.articles == 2)
        #expect(index.suggest("nephro").map(\.text) == ["Nephrolithiasis"])
        #expect(index.suggest("What causes gall").first?.slug == "what-causes-gallstones")
        #expect(index.suggest("fasc").contains { $0.text == "Plantar fasciitis" })
    }

    @Test func tooShortOrUnknownPrefixesGiveNothing() {
        let index = indexed()
        #expect(index.suggest("p").isEmpty)
        #expect(index.suggest("zzzz").isEmpty)
        #expect(index.suggest("pl", limit: 2).count <= 2)
    }

    @Test func newArticlesAreSuggestedAfterAnUpdate() {
        let index = indexed()
        #expect(index.suggest("bursit").isEmpty)
        index.update(article("b", "What is bursitis?", "Bursitis is inflammation of a bursa.", focus: "Bursitis"))
        #expect(index.suggest("bursit").first?.text == "Bursitis")
    }

    @Test func unpublishedArticlesAreNoLongerSuggested() {
        let index = indexed()
        index.update(article("ks", "What are kidney stones?", "Kidney stones are hard.", focus: "Kidney stones",
                             alsoCalled: ["Nephrolithiasis"], status: .draft))
        #expect(index.suggest("nephro").isEmpty)
        #expect(index.suggest("what are kidney").isEmpty)
        index.remove(id: "pf-treatment")
        #expect(index.suggest("plan").first?.articles == 1)
        index.remove(id: "pf-symptoms")
        #expect(index.suggest("plan").isEmpty)
        index.update(corpus[4])
        #expect(index.suggest("nephro").map(\.text) == ["Nephrolithiasis"])
        #expect(index.suggest("what are kidney").first?.slug == "what-are-kidney-stones")
        // Updating an article leaves its suggestions as they were.
        index.update(corpus[0])
        #expect(index.suggest("What causes gall").first?.slug == "what-causes-gallstones")
        #expect(index.suggest("cholelith").first?.articles == 1)
    }

    /// Two articles may share a title: the title stays while either is published and never
    /// opens the one that left.
    @Test func aSharedTitleOutlivesOneOfItsArticles() {
        let index = indexed()
        index.update(Article(id: "gs-causes-2", slug: "what-causes-gallstones-2", title: "What causes gallstones?",
                             body: "Another answer about bile.", category: Category(name: "Test"), focus: "Gallstones"))
        index.remove(id: "gs-causes")
        let left = index.suggest("What causes gall").first
        #expect(left?.text == "What causes gallstones?")
        #expect(left?.slug != "what-causes-gallstones")
        index.remove(id: "gs-causes-2")
        #expect(index.suggest("What causes gall").isEmpty)
        index.update(corpus[0])
        #expect(index.suggest("What causes gall").first?.slug == "what-causes-gallstones")
    }
}

@Suite struct RelatedTests {
    @Test func relatedArticlesShareFocusFirstAndNeverTheArticleItself() {
        let index = indexed()
        let related = index.related(to: "pf-symptoms")
        #expect(related.first?.id == "pf-treatment")
        #expect(!related.contains { $0.id == "pf-symptoms" })
        #expect(related.count <= 8)
        #expect(index.related(to: "gs-causes").first?.id == "gs-untreated")
        #expect(index.related(to: "missing").isEmpty)
    }

    @Test func relatedFollowsUpdates() {
        let index = indexed()
        index.update(article("pf-exercises", "Which exercises help plantar fasciitis?", "Calf stretches ease heel pain.", focus: "Plantar fasciitis"))
        #expect(index.related(to: "pf-symptoms").contains { $0.id == "pf-exercises" })
        index.update(article("pf-exercises", "Which exercises help plantar fasciitis?", "Calf stretches.", focus: "Plantar fasciitis", status: .draft))
        #expect(!index.related(to: "pf-symptoms").contains { $0.id == "pf-exercises" })
    }
}

import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// Which names ranking boosts: those the recogniser took, by their own rules, and each article
/// once, by the most specific name it is about.
extension UnderstandingTests {
    static let words = EnglishWords(["can", "i", "take", "my", "meds", "med", "with", "wine", "what", "are", "the", "odds",
                                     "odd", "learn", "all", "about", "disease", "five", "years"])

    static func acronym(_ id: String, _ name: String, _ short: String) -> Article {
        article(id, "What is \(name)?", "A rare condition of the bones.", focus: name, alsoCalled: [short])
    }

    /// An everyday word is no acronym's name unless written in capitals: "meds" is not MED
    /// (multiple epiphyseal dysplasia), "odds" not ODD, "five" not FIVE.
    @Test func anEverydayWordIsNoAcronymUnlessInCapitals() {
        let index = SearchIndex(englishWords: Self.words)
        index.update(Self.filler + [Self.acronym("med", "Multiple epiphyseal dysplasia", "MED"),
                                    Self.acronym("odd", "Oppositional defiant disorder", "ODD"),
                                    Self.acronym("five", "Familial isolated vitamin E deficiency", "FIVE")])
        for question in ["Can I take my meds with wine?", "What are the odds?", "I had it five years"] {
            let understood = index.understand(question)
            #expect(understood.focus.isEmpty, "\(question): \(understood.focus)")
            #expect(index.snapshot.understand(question, parameters: RankingParameters()).focusKeys.isEmpty, "ranking boosts none")
        }
        #expect(index.understand("Is MED inherited?").focus.first?.knownAs == "med")
        #expect(index.understand("My son has ODD").focus.first?.knownAs == "odd")
        #expect(index.understand("I have had FIVE for years").focus.first?.knownAs == "five")
        // Nor when the capitals come with a qualifier ("ODD syndrome"); a qualifier right after
        // the word makes it the name, one past other words does not.
        let words = EnglishWords(["what", "are", "the", "odds", "pots", "syndrome", "learn", "about", "my"])
        let qualified = SearchIndex(englishWords: words)
        qualified.update(Self.filler + [article("odd3", "What is ODD?", "A rare condition.", focus: "Oculodentodigital dysplasia",
                                                alsoCalled: ["ODD syndrome"]),
                                        Self.acronym("pots", "Postural orthostatic tachycardia syndrome", "POTS")])
        #expect(qualified.understand("What are the odds?").focus.isEmpty)
        #expect(qualified.understand("what helps pots syndrome").focus.first?.knownAs == "pot")
        #expect(qualified.understand("learn about pots or the syndrome").focus.isEmpty)
        // A name also written in small letters is no acronym: the everyday word names it.
        let mixed = SearchIndex(englishWords: Self.words)
        mixed.update(Self.filler + [article("odd2", "What is odd?", "Text.", focus: "Odds", alsoCalled: ["ODDS"])])
        #expect(mixed.understand("What are the odds?").focus.first?.knownAs == "odd")
    }

    /// A qualifier the name leaves out does not make a short everyday word a name: "all about
    /// the disease" is not ALL (acute lymphoblastic leukemia), which the curated table lists.
    @Test func aQualifierDoesNotMakeAShortWordAName() {
        let index = SearchIndex(englishWords: Self.words)
        index.update(Self.filler + [article("all", "What is acute lymphoblastic leukemia?", "A blood cancer.",
                                            focus: "Acute lymphoblastic leukemia")])
        #expect(index.understand("I want to learn all about the disease").focus.isEmpty)
        #expect(index.understand("My son has ALL").focus.first?.knownAs == FocusMatcher.key("acute lymphoblastic leukemia"))
    }

    /// The curated table gives an abbreviation's everyday sense, before a rare disease's page that
    /// gives the same letters as its other name ("NPH").
    @Test func theCuratedTableGivesAnAbbreviationsEverydaySense() {
        let rare = Self.acronym("nephro", "Nephronophthisis", "NPH")
        let common = article("nph", "What is normal pressure hydrocephalus?", "Fluid builds up in the brain.",
                             focus: "Normal pressure hydrocephalus")
        let index = indexed(Self.filler + [rare, common])
        #expect(index.understand("Is there a support group for NPH?").focus.first?.knownAs == FocusMatcher.key("normal pressure hydrocephalus"))
        #expect(index.search("Is there a support group for NPH?").results.first?.id == "nph")
        // Only when the table's sense has an article: "COPD" stays the page about COPD.
        let copd = article("copd", "What is COPD?", "A lung disease that makes breathing hard.", focus: "COPD")
        let lungs = indexed(Self.filler + [copd])
        let focus = lungs.understand("what is COPD").focus.first
        #expect(focus?.knownAs == "copd")
        #expect(focus?.hasArticle == true)
    }

    /// A later mention of a name's last words ("the itch" after "jock itch") is a mention of the
    /// name, which then outweighs its head noun alone.
    @Test func aNamesHeadNounMentionsItAgain() {
        let itching = article("itch", "What is itching?", "An urge to scratch.", focus: "Itching", alsoCalled: ["Itch"])
        let jock = article("jock", "What is jock itch?", "A fungal infection of the groin.", focus: "Jock itch")
        let index = indexed(Self.filler + [itching, jock])
        let question = "I have had jock itch for years. When I stop the cream the itch comes back. Why does the itch return?"
        let focus = index.understand(question).focus
        #expect(focus.first?.key == FocusMatcher.key("jock itch"), "\(focus)")
        // Only a later mention refers back: a head noun said first is a name of its own.
        let before = index.understand("I have had an itch on my arms and legs for three weeks now. Is the itching treatable? "
            + "My neighbour said it might be jock itch.").focus
        #expect(before.first?.key == FocusMatcher.key("itch"), "\(before)")
    }

    /// A name known only from unpublished material yields to an article's name in other words.
    @Test func anArticlesNameInOtherWordsBeatsADraftsExactName() {
        let draft = article("lbd-draft", "Lewy body dementia", "", focus: "Lewy body dementia", status: .draft)
        let page = article("dlb", "What is dementia with Lewy bodies?", "A brain disease.", focus: "Dementia with Lewy bodies")
        let index = indexed(Self.filler + [draft, page])
        let focus = index.understand("any info on Lewy Body Dementia?").focus.first
        #expect(focus?.hasArticle == true, "\(String(describing: focus))")
        #expect(index.search("any info on Lewy Body Dementia?").results.first?.id == "dlb")
    }

    /// Ranking boosts what the recogniser took: a short name in capitals ("WPW") and a one-word
    /// name many articles use, by its rarity rather than not at all.
    @Test func rankingBoostsTheNamesTheRecogniserTook() throws {
        let wpw = article("wpw", "What is Wolff-Parkinson-White syndrome?", "An extra pathway in the heart.",
                          focus: "Wolff-Parkinson-White syndrome", alsoCalled: ["WPW"])
        // "arrhythmia" in more than one article in a hundred: once dropped as a focus, now weighed.
        let mentions = (0..<5).map { article("m\($0)", "Heart topic \($0)", "An arrhythmia may follow.") }
        let arrhythmia = article("arr", "What is an arrhythmia?", "A problem with the rate or rhythm of the heartbeat.",
                                 focus: "Arrhythmia")
        let index = indexed(Self.filler + mentions + [wpw, arrhythmia])
        let snapshot = index.snapshot
        #expect(snapshot.understand("information on WPW please", parameters: RankingParameters()).focusKeys == ["wpw"])
        let ranked = snapshot.rank("can an arrhythmia come back?", category: nil, atLeast: 10, parameters: RankingParameters(),
                                   model: RankingModel.shipped)
        let arr = try #require(snapshot.docNumber["arr"])
        #expect(ranked.focusOf[arr] != nil)
        #expect(ranked.candidates.first?.doc == arr)
    }

    /// An article about several of the question's names counts as about the most specific of
    /// them, not their sum: naming the person's background twice over is not the answer.
    @Test func anArticlesFocusIsItsMostSpecificNameNotTheSum() throws {
        let support = article("support", "What is nutritional support?", "Feeding tubes and TPN.", focus: "Nutritional support",
                              alsoCalled: ["TPN", "Feeding tube"])
        let index = indexed(Self.filler + [support])
        let snapshot = index.snapshot
        let ranked = snapshot.rank("I have a feeding tube and TPN", category: nil, atLeast: 10, parameters: RankingParameters(),
                                   model: RankingModel.shipped)
        let doc = try #require(snapshot.docNumber["support"])
        let focusKeys = snapshot.understand("I have a feeding tube and TPN", parameters: RankingParameters()).focusKeys
        #expect(focusKeys.count == 2, "\(focusKeys)")
        let each = focusKeys.map { snapshot.focusSpecificity(articles: snapshot.focusDocs.articles($0).count) }
        #expect(ranked.focusOf[doc]?.specificity == each.max())
    }
}

import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// Question understanding: names known from drafts and curated tables, plural and word-order
/// forms, and spelling that never changes a real word, a known name or one drug into another.
@Suite struct UnderstandingTests {
    /// A corpus of some size, so one-word names are rare enough to count.
    static let filler = (0..<200).map { article("f\($0)", "Topic \($0)", "General text number \($0) about wide roads.") }

    static func medicine(_ id: String, _ name: String, status: ArticleStatus = .published) -> Article {
        Article(id: id, title: "What is \(name)?", body: status == .published ? "\(name) is a medicine." : "",
                category: Category(name: "Medicines"), focus: name, status: status)
    }

    @Test func aBrandNameIsUnderstoodAsItsGeneric() {
        let drug = article("venla", "What is venlafaxine?", "Venlafaxine is an antidepressant.", focus: "Venlafaxine")
        let index = indexed(Self.filler + [drug])
        let focus = index.understand("does effexor cause weight gain?").focus.first
        #expect(focus?.words == "effexor")
        #expect(focus?.knownAs == "venlafaxin")
        #expect(focus?.hasArticle == true)
        #expect(index.search("does effexor cause weight gain?").results.first?.id == "venla")
    }

    @Test func pluralsAndWordOrderNameTheSameThing() {
        let abscess = article("abscess", "What is a tooth abscess?", "A pocket of pus at the root of a tooth.", focus: "Tooth abscess")
        let autoimmune = article("auto", "What are autoimmune disorders?", "The immune system attacks the body.", focus: "Autoimmune disorders")
        let index = indexed(Self.filler + [abscess, autoimmune])
        let teeth = index.understand("how do I treat abscess teeth").focus.first
        #expect(teeth?.words == "abscess teeth")
        #expect(teeth?.hasArticle == true)
        #expect(index.search("how do I treat abscess teeth").results.first?.id == "abscess")
        #expect(index.understand("is there a cure for my autoimmune illness").focus.first?.words == "autoimmune illness")
    }

    @Test func aNameKnownOnlyFromADraftIsAFocusWithoutArticle() {
        let draft = article("abacavir-1", "What is Abacavir?", "", focus: "Abacavir", status: .draft)
        let index = indexed(Self.filler + [draft])
        let focus = index.understand("Is abacavir safe during pregnancy?").focus.first
        #expect(focus?.key == "abacavir")
        #expect(focus?.hasArticle == false)
        #expect(index.search("Is abacavir safe during pregnancy?").focusWithoutArticle == "abacavir")
        // Published later: the same name now has an article.
        var published = draft
        published.body = "Abacavir treats HIV infection."
        published.status = .published
        index.update(published)
        #expect(index.understand("Is abacavir safe during pregnancy?").focus.first?.hasArticle == true)
        #expect(index.search("Is abacavir safe during pregnancy?").focusWithoutArticle == nil)
        // Removed: forgotten.
        index.remove(id: "abacavir-1")
        #expect(index.understand("Is abacavir safe during pregnancy?").focus.isEmpty)
    }

    @Test func generalNamesAreNotAFocus() {
        let pulse = article("pulse", "What is a pulse?", "Your heart rate.", focus: "Pulse", alsoCalled: ["Heart rate"])
        let index = indexed(Self.filler + [pulse])
        #expect(index.understand("my heart rate is high after taking metoprolol").focus.allSatisfy { $0.key != "heart rate" })
    }

    @Test func theDrugAskedAboutGoesBeforeTheBackgroundCondition() {
        let celiac = article("celiac", "What is celiac disease?", "An immune reaction to gluten.", focus: "Celiac disease")
        let zolmi = Self.medicine("zolmi", "Zolmitriptan", status: .draft)
        let index = indexed(Self.filler + [celiac, zolmi])
        let focus = index.understand("I have celiac disease and need to know if zolmitriptan tablets contain gluten").focus
        #expect(focus.first?.knownAs == "zolmitriptan", "\(focus)")
    }

    @Test func spellingNeverChangesADictionaryWordAKnownNameOrOneDrugIntoAnother() {
        let index = SearchIndex(englishWords: EnglishWords(["my", "wife", "has", "a", "rash", "from"]))
        index.update(Self.filler + [Self.medicine("amp", "Ampicillin"), Self.medicine("cef", "Cefuroxime"),
                                    article("d", "Draft", "", focus: "Dysphoria", status: .draft)])
        // "wife" is English: never "wide", though only "wide" is in the articles.
        #expect(index.understand("my wife has a rash").corrections.isEmpty)
        // A draft's name is known: never "corrected".
        #expect(index.understand("dysphoria").corrections.isEmpty)
        // Two letters from a drug: not turned into it.
        #expect(index.understand("rash from cefuroxone").corrections.isEmpty)
        // A one-letter slip of a drug is still corrected, and the original word is kept beside it.
        let fix = index.understand("ampicilin rash").corrections
        #expect(fix == [SpellingCorrection(from: "ampicilin", to: "ampicillin")])
    }

    @Test func abbreviationsUnderFourLettersNeedTheTableOrCapitals() {
        let ibs = article("ibs", "What is irritable bowel syndrome?", "A disorder of the gut.", focus: "Irritable bowel syndrome")
        let all = article("all", "What is acute lymphoblastic leukemia?", "A blood cancer.", focus: "Acute lymphoblastic leukemia")
        let index = SearchIndex(englishWords: EnglishWords(["all", "of", "my", "friends", "have", "the", "same"]))
        index.update(Self.filler + [ibs, all])
        #expect(index.understand("my father suffers from ibs").focus.first?.knownAs == "irrit bowel syndrom")
        #expect(index.understand("all of my friends have the same").focus.isEmpty)
        #expect(index.understand("my son has ALL").focus.first?.knownAs == "acut lymphoblast leukemia")
    }

    /// The name the message keeps coming back to, asked about and in its opening line, goes
    /// before a rarer name mentioned once in the story.
    @Test func theNameTheMessageIsAboutGoesFirst() {
        let migraine = article("migraine", "What is migraine?", "A headache that comes back.", focus: "Migraine")
        let topiramate = Self.medicine("topi", "Topiramate", status: .draft)
        let index = indexed(Self.filler + [migraine, topiramate])
        let focus = index.understand("Migraine question. My daughter took topiramate for a year, but her migraines still come "
                                     + "every week. What else helps migraines?").focus
        #expect(focus.first?.knownAs == "migrain", "\(focus)")
    }

    /// The person's own condition yields to a medicine they ask about, not to another condition.
    @Test func aBackgroundConditionYieldsOnlyToAMedicine() {
        let gout = article("gout", "What is gout?", "Uric acid crystals in a joint.", focus: "Gout")
        let kidney = article("stones", "What are kidney stones?", "Hard deposits in the kidney.", focus: "Kidney stones")
        let index = indexed(Self.filler + [gout, kidney])
        let focus = index.understand("Gout. I have gout in my toe. Does gout raise the chance of kidney stones?").focus
        #expect(focus.first?.knownAs == "gout", "\(focus)")
    }

    /// A name is reported as the person says it, without the form words it was found without.
    @Test func aMedicineIsReportedWithoutItsFormWords() {
        let bupropion = Self.medicine("bup", "Bupropion")
        let index = indexed(Self.filler + [bupropion])
        let focus = index.understand("how do I come off wellbutrin xl safely").focus.first
        #expect(focus?.key == "wellbutrin", "\(String(describing: focus))")
        #expect(focus?.knownAs == "bupropion")
    }

    /// A word that only ends other names ("teen" of "depression in teens") before a name makes a more
    /// particular name; a verb there does not ("impact" ends "fecal impaction").
    @Test func aModifierBeforeANameMakesALongerNameButAVerbDoesNot() {
        let pregnancy = article("preg", "What is pregnancy?", "Carrying a baby.", focus: "Pregnancy")
        let asthma = article("asthma", "What is asthma?", "The airways narrow.", focus: "Asthma")
        let drafts = [article("dep", "Depression in teens", "", focus: "Depression in teens", status: .draft),
                      article("imp", "Fecal impaction", "", focus: "Fecal impaction", status: .draft)]
        let index = SearchIndex(englishWords: EnglishWords(["how", "does", "cold", "air", "impact"], verbs: ["impact"]))
        index.update(Self.filler + [pregnancy, asthma] + drafts)
        let teen = index.understand("How common is teen pregnancy?").focus.first
        #expect(teen?.key == "teen pregnanc", "\(String(describing: teen))")
        #expect(teen?.knownAs == "pregnanc")
        let impact = index.understand("How does cold air impact asthma?").focus.first
        #expect(impact?.key == "asthma", "\(String(describing: impact))")
    }

    /// A word that joins names ("versus" of "graft versus host disease") never starts one.
    @Test func aJoiningWordIsNotTakenIntoAName() {
        let migraine = article("migraine", "What is migraine?", "A headache that comes back.", focus: "Migraine")
        let graft = article("gvhd", "Graft versus host disease", "", focus: "Graft versus host disease", status: .draft)
        let index = indexed(Self.filler + [migraine, graft])
        let focus = index.understand("Treatment options versus migraine types. Which treatment works for which migraine?").focus
        #expect(focus.first?.key == "migrain", "\(focus)")
    }
}

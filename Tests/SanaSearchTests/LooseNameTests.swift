import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// Which names found in a question are names: everyday words that encyclopedia drafts list loosely
/// as other names are not, and a brand stays a medicine whatever article also gives its name.
extension UnderstandingTests {
    static let everyday = EnglishWords(["our", "daughter", "was", "born", "with", "and", "the", "family", "is", "under", "a", "lot",
                                        "of", "tension", "where", "can", "we", "find", "help", "paying", "for", "surgery"])

    /// "Tension", only another name of a draft ("Stress and your health"), is an everyday word here.
    @Test func anEverydayWordADraftGivesAsAnotherNameIsNoName() {
        let stress = article("stress-d", "Stress and your health", "", focus: "Stress and your health", alsoCalled: ["Tension", "Jitters"],
                             status: .draft)
        let fallot = article("tof", "What is tetralogy of Fallot?", "A heart defect present at birth.", focus: "Tetralogy of Fallot")
        let index = SearchIndex(englishWords: Self.everyday)
        index.update(Self.filler + [stress, fallot])
        let focus = index.understand("Our daughter was born with tetralogy of Fallot and the family is under a lot of tension. "
                                     + "Where can we find help paying for surgery?").focus
        #expect(focus.first?.key == FocusMatcher.key("Tetralogy of Fallot"), "\(focus)")
        #expect(!focus.contains { $0.key == "tension" }, "\(focus)")
    }

    /// The same word is a name when a draft is about it.
    @Test func aDraftsOwnFocusStaysAName() {
        let tension = article("tension-d", "Tension", "", focus: "Tension", status: .draft)
        let index = SearchIndex(englishWords: Self.everyday)
        index.update(Self.filler + [tension])
        let focus = index.understand("Where can we find help for tension?").focus
        #expect(focus.first?.key == "tension", "\(focus)")
    }

    /// A brand of the curated table is a medicine even when only an encyclopedia article names it, so
    /// it goes before the condition the person has ("I have a history of peptic ulcers").
    @Test func aBrandIsAMedicineWhateverArticleNamesIt() {
        let overdose = article("apap", "Acetaminophen overdose", "Too much of a pain medicine.", focus: "Acetaminophen overdose",
                               alsoCalled: ["Tylenol"])
        let ulcer = article("ulcer", "What is a peptic ulcer?", "A sore in the lining of the stomach.", focus: "Peptic ulcer")
        let names = NameTables(brands: "tylenol | acetaminophen", lay: "", abbreviations: "", generic: "")
        let index = SearchIndex(names: names)
        index.update(Self.filler + [overdose, ulcer])
        #expect(index.writer.current.snapshot.isDrugName("tylenol"))
        let focus = index.understand("I have a history of peptic ulcers. What are the side effects of Tylenol on the stomach?").focus
        #expect(focus.first?.key == "tylenol", "\(focus)")
    }
}

import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// An acronym in capitals and the words it stands for elsewhere in the question are one name.
extension UnderstandingTests {
    /// Words no article names, misspelt ones too, are the name when an acronym in capitals spells
    /// them; the acronym's mentions count as theirs, and ranking still knows the acronym's article.
    @Test func wordsAnAcronymSpellsOutAreTheName() {
        let psp = article("psp", "What is PSP?", "A brain disorder that affects walking and balance.", focus: "PSP")
        let palsy = article("palsy", "What is palsy?", "Weakness of muscles.", focus: "Palsy")
        let evc = article("evc", "EVC", "", focus: "EVC", status: .draft)
        // One of the words must be a word of some known name ("van").
        let woude = article("vdw", "What is Van der Woude syndrome?", "A cleft lip or palate with pits in the lip.",
                            focus: "Van der Woude syndrome")
        let index = indexed(Self.filler + [psp, palsy, evc, woude])
        let palsyFocus = index.understand("Progressive Supernuclear Palsy. Who treats my dad, who we are sure has PSP?").focus
        #expect(palsyFocus.first?.key == FocusMatcher.key("Progressive Supernuclear Palsy"), "\(palsyFocus)")
        #expect(palsyFocus.first?.knownAs == "psp")
        // A trailing "syndrome" the acronym leaves out belongs to the name; a hyphen splits words.
        let gene = index.understand("If both parents carry the EVC gene, will their children get Ellis-Van Crevald Syndrome?").focus
        #expect(gene.first?.key == FocusMatcher.key("Ellis-Van Crevald Syndrome"), "\(gene)")
    }

    /// Only an acronym written in capitals counts, and only words in their order, one a letter.
    @Test func anAcronymMustBeWrittenInCapitalsAndSpelledInOrder() {
        let psp = article("psp", "What is PSP?", "A brain disorder that affects walking and balance.", focus: "PSP")
        let palsy = article("palsy", "What is palsy?", "Weakness of muscles.", focus: "Palsy")
        let index = indexed(Self.filler + [psp, palsy])
        let spelled = FocusMatcher.key("Progressive Supernuclear Palsy")
        let lower = index.understand("Progressive Supernuclear Palsy. Who treats my dad, who we are sure has psp?").focus
        #expect(!lower.contains { $0.key == spelled }, "\(lower)")
        let shuffled = index.understand("Supernuclear Progressive Palsy. Who treats my dad, who we are sure has PSP?").focus
        #expect(!shuffled.contains { $0.key == FocusMatcher.key("Supernuclear Progressive Palsy") }, "\(shuffled)")
    }
}

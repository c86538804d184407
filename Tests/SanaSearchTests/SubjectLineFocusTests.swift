import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// How a subject line's name and the message's words for it decide the focus.
extension UnderstandingTests {
    /// The message names the subject line's topic in full or more particularly: its words go first.
    @Test func theMessagesFullerNameForTheSubjectLinesTopicGoesFirst() {
        let diabetes = article("diab", "What is diabetes?", "High blood sugar.", focus: "Diabetes")
        let type1 = article("t1d", "What is type 1 diabetes?", "The pancreas makes no insulin.", focus: "Type 1 diabetes")
        let esophageal = article("eso", "What is esophageal cancer?", "Cancer of the food pipe.", focus: "Esophageal cancer")
        let esophagus = article("eso-d", "Cancer of the esophagus", "", focus: "Cancer of the esophagus", status: .draft)
        let reflux = article("gerd", "What is gastroesophageal reflux disease?", "Stomach acid flows back.",
                             focus: "Gastroesophageal reflux disease")
        let index = indexed(Self.filler + [diabetes, type1, esophageal, esophagus, reflux])
        let type = index.understand("Diabetes. My son found out he has type 1 diabetes last year. What should he eat?").focus
        #expect(type.first?.key == "type 1 diabet", "\(type)")
        // An adjective's term ("esophag") is the start of its noun's ("esophagus").
        let cancer = index.understand("Esophageal Cancer. I am looking for information about Cancer of the Esophagus.").focus
        #expect(cancer.first?.key == "cancer esophagus", "\(cancer)")
        // An abbreviation from the curated table names the same thing.
        let gerd = index.understand("Gastroesophageal Reflux Disease. Can GERD be cured? I have had it for three years.").focus
        #expect(gerd.first?.key == "gerd", "\(gerd)")
        // Without a subject line, the name the message is about stays first.
        let story = index.understand("My son has diabetes. Is diabetes in children cured? His doctor also spoke of type 1 diabetes.").focus
        #expect(story.first?.key == "diabet", "\(story)")
    }

    /// A shorter restatement says less than the subject line ("Lyme disease. … Lyme"): the subject's name stays.
    @Test func aShorterRestatementDoesNotReplaceTheSubjectLinesName() {
        let lymeDisease = article("lyme", "What is Lyme disease?", "An infection spread by ticks.", focus: "Lyme disease")
        let lyme = article("lyme-d", "Lyme", "", focus: "Lyme", status: .draft)
        let asbestosis = article("asb", "What is asbestosis?", "Lung scarring from asbestos fibres.", focus: "Asbestosis")
        let asbestos = article("asb-d", "Asbestos", "", focus: "Asbestos", status: .draft)
        let index = indexed(Self.filler + [lymeDisease, lyme, asbestosis, asbestos])
        let focus = index.understand("Lyme disease. Can Lyme come back years after treatment?").focus
        #expect(focus.first?.key == "lyme diseas", "\(focus)")
        // A shorter word is not a fuller name of the same thing: asbestos is not asbestosis.
        let dust = index.understand("Asbestosis. My father worked with asbestos for years. What is the outlook?").focus
        #expect(dust.first?.key == "asbestosi", "\(dust)")
    }

    /// A verb's -ing form before a name is what the person does with it, not part of the name.
    @Test func aVerbsIngFormBeforeANameIsNotPartOfIt() {
        let conversion = article("conv", "What is conversion disorder?", "Symptoms with no nervous system cause.",
                                 focus: "Conversion disorder")
        let reading = article("read-d", "Reading disorder", "", focus: "Reading disorder", status: .draft)
        let index = SearchIndex(englishWords: EnglishWords(["is", "reading", "about", "stories", "harmful"], verbs: ["read"]))
        index.update(Self.filler + [conversion, reading])
        let focus = index.understand("Is reading conversion disorder stories harmful?").focus
        #expect(focus.first?.key == "convers disord", "\(focus)")
    }

    /// A subject line that is only a name counts it as the topic, even when the name is only a word
    /// that ends known names ("cramp" of "muscle cramps") and the message names a condition too.
    @Test func aSubjectLineThatIsOnlyANameMakesItTheTopic() {
        let cramps = article("cramps", "Muscle cramps", "", focus: "Muscle cramps", status: .draft)
        let lymphoma = article("lym", "What is lymphoma?", "A cancer of the lymph system.", focus: "Lymphoma")
        let index = indexed(Self.filler + [cramps, lymphoma])
        let focus = index.understand("cramp. i have lymphoma what causes cramp after chemo treatment").focus
        #expect(focus.first?.key == "cramp", "\(focus)")
        // In the message only, the word that ends names stays behind the name.
        let story = index.understand("i have lymphoma what causes cramp after chemo treatment").focus
        #expect(story.first?.key == "lymphoma", "\(story)")
    }
}

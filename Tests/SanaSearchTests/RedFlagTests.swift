import Testing
@testable import SanaSearch

@Suite struct RedFlagTests {
    @Test(arguments: [
        ("I have chest pain and I am short of breath", "heart attack"),
        ("crushing chest pressure going down my left arm", "heart attack"),
        ("my dad's face is drooping and his speech is slurred", "stroke"),
        ("cut my hand and the bleeding won't stop", "severe bleeding"),
        ("bee sting and now my throat is swelling", "anaphylaxis"),
        ("I keep thinking about suicide", "suicidal thoughts"),
        ("I want to end my life", "suicidal thoughts"),
        ("my 6 week old baby has a fever", "baby with fever"),
        ("I took too many of my sleeping pills", "overdose or poisoning"),
        ("my husband is unconscious", "unconscious or seizure"),
        ("fever and a stiff neck since this morning", "meningitis signs"),
    ])
    func emergenciesAreFlagged(_ question: String, _ kind: String) {
        #expect(RedFlags.check(question)?.kind == kind)
    }

    @Test(arguments: [
        "What causes chest pain when I cough?",
        "What are the symptoms of gallstones?",
        "Can a baby eat honey?",
        "Is bleeding gums a sign of vitamin deficiency?",
        "What is the treatment for a stroke survivor's shoulder pain?",
    ])
    func ordinaryQuestionsAreNotFlagged(_ question: String) {
        #expect(RedFlags.check(question) == nil)
    }

    @Test func searchCarriesTheNotice() {
        let r = indexed().search("sudden chest pain and I can't breathe, is it my gallstones?")
        #expect(r.urgent?.kind == "heart attack")
        #expect(r.urgent?.message.contains("emergency") == true)
        #expect(indexed().search("what causes gallstones").urgent == nil)
    }
}

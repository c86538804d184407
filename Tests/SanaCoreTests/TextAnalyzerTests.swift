import Testing
@testable import SanaCore

@Suite struct TextAnalyzerTests {
    @Test func keepsMedicalTokensWhole() {
        #expect(TextAnalyzer.tokens("COVID-19 and vitamin B12, 5mg; T-cells after an X-ray (HLA-B27).")
                == ["covid-19", "and", "vitamin", "b12", "5mg", "t-cells", "after", "an", "x-ray", "hla-b27"])
    }

    @Test func splitsOrdinaryCompoundsAndFoldsCaseAndDiacritics() {
        #expect(TextAnalyzer.tokens("Long-term Crème BRÛLÉE") == ["long", "term", "creme", "brulee"])
        #expect(TextAnalyzer.tokens("ｆｕｌｌｗｉｄｔｈ") == ["fullwidth"])
    }

    @Test func possessivesAndContractions() {
        #expect(TextAnalyzer.tokens("Crohn's disease, don't worry – it's Parkinson’s") == ["crohn", "disease", "dont", "worry", "it", "parkinson"])
    }

    @Test func punctuationAndEdgeHyphensAreDropped() {
        #expect(TextAnalyzer.tokens("--pain-- ...what?! 'quoted'") == ["pain", "what", "quoted"])
        #expect(TextAnalyzer.tokens("") == [])
    }

    @Test func termsDropStopWordsButKeepMeaningfulOnes() {
        #expect(TextAnalyzer.terms("What are the symptoms of gallstones?") == ["symptom", "gallston"])
        #expect(TextAnalyzer.terms("pain after eating, not during sleep") == ["pain", "after", "eat", "not", "dure", "sleep"])
        #expect(TextAnalyzer.terms("5mg of b12") == ["5mg", "b12"])
    }
}

import Foundation
import SanaTestSupport
import Testing
import SanaCore
import SanaIngest
import SanaStore
@testable import SanaSearch

/// The answer engine over all of MedQuAD, imported into a real SQLite file, with Debian's word
/// lists: built once for the suites below.
enum MedQuADIndex {

    static let index = Task<SearchIndex, any Error> {
        let folder = try TemporaryFolder("sana-urgent"); defer { folder.remove() }
        let dir = folder.url
        let store = try SQLiteStore(path: dir.appendingPathComponent("medquad.sqlite").path)
        _ = try await Importer(store: store).run(paths: [SharedData.require("data/medquad").path], options: ImportOptions())
        let words = try #require(EnglishWords.installed, "Debian's wamerican and wbritish word lists (see .ci/run)")
        let index = SearchIndex(englishWords: words)
        var batch: [Article] = []
        for try await article in store.allArticles() {
            batch.append(article)
            if batch.count == 2000 { index.update(batch); batch.removeAll() }
        }
        index.update(batch)
        return index
    }
}

@Suite struct UrgentCareTests {
    /// The bug of issue 9: the corpus has "confusing" but not "convulsing", and correction made
    /// one into the other, losing the seizure notice.
    @Test func spellingCorrectionLeavesEnglishWordsAlone() {
        let corpus = [article("conf", "Why is my son confusing his words?", "Confusing words is common in young children.")]
        let withWords = SearchIndex(englishWords: EnglishWords(["my", "son", "is", "convulsing"]))
        withWords.update(corpus)
        let answer = withWords.search("my son is convulsing")
        #expect(answer.didYouMean == nil)
        #expect(answer.urgent?.kind == "unconscious or seizure")
        // Without a word list the word is still corrected, but the notice reads the person's own words.
        let withoutWords = SearchIndex()
        withoutWords.update(corpus)
        let corrected = withoutWords.search("my son is convulsing")
        #expect(corrected.didYouMean == "my son is confusing")
        #expect(corrected.urgent?.kind == "unconscious or seizure")
        // Words that are not English are still corrected.
        #expect(withWords.search("confusng").didYouMean == "confusing")
    }

    @Test func theInstalledWordListsKnowEverydayWordsAndNames() throws {
        let words = try #require(EnglishWords.installed, "Debian's wamerican and wbritish word lists (see .ci/run)")
        for word in ["convulsing", "fitting", "drooping", "tylenol", "ibuprofen", "diarrhoea", "diarrhea"] { #expect(words.contains(word), "\(word)") }
        #expect(!words.contains("convulsng"))
    }

    /// Over MedQuAD, whose vocabulary made "convulsing" into "confusing".
    @Test func convulsingKeepsItsWordAndItsNotice() async throws {
        let answer = try await MedQuADIndex.index.value.search("my son is convulsing")
        #expect(answer.didYouMean == nil)
        #expect(answer.urgent?.kind == "unconscious or seizure")
    }

    @Test(arguments: emergencyQuestions)
    func emergencyPhrasingsRaiseTheirNotice(_ question: String, _ kind: String) async throws {
        let answer = try await MedQuADIndex.index.value.search(question)
        #expect(answer.urgent?.kind == kind, "\(question)")
    }

    @Test(arguments: ordinaryQuestions)
    func ordinaryQuestionsRaiseNoNotice(_ question: String) async throws {
        let answer = try await MedQuADIndex.index.value.search(question)
        #expect(answer.urgent == nil, "\(question): \(answer.urgent?.kind ?? "")")
    }

    /// The figures of BENCHMARKS.md: `swift test --filter UrgentCareTests/rates`.
    @Test func rates() async throws {
        let index = try await MedQuADIndex.index.value
        let raised = emergencyQuestions.filter { index.search($0.question).urgent != nil }.count
        let right = emergencyQuestions.filter { index.search($0.question).urgent?.kind == $0.kind }.count
        let falseNotices = ordinaryQuestions.filter { index.search($0).urgent != nil }.count
        func percent(_ n: Int, _ of: Int) -> String { String(format: "%.1f%%", 100 * Double(n) / Double(of)) }
        print("urgent care: notice on \(raised)/\(emergencyQuestions.count) emergency questions (\(percent(raised, emergencyQuestions.count))), "
              + "the expected one on \(right) (\(percent(right, emergencyQuestions.count))); "
              + "false notice on \(falseNotices)/\(ordinaryQuestions.count) ordinary questions (\(percent(falseNotices, ordinaryQuestions.count)))")
        #expect(emergencyQuestions.count >= 60 && ordinaryQuestions.count >= 60)
    }

    static let selfHarmQuestions = emergencyQuestions.filter { $0.kind == "suicidal thoughts" }.map(\.question)

    /// Self-harm intent: the crisis notice, and no answer that gives means. Judged here by what a
    /// reader sees (title, category, snippet), not by the engine's own lists.
    @Test(arguments: selfHarmQuestions)
    func selfHarmLeadsWithCrisisHelpAndNeverMeans(_ question: String) async throws {
        let answer = try await MedQuADIndex.index.value.search(question)
        #expect(answer.urgent?.crisis == true, "\(question)")
        let means = ["poison", "overdose", "lethal", "fatal", "pesticide", "dose", "dosage", "dosing", "inject", "toxic", "how to use", "how should"]
        for result in answer.results {
            let seen = (result.title + " " + result.snippet).lowercased()
            #expect(!means.contains { seen.contains($0) }, "\(question) → \(result.title)")
            #expect(!["medicines", "drugs", "herbs", "supplements"].contains { result.categorySlug.contains($0) }, "\(question) → \(result.title) [\(result.categorySlug)]")
        }
        let first = try #require(answer.results.first, "\(question): help articles follow the notice")
        #expect(["suicid", "depress", "mental", "crisis", "anxiety", "mood", "self-harm", "psych"].contains { first.title.lowercased().contains($0) },
                "\(question) → \(first.title)")
    }

    /// The filter on a small corpus: means are dropped whatever their score, help stays.
    @Test func crisisAnswersAreHelpNeverMeans() {
        let drugs = Category(name: "Drugs and supplements")
        let index = indexed([
            article("pest", "What is pesticide poisoning?", "Pesticides kill insects; swallowing them can kill a person."),
            article("para", "How much paracetamol is too much?", "An overdose of paracetamol can kill: the lethal amount depends on weight."),
            Article(id: "drug", title: "Amitriptyline: how should this medicine be used?", body: "Take amitriptyline by mouth; do not take more to kill pain.", category: drugs),
            article("dep", "What is depression?", "Depression is a mood disorder; treatment and support help, and crisis lines answer day and night."),
            article("sui", "How can suicide be prevented?", "Suicide prevention: talk to someone, call a crisis line, get mental health care."),
        ])
        for question in ["i want to kill myself", "how much paracetamol would kill me"] {
            let answer = index.search(question)
            #expect(answer.urgent?.crisis == true)
            #expect(Set(answer.results.map(\.id)) == ["dep", "sui"], "\(question)")
        }
        // Without intent the same words find the same articles as before.
        #expect(index.search("what is pesticide poisoning").results.first?.id == "pest")
    }

    /// Mentioning suicide without intent (a side effect, a relative) shows help too, without
    /// hiding the articles that answer.
    @Test func mentioningSuicideShowsHelpWithoutFilteringAnswers() {
        let index = indexed([article("ad", "Do antidepressants cause suicidal thoughts?", "Some antidepressants raise suicidal thoughts in young people. Dosing matters.")])
        let answer = index.search("can antidepressants cause suicidal thoughts")
        #expect(answer.urgent?.kind == "suicide mentioned")
        #expect(answer.urgent?.crisis == false)
        #expect(answer.results.first?.id == "ad")
    }
}

@Suite struct RedFlagMatchingTests {
    @Test func phrasesMatchWholeWordsNotParts() {
        // "od" is a word of its own, never the inside of "food" or "good".
        #expect(RedFlags.check("i had some bad food and good news") == nil)
        #expect(RedFlags.check("i think i od on my meds")?.kind == "overdose or poisoning")
        // Inflections: "droops", "drooped", "drooping".
        for form in ["droops", "drooped", "drooping"] { #expect(RedFlags.check("her face \(form)")?.kind == "stroke", "\(form)") }
    }

    @Test func gapsNumbersAndTypos() {
        #expect(RedFlags.check("he cant lift up his right arm")?.kind == "stroke")
        #expect(RedFlags.check("i took 30 of my tylenol pills")?.kind == "overdose or poisoning")
        #expect(RedFlags.check("i took 2 tylenol pills for a headache") == nil)
        #expect(RedFlags.check("i took 500 mg pills for a headache") == nil)
        let english = EnglishWords(["she", "is", "having", "a", "breeding", "dogs"])
        #expect(RedFlags.check("she is having a siezure", isEnglish: english.contains)?.kind == "unconscious or seizure")
        // A real word is never taken for a typo of another ("breeding" is not "bleeding").
        #expect(RedFlags.check("breeding dogs heavily", isEnglish: english.contains) == nil)
    }

    @Test func theOwnWordsCountAsWellAsTheCorrectedOnes() {
        #expect(RedFlags.check(["my son is convulsing", "my son is confusing"])?.kind == "unconscious or seizure")
        // The crisis notice wins whichever text carries it.
        #expect(RedFlags.check(["i took 40 pills to kill myself", "i took 40 pills"])?.crisis == true)
    }

    @Test func everyRuleHasAMessageAndPhrases() {
        #expect(RedFlags.rules.count >= 15)
        for rule in RedFlags.rules {
            #expect(!rule.message.isEmpty && !rule.groups.isEmpty && rule.groups.allSatisfy { !$0.isEmpty }, "\(rule.kind)")
        }
        #expect(RedFlags.rules.first?.crisis == true, "crisis comes first")
    }
}

import Foundation
import SanaTestSupport
import Testing
@testable import SanaCore

@Suite struct QuestionTypeTests {
    @Test(arguments: [
        ("What are the symptoms of thoracic and abdominal aneurysms?", QuestionType.symptoms),
        ("What are the consequences of untreated gallstones?", .complications),
        ("How is plantar fasciitis treated?", .treatment),
        ("What causes gallstones?", .causes),
        ("Is Noonan syndrome inherited?", .inheritance),
        ("Can I eat eggs with high cholesterol?", .diet),
        ("How much does foot fracture surgery cost?", .cost),
        ("Can I take ibuprofen together with warfarin?", .interactions),
        ("What are the side effects of prednisone?", .sideEffects),
        ("How can I prevent kidney stones?", .prevention),
        ("What is the life expectancy with ALS?", .outlook),
        ("How is diverticulitis diagnosed?", .diagnosis),
        ("What is ankylosing spondylitis?", .information),
        ("Is chickenpox contagious?", .susceptibility),
        ("What complications can diabetes lead to?", .complications),
        ("How do I stop taking Wellbutrin safely?", .tapering),
        ("Is vitamin D required for calcium absorption?", .association),
        ("Where can I find a specialist for lupus?", .organization),
        ("Is it genetic?", .inheritance),
        ("I want information on how to prevent the flu", .prevention),
        ("Her cough gets worse at night, will it last?", .outlook),
        ("Can I store insulin outside the fridge?", .storage),
    ])
    func detectsTheTypeFromCuePhrases(_ question: String, _ type: QuestionType) {
        #expect(QuestionType.detect(in: question).first == type, "\(QuestionType.detect(in: question))")
    }

    /// A message header ("General health") says nothing of the question: "general" is not
    /// "gene…" and "health" is not "heal".
    @Test func cuesAreWholeWordsOverTheQuestionNotTheHeader() {
        #expect(QuestionType.detect(in: "General health. What causes gout?") == [.causes])
        #expect(!QuestionType.detect(in: "General health. i want to know more about aortic stenosis").contains(.geneticChanges))
        #expect(!QuestionType.detect(in: "General health. i want to know more about aortic stenosis").contains(.treatment))
        // "Is it …" alone is not a question about diagnosis; "I was diagnosed with" is background.
        #expect(!QuestionType.detect(in: "Is it serious?").contains(.diagnosis))
        #expect(!QuestionType.detect(in: "I was diagnosed with gout last year. What should I eat?").contains(.diagnosis))
        #expect(QuestionType.detect(in: "How is gout diagnosed?").first == .diagnosis)
    }

    /// Places and tests named in the story are not what is asked; a cue after "after" is a time.
    @Test func theStoryIsNotTheQuestion() {
        let story = QuestionType.detect(in: "My aunt spent a week in the hospital and had a scan. Why does her hip keep hurting?")
        #expect(story.first == .causes, "\(story)")
        #expect(!story.contains(.organization) && !story.contains(.tests))
        #expect(QuestionType.detect(in: "Which hospital in Ohio sees children with scoliosis?").first == .organization)
        let again = QuestionType.detect(in: "Can shingles occur again after treatment?")
        #expect(again.first == .outlook, "\(again)")
        #expect(!again.contains(.treatment))
        // "useful" is not every "use".
        #expect(!QuestionType.detect(in: "I have been using an inhaler for years. What causes wheezing at night?").contains(.usage))
        #expect(QuestionType.detect(in: "My feet swell every evening and nobody can tell me why.").first == .causes)
        #expect(QuestionType.detect(in: "My father cannot walk far and we do not know what to do.").first == .treatment)
        // A diagnosis told in the story is background; asking for a kind of doctor, what it could be, or whether to worry is not.
        #expect(QuestionType.detect(in: "My mother has a diagnosis of lupus. She needs treatment for her joints.").first == .treatment)
        #expect(QuestionType.detect(in: "What doctor should I see for a bad knee?").first == .organization)
        #expect(QuestionType.detect(in: "Red spots on my arms. What could this be?").first == .causes)
        #expect(QuestionType.detect(in: "My son caught measles. Should we be worried?").first == .outlook)
    }

    @Test func typesComeInTheOrderTheQuestionAsksThem() {
        // The question sentence first, the story after; within a sentence by position.
        #expect(QuestionType.detect(in: "My father had surgery last year. What causes it and how is it treated?") == [.causes, .treatment])
        #expect(QuestionType.detect(in: "What are the symptoms and the causes of anemia?").prefix(2) == [.symptoms, .causes])
        // No cue: what people most often want.
        #expect(QuestionType.detect(in: "lupus") == [.treatment, .information])
    }

    /// A plea for help ("help me", "suggest") is the weakest cue of its sentence: what else the
    /// sentence asks goes first, even "information"; alone it still asks for treatment.
    @Test func aPleaForHelpYieldsToWhatTheSentenceAsks() {
        #expect(QuestionType.detect(in: "Could you help me find a booklet about psoriasis?").first == .information)
        #expect(QuestionType.detect(in: "Please help me, what causes my knee to click?").first == .causes)
        #expect(QuestionType.detect(in: "Please help me with my sore knee.").first == .treatment)
        #expect(QuestionType.detect(in: "Help me understand the treatment of psoriasis.").first == .treatment)
    }

    /// The annotated LiveQA training questions: the annotated type must be among the detected
    /// ones for most questions whose annotation Sana has a type for.
    @Test func agreesWithTheAnnotatedTrainingQuestions() throws {
        let url = try SharedData.require("data/liveqa-train/questions.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let mapping: [String: QuestionType] = [
            "treatment": .treatment, "information": .information, "cause": .causes, "prognosis": .outlook,
            "diagnosis": .diagnosis, "susceptibility": .susceptibility, "symptom": .symptoms, "inheritance": .inheritance,
            "complication": .complications, "side effects": .sideEffects, "prevention": .prevention, "usage": .usage,
            "contraindication": .contraindication, "dosage": .dosage, "interaction": .interactions, "genetic changes": .geneticChanges,
            "organization": .organization, "association": .association, "tapering": .tapering,
        ]
        var asked = 0, found = 0
        for line in lines {
            struct Row: Decodable { var subject: String; var message: String; var annotations: [Annotation] }
            struct Annotation: Decodable { var type: String }
            let row = try JSONDecoder().decode(Row.self, from: Data(line.utf8))
            let wanted = Set(row.annotations.compactMap { mapping[$0.type.lowercased()] })
            guard !wanted.isEmpty else { continue }
            asked += 1
            if !wanted.isDisjoint(with: QuestionType.detect(in: row.subject + ". " + row.message)) { found += 1 } else if ProcessInfo.processInfo.environment["SHOW_MISSES"] != nil { print("MISS \(wanted) \(QuestionType.detect(in: row.subject + ". " + row.message)): \((row.subject + ". " + row.message).prefix(160))") }
        }
        let share = Double(found) / Double(asked)
        print("question types: \(found) of \(asked) annotated types detected (\(Int(share * 100))%)")
        #expect(asked > 350)
        #expect(share >= 0.7)
    }
}

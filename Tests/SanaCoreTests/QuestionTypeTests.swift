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
    ])
    func detectsTheTypeFromCuePhrases(_ question: String, _ type: QuestionType) {
        #expect(QuestionType.detect(in: question).first == type, "\(QuestionType.detect(in: question))")
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

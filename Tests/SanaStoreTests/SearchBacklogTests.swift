import Foundation
import Testing
import SanaTestSupport
@testable import SanaStore

/// The backlog of unanswered searches on a real SQLite file: questions normalised, counted by
/// day, most asked first over a period, old days removed.
@Suite struct SearchBacklogTests {
    @Test(arguments: [
        ("  What   causes\tGOUT?? ", "what causes gout"),
        ("Why\u{0007} do\u{0000} knees\u{FFFE} click\u{009F}?", "why do knees click"),
        ("line\nbreak\u{2028}and\u{00A0}spaces!", "line break and spaces"),
        ("É́cole ?", "é́cole"),
        ("?!.", ""),
    ])
    func questionsAreNormalised(raw: String, normalised: String) {
        #expect(SearchBacklog.normalise(raw) == normalised)
    }

    @Test func longQuestionsAreCut() {
        let long = SearchBacklog.normalise(String(repeating: "ab ", count: 500))
        #expect(long.count <= SearchBacklog.maxQuestionLength && long.hasPrefix("ab ab"))
    }

    @Test func countsAddUpByDayAndOldDaysAreRemoved() async throws {
        let folder = try TemporaryFolder("sana-backlog"); defer { folder.remove() }
        let accounts = try SQLiteStore(path: folder.path("b.sqlite")).accounts(bcryptCost: 4)
        let backlog = SearchBacklog(sharingDatabaseOf: accounts, keptDays: 90)
        let today = Date(timeIntervalSince1970: 1_800_000_000)
        let day = { (daysAgo: Double) in SearchBacklog.day(today.addingTimeInterval(-daysAgo * 86_400)) }
        typealias Key = SearchBacklog.Key
        try await backlog.add([Key(question: "old question", day: day(100)): (9, .nothingFound),
                               Key(question: "last month", day: day(40)): (50, .nothingFound)], today: today.addingTimeInterval(-100 * 86_400))
        try await backlog.add([Key(question: "gout", day: day(1)): (2, .nothingFound), Key(question: "knees", day: day(0)): (1, .noGoodAnswer)], today: today)
        try await backlog.add([Key(question: "gout", day: day(1)): (1, .nothingFound), Key(question: "gout", day: day(0)): (1, .unpublishedOnly),
                               Key(question: "knees", day: day(0)): (1, .noGoodAnswer)], today: today)
        let rows = try await backlog.rows()
        #expect(!rows.contains { $0.question == "old question" }, "older than 90 days: removed")
        #expect(rows.contains { $0.question == "gout" && $0.day == day(1) && $0.count == 3 })
        let asked = try await backlog.mostAsked(days: 30, today: today, limit: 10)
        #expect(asked == [BacklogEntry(question: "gout", count: 4, lastDay: day(0), reason: .unpublishedOnly),
                          BacklogEntry(question: "knees", count: 2, lastDay: day(0), reason: .noGoodAnswer)])
        #expect(try await backlog.mostAsked(days: 60, today: today, limit: 1).map(\.question) == ["last month"])
    }
}

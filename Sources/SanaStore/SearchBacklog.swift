import Foundation
import GRDB

/// Why a public search belongs in the backlog: what Sana could not answer.
public enum BacklogReason: String, Sendable, CaseIterable {
    /// No article matched at all.
    case nothingFound = "nothing-found"
    /// Articles matched, but none well enough to be called an answer (the engine's "no good answer").
    case noGoodAnswer = "no-good-answer"
    /// The question's focus is known only from unpublished material: no article on it yet.
    case unpublishedOnly = "unpublished-only"

    public var label: String {
        switch self {
        case .nothingFound: "found nothing"
        case .noGoodAnswer: "no good answer"
        case .unpublishedOnly: "no article on it yet"
        }
    }
}

/// One question of the backlog over a period: how often it was asked, and when last.
public struct BacklogEntry: Sendable, Equatable {
    public var question: String
    public var count: Int
    /// The last day (UTC, `YYYY-MM-DD`) it was asked, and why it went unanswered then.
    public var lastDay: String
    public var reason: BacklogReason
}

/// The backlog of unanswered searches (`search_backlog`), in the accounts' database: counts by
/// normalised question and day, never who asked (no addresses, no user agents). Written in
/// batches by `SearchBacklogRecorder`; read by the editor's dashboard and backlog page.
public struct SearchBacklog: Sendable {
    let writer: any DatabaseWriter
    /// Days kept; older rows are removed when a batch is written.
    public var keptDays: Int

    public init(sharingDatabaseOf accounts: AccountStore, keptDays: Int = 90) {
        writer = accounts.writer
        self.keptDays = keptDays
    }

    /// The longest question kept, in characters; longer ones are cut.
    public static let maxQuestionLength = 200

    /// The question as the backlog counts it: control characters and noncharacters dropped,
    /// lowercased, white space folded to single spaces, the closing `?`, `!` or `.` dropped, and
    /// cut to `maxQuestionLength` characters. Empty when nothing is left.
    public static func normalise(_ question: String) -> String {
        var kept = String.UnicodeScalarView()
        for s in question.unicodeScalars {
            let control = s.value < 0x20 || (0x7F...0x9F).contains(s.value)
            let nonCharacter = (0xFDD0...0xFDEF).contains(s.value) || s.value & 0xFFFE == 0xFFFE
            if s.properties.isWhitespace { kept.append(" ") } else if !control && !nonCharacter { kept.append(s) }
        }
        var text = String(kept).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, "?!.".contains(last) || last == " " { text.removeLast() }
        if text.count > maxQuestionLength { text = String(text.prefix(maxQuestionLength)).trimmingCharacters(in: .whitespaces) }
        return text
    }

    /// The UTC day of `date` as the backlog keys it.
    public static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }

    public struct Key: Hashable, Sendable {
        public var question: String
        public var day: String
        public init(question: String, day: String) { self.question = question; self.day = day }
    }

    /// Adds a batch of counts in one transaction, then removes days older than `keptDays`
    /// before `today`.
    public func add(_ batch: [Key: (count: Int, reason: BacklogReason)], today: Date) async throws {
        guard !batch.isEmpty else { return }
        let oldest = Self.day(today.addingTimeInterval(-Double(keptDays) * 86_400))
        try await writer.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO search_backlog (question, day, count, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT (question, day) DO UPDATE SET count = count + excluded.count, reason = excluded.reason
                """)
            for (key, value) in batch {
                try statement.execute(arguments: [key.question, key.day, value.count, value.reason.rawValue])
            }
            try db.execute(sql: "DELETE FROM search_backlog WHERE day < ?", arguments: [oldest])
        }
    }

    /// The questions asked on the `days` days up to `today`, most asked first.
    public func mostAsked(days: Int = 30, today: Date, limit: Int) async throws -> [BacklogEntry] {
        let since = Self.day(today.addingTimeInterval(-Double(max(0, days - 1)) * 86_400))
        return try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT question, SUM(count) AS total, MAX(day) AS last_day,
                  (SELECT reason FROM search_backlog b WHERE b.question = s.question ORDER BY day DESC LIMIT 1) AS reason
                FROM search_backlog s WHERE day >= ? GROUP BY question ORDER BY total DESC, last_day DESC, question LIMIT ?
                """, arguments: [since, max(0, limit)]).map { row in
                BacklogEntry(question: row["question"], count: row["total"], lastDay: row["last_day"],
                             reason: BacklogReason(rawValue: row["reason"] ?? "") ?? .nothingFound)
            }
        }
    }

    /// Every stored day of every question: for tests and exports.
    public func rows() async throws -> [(question: String, day: String, count: Int)] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT question, day, count FROM search_backlog ORDER BY day, question").map { ($0["question"], $0["day"], $0["count"]) }
        }
    }
}

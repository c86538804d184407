import GRDB

/// Schema of the backlog of unanswered searches: one row per normalised question and UTC day.
/// No column could hold who asked.
extension SQLiteMigrations {
    static func searchBacklog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE search_backlog (
              question TEXT NOT NULL,
              day TEXT NOT NULL,
              count INTEGER NOT NULL CHECK (count >= 1),
              reason TEXT NOT NULL,
              PRIMARY KEY (question, day));
            CREATE INDEX search_backlog_by_day ON search_backlog(day);
            """)
    }
}

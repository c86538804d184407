import GRDB

/// Schema of the review workflow: every editor save of an article as a numbered revision with
/// its state. Not the v1 `article_revision` table, which keeps the public row's earlier versions
/// (whatever wrote them) and is numbered by the row; these are numbered per article by the
/// editorial side and include revisions the public has never seen.
extension SQLiteMigrations {
    static func editorialRevisions(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE editorial_revision (
              article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE,
              number INTEGER NOT NULL CHECK (number >= 1),
              document TEXT NOT NULL,
              author TEXT NOT NULL,
              created_at DATETIME NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('draft','submitted','approved','rejected','published')),
              review_comment TEXT,
              reviewer TEXT,
              reviewed_at DATETIME,
              next_review_due DATETIME,
              PRIMARY KEY (article_id, number));
            CREATE INDEX editorial_revision_by_state ON editorial_revision(state, created_at);
            """)
    }
}

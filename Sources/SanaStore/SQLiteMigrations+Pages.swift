import GRDB

/// Schema for pages that must stay fast at a million articles: every query a page makes reads an
/// index range or a maintained count, never the whole table.
extension SQLiteMigrations {
    /// The characters of a title, summary or body indexed for `resolveExcerpts` (see `excerptKey`).
    static let excerptKeyLength = 64

    static func indexedPages(_ db: Database) throws {
        // Reading order with the id as last tie-break, so a category's page and an article's
        // previous/next are one range of the index (the v1 index stopped at the title).
        try db.execute(sql: "DROP INDEX IF EXISTS article_on_category")
        try db.execute(sql: "CREATE INDEX article_in_reading_order ON article(category_slug, status, position, title, id)")
        // The home page's and the feed's "recently changed", in exactly their ORDER BY.
        try db.execute(sql: "CREATE INDEX article_by_review ON article(status, reviewed_at IS NULL, reviewed_at DESC, updated_at DESC, id)")
        try db.execute(sql: "CREATE INDEX article_by_update ON article(status, updated_at DESC, id)")
        // Related excerpts are matched by how a title, summary or body begins: these keys are that
        // opening, lower-cased as LIKE compares it (ASCII), so a prefix is a range of the index.
        for column in ["title", "summary", "body"] {
            try db.execute(sql: "CREATE INDEX article_\(column)_opening ON article(\(excerptKey(column)))")
        }
        try createArticleCounts(db)
    }

    /// The indexed opening of `column`: what `SQLiteStore.resolveExcerpts` ranges over.
    static func excerptKey(_ column: String) -> String { "lower(substr(\(column), 1, \(excerptKeyLength)))" }

    /// Articles per status and category, kept by triggers in the same transaction as every write,
    /// so `counts()` reads a few rows instead of counting a million.
    private static func createArticleCounts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE article_count (
              status TEXT NOT NULL, category_slug TEXT NOT NULL, category_name TEXT NOT NULL, n INTEGER NOT NULL,
              PRIMARY KEY (status, category_slug, category_name)) WITHOUT ROWID;
            INSERT INTO article_count SELECT status, category_slug, category_name, COUNT(*) FROM article
              GROUP BY status, category_slug, category_name;
            CREATE TRIGGER article_count_insert AFTER INSERT ON article BEGIN
              INSERT INTO article_count VALUES (NEW.status, NEW.category_slug, NEW.category_name, 1)
                ON CONFLICT DO UPDATE SET n = n + 1;
            END;
            CREATE TRIGGER article_count_delete AFTER DELETE ON article BEGIN
              UPDATE article_count SET n = n - 1
                WHERE status = OLD.status AND category_slug = OLD.category_slug AND category_name = OLD.category_name;
            END;
            CREATE TRIGGER article_count_update AFTER UPDATE OF status, category_slug, category_name ON article BEGIN
              UPDATE article_count SET n = n - 1
                WHERE status = OLD.status AND category_slug = OLD.category_slug AND category_name = OLD.category_name;
              INSERT INTO article_count VALUES (NEW.status, NEW.category_slug, NEW.category_name, 1)
                ON CONFLICT DO UPDATE SET n = n + 1;
            END;
            """)
    }
}

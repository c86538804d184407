import GRDB

/// The versioned schema of the SQLite store. Add migrations; never edit a released one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-articles") { db in
            try db.create(table: "article") { t in
                t.primaryKey("id", .text)
                t.column("slug", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("body", .text).notNull()
                t.column("category_name", .text).notNull()
                t.column("category_slug", .text).notNull()
                t.column("focus", .text)
                t.column("also_called", .text).notNull()
                t.column("tags", .text).notNull()
                t.column("language", .text).notNull()
                t.column("sources", .text).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('draft','in_review','published','archived')")
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("reviewed_at", .datetime)
                t.column("next_review_due", .datetime)
                t.column("reviewer", .text)
                t.column("revision", .integer).notNull()
                t.column("position", .integer).notNull()
                t.column("previous_title", .text)
                t.column("next_title", .text)
                t.column("related_hints", .text).notNull()
            }
            try db.create(index: "article_on_category", on: "article",
                          columns: ["category_slug", "status", "position", "title"])
            try db.create(index: "article_on_title", on: "article", columns: ["title"])
            try db.create(table: "article_revision") { t in
                t.column("article_id", .text).notNull()
                    .references("article", onDelete: .cascade)
                t.column("revision", .integer).notNull()
                t.column("saved_at", .datetime).notNull()
                t.column("document", .text).notNull()
                t.primaryKey(["article_id", "revision"])
            }
        }
        // Every write of an article takes the next number, so a serving process can follow
        // what other processes (`sana import`) wrote since it looked last.
        migrator.registerMigration("v2-change-sequence") { db in
            try db.alter(table: "article") { t in t.add(column: "change_seq", .integer).notNull().defaults(to: 0) }
            try db.create(index: "article_on_change_seq", on: "article", columns: ["change_seq"])
        }
        // The last change number lives in a counter row rather than being read off the articles
        // (one past the highest), so a number is never taken twice, even when the article that
        // held the highest is gone; a database from before goes on from its highest number.
        migrator.registerMigration("v3-change-counter") { db in
            try db.create(table: "change_counter") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("last_change", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO change_counter (id, last_change) SELECT 1, COALESCE(MAX(change_seq), 0) FROM article")
        }
        migrator.registerMigration("v4-indexed-pages", migrate: SQLiteMigrations.indexedPages)
        migrator.registerMigration("v5-editorial-accounts", migrate: SQLiteMigrations.editorialAccounts)
        migrator.registerMigration("v6-editorial-revisions", migrate: SQLiteMigrations.editorialRevisions)
        migrator.registerMigration("v8-search-backlog", migrate: SQLiteMigrations.searchBacklog)
        migrator.registerMigration("v7-api-tokens", migrate: SQLiteMigrations.apiTokens)
        return migrator
    }
}

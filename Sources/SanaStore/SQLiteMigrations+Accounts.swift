import GRDB

/// Schema of the editorial side: accounts, their sessions, failed sign-ins and the audit log,
/// plus the index the dashboard's "past its review date" list reads.
extension SQLiteMigrations {
    static func editorialAccounts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE editor_user (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL UNIQUE COLLATE NOCASE,
              role TEXT NOT NULL CHECK (role IN ('writer','reviewer','editor','admin')),
              password_hash TEXT NOT NULL,
              disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
              created_at DATETIME NOT NULL);
            -- The id is the SHA-256 of the cookie's token, so a copy of the database signs nobody in.
            CREATE TABLE editor_session (
              id TEXT PRIMARY KEY NOT NULL,
              user_id INTEGER NOT NULL REFERENCES editor_user(id) ON DELETE CASCADE,
              csrf_token TEXT NOT NULL,
              created_at DATETIME NOT NULL,
              expires_at DATETIME NOT NULL,
              last_seen_at DATETIME NOT NULL);
            CREATE INDEX editor_session_on_user ON editor_session(user_id);
            -- The account is the name typed, whether or not such an account exists.
            CREATE TABLE sign_in_failure (
              account TEXT NOT NULL COLLATE NOCASE,
              address TEXT NOT NULL,
              at DATETIME NOT NULL);
            CREATE INDEX sign_in_failure_by_account ON sign_in_failure(account, at);
            CREATE INDEX sign_in_failure_by_address ON sign_in_failure(address, at);
            CREATE TABLE audit_log (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at DATETIME NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              article_id TEXT,
              from_revision INTEGER,
              to_revision INTEGER,
              detail TEXT NOT NULL DEFAULT '');
            CREATE INDEX audit_log_by_actor ON audit_log(actor, article_id);
            CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE INDEX article_by_review_due ON article(status, next_review_due, id);
            """)
    }
}

import GRDB

/// API tokens: kept by the SHA-256 of the token, so a copy of the database opens nothing. Each
/// acts for its owner account (a write through it is the owner's writing); expiry is required.
extension SQLiteMigrations {
    static func apiTokens(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE api_token (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT NOT NULL UNIQUE COLLATE NOCASE,
              token_hash TEXT NOT NULL UNIQUE,
              owner_id INTEGER NOT NULL REFERENCES editor_user(id),
              scopes TEXT NOT NULL,
              created_at DATETIME NOT NULL,
              expires_at DATETIME NOT NULL,
              revoked_at DATETIME,
              last_used_at DATETIME);
            """)
    }
}

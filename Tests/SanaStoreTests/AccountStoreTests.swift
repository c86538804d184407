import Foundation
import GRDB
import Testing
import SanaTestSupport
import SanaCore
@testable import SanaStore

/// Accounts, sessions, failed sign-ins and the audit log, on a real SQLite file.
@Suite struct AccountStoreTests {
    static let password = "a long enough secret"

    func make(_ clock: TestClock = TestClock()) throws -> (SQLiteStore, AccountStore, TemporaryFolder) {
        let folder = try TemporaryFolder("sana-accounts")
        let store = try SQLiteStore(path: folder.path("a.sqlite"), now: { clock.now })
        return (store, try store.accounts(bcryptCost: 4), folder)
    }

    @Test func addsListsAndRefusesBadAccounts() async throws {
        let (_, accounts, folder) = try make(); defer { folder.remove() }
        let ann = try await accounts.addUser(name: "ann", role: .reviewer, password: Self.password, by: "test")
        _ = try await accounts.addUser(name: "Bob", role: .writer, password: Self.password, by: "test")
        #expect(ann.role == .reviewer && !ann.disabled)
        #expect(try await accounts.users().map(\.name) == ["ann", "Bob"])
        await #expect(throws: AccountError.duplicateName("ANN")) {
            try await accounts.addUser(name: "ANN", role: .admin, password: Self.password, by: "test")
        }
        await #expect(throws: AccountError.passwordTooShort(minimum: 12)) {
            try await accounts.addUser(name: "cy", role: .admin, password: "short", by: "test")
        }
        for bad in ["", "has space", "<b>", "é", String(repeating: "x", count: 65)] {
            await #expect(throws: AccountError.invalidName(bad)) { try await accounts.addUser(name: bad, role: .admin, password: Self.password, by: "test") }
        }
        #expect(try await accounts.users().count == 2)
    }

    @Test func passwordsAreKeptOnlyAsBcryptHashes() async throws {
        let (_, accounts, folder) = try make(); defer { folder.remove() }
        _ = try await accounts.addUser(name: "ann", role: .writer, password: Self.password, by: "test")
        let hash = try #require(try await accounts.passwordHash(name: "ann"))
        #expect(hash.hasPrefix("$2") && !hash.contains(Self.password))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path("a.sqlite")))
            + ((try? Data(contentsOf: URL(fileURLWithPath: folder.path("a.sqlite-wal")))) ?? Data())
        #expect(bytes.range(of: Data(Self.password.utf8)) == nil, "the password is nowhere in the database files")
        #expect(try await accounts.verify(name: "ann", password: Self.password)?.name == "ann")
        #expect(try await accounts.verify(name: "ann", password: Self.password + "x") == nil)
        #expect(try await accounts.verify(name: "nobody", password: Self.password) == nil)
    }

    /// Made lazily, the decoy cost the first unknown name a second bcrypt: twice as long as a
    /// wrong password, so it said the name does not exist. The server makes it before it listens.
    @Test func theDecoyHashCanBeMadeBeforeTheFirstSignIn() async throws {
        let (_, accounts, folder) = try make(); defer { folder.remove() }
        #expect(!accounts.decoyIsMade)
        await accounts.prepareDecoy()
        #expect(accounts.decoyIsMade)
        #expect(try await accounts.verify(name: "nobody", password: Self.password) == nil)
    }

    @Test func sessionsAreKeptByTheHashOfTheirTokenAndExpire() async throws {
        let clock = TestClock()
        let (store, accounts, folder) = try make(clock); defer { folder.remove() }
        let ann = try await accounts.addUser(name: "ann", role: .editor, password: Self.password, by: "test")
        let started = try await accounts.startSession(for: ann, lifetime: 600)
        let ids = try await store.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM editor_session") }
        #expect(ids == [AccountStore.sessionID(started.token)] && ids[0] != started.token && ids[0].count == 64)
        clock.advance(300)
        let live = try #require(try await accounts.session(token: started.token))
        #expect(live.user == ann && live.csrfToken == started.session.csrfToken && live.lastSeenAt == clock.now)
        #expect(try await accounts.session(token: started.token + "x") == nil)
        clock.advance(301)
        #expect(try await accounts.session(token: started.token) == nil, "expired")
    }

    @Test func disablingEndsSessionsAndStopsSignIn() async throws {
        let (_, accounts, folder) = try make(); defer { folder.remove() }
        let ann = try await accounts.addUser(name: "ann", role: .writer, password: Self.password, by: "test")
        let one = try await accounts.startSession(for: ann, lifetime: 600)
        _ = try await accounts.startSession(for: ann, lifetime: 600)
        #expect(try await accounts.sessionCount(name: "ann") == 2)
        try await accounts.disable(name: "ann", by: "admin")
        #expect(try await accounts.sessionCount(name: "ann") == 0)
        #expect(try await accounts.session(token: one.token) == nil)
        #expect(try await accounts.verify(name: "ann", password: Self.password) == nil)
        #expect(try await accounts.user(named: "ann")?.disabled == true)
        await #expect(throws: AccountError.notFound("zed")) { try await accounts.disable(name: "zed", by: "admin") }
        #expect(try await accounts.auditLog(limit: 10).map(\.action) == ["user.disable", "user.add"])
    }

    @Test func failuresAreCountedByAccountAndAddress() async throws {
        let clock = TestClock()
        let (_, accounts, folder) = try make(clock); defer { folder.remove() }
        try await accounts.recordSignInFailure(account: "ann", address: "10.0.0.1")
        clock.advance(10)
        try await accounts.recordSignInFailure(account: "bob", address: "10.0.0.1")
        let failures = try await accounts.signInFailures(account: "ANN", address: "10.0.0.1", since: clock.now.addingTimeInterval(-60))
        #expect(failures.account.count == 1 && failures.address.count == 2)
        try await accounts.clearSignInFailures(account: "ann")
        #expect(try await accounts.signInFailures(account: "ann", address: "10.0.0.1", since: .distantPast).account.isEmpty)
    }

    @Test func theAuditLogIsAppendOnly() async throws {
        let (store, accounts, folder) = try make(); defer { folder.remove() }
        let entry = AuditEntry(at: Date(timeIntervalSince1970: 1_800_000_000), actor: "ann", action: "draft.create", articleID: "a1", fromRevision: nil, toRevision: 1)
        try await accounts.appendAudit(entry)
        #expect(try await accounts.auditLog(limit: 5) == [entry])
        #expect(try await accounts.articleIDs(touchedBy: "ann", actionPrefix: "draft.") == ["a1"])
        #expect(try await accounts.articleIDs(touchedBy: "bob", actionPrefix: "draft.").isEmpty)
        for sql in ["UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"] {
            #expect(throws: DatabaseError.self) { try store.writer.write { db in try db.execute(sql: sql) } }
        }
        #expect(try await accounts.auditLog(limit: 5) == [entry])
    }
}

/// The editors' lists every `ArticleStore` must answer alike.
@Suite struct EditorListsTests {
    @Test(arguments: StoreKind.allCases)
    func listsByStatusAndReviewsDue(kind: StoreKind) async throws {
        let made = try kind.make(); defer { made.remove() }
        let store = made.store
        func dated(_ n: Int, _ status: ArticleStatus, updated: TimeInterval, due: TimeInterval?) -> Article {
            var a = article(n, status: status)
            a.updatedAt = Date(timeIntervalSince1970: updated)
            a.nextReviewDue = due.map { Date(timeIntervalSince1970: $0) }
            return a
        }
        _ = try await store.write([
            dated(1, .draft, updated: 1_700_000_100, due: nil), dated(2, .draft, updated: 1_700_000_300, due: nil),
            dated(3, .inReview, updated: 1_700_000_200, due: nil), dated(4, .published, updated: 1_700_000_000, due: 1_750_000_000),
            dated(5, .published, updated: 1_700_000_000, due: 1_740_000_000), dated(6, .published, updated: 1_700_000_000, due: 1_900_000_000),
            dated(7, .archived, updated: 1_700_000_000, due: 1_700_000_500), dated(8, .published, updated: 1_700_000_000, due: nil),
        ], skipInvalid: false, dryRun: false)
        #expect(try await store.articles(withStatus: .draft, limit: 10).map(\.id) == ["a2", "a1"])
        #expect(try await store.articles(withStatus: .draft, limit: 1).map(\.id) == ["a2"])
        #expect(try await store.articles(withStatus: .inReview, limit: 10).map(\.id) == ["a3"])
        let due = try await store.reviewsDue(before: Date(timeIntervalSince1970: 1_800_000_000), limit: 10)
        #expect(due.map(\.id) == ["a5", "a4"], "published only, most overdue first")
    }
}

/// API tokens: kept hashed, scoped, expiring, revocable, their last use recorded once a minute.
@Suite struct APITokenStoreTests {
    @Test func tokensOpenUntilTheyExpireOrAreRevoked() async throws {
        let folder = try TemporaryFolder("sana-tokens"); defer { folder.remove() }
        let clock = TestClock()
        let store = try SQLiteStore(path: folder.path("t.sqlite"), now: { clock.now })
        let accounts = try store.accounts(bcryptCost: 4)
        try await accounts.addUser(name: "wendy", role: .writer, password: "a very long password", by: "test")
        let tokens = APITokenStore(sharingDatabaseOf: accounts)
        let issued = try await tokens.add(name: "clinic", scopes: [.write], owner: "wendy", expiresInDays: 2, by: "ada")
        #expect(issued.secret.hasPrefix("sana_"))
        let first = try #require(try await tokens.authenticate(issued.secret))
        #expect(first.owner == "wendy" && first.scopes == [.write] && first.lastUsedAt == clock.now)
        clock.advance(30)
        #expect(try await tokens.authenticate(issued.secret)?.lastUsedAt == first.lastUsedAt, "not written again within a minute")
        clock.advance(60)
        #expect(try await tokens.authenticate(issued.secret)?.lastUsedAt == clock.now)
        #expect(try await tokens.authenticate(issued.secret + "x") == nil)
        #expect(try await tokens.authenticate("not-a-token") == nil)
        clock.advance(2 * 86_400)
        #expect(try await tokens.authenticate(issued.secret) == nil, "expired")

        let other = try await tokens.add(name: "mirror", scopes: [.readDrafts], owner: "wendy", by: "ada")
        try await tokens.revoke(id: other.token.id, by: "ada")
        #expect(try await tokens.authenticate(other.secret) == nil, "revoked")
        await #expect(throws: APITokenError.duplicateName("Clinic")) { try await tokens.add(name: "Clinic", scopes: [.write], owner: "wendy", by: "ada") }
        await #expect(throws: APITokenError.noScopes) { try await tokens.add(name: "none", scopes: [], owner: "wendy", by: "ada") }
        await #expect(throws: APITokenError.noOwner("nobody")) { try await tokens.add(name: "x", scopes: [.write], owner: "nobody", by: "ada") }
        let live = try await tokens.add(name: "live", scopes: [.write], owner: "wendy", by: "ada")
        try await accounts.disable(name: "wendy", by: "ada")
        #expect(try await tokens.authenticate(live.secret) == nil, "its owner is disabled")
        let audit = try await accounts.auditLog(limit: 20).map(\.action)
        #expect(audit.filter { $0 == "token.add" }.count == 3 && audit.contains("token.revoke"))
    }
}

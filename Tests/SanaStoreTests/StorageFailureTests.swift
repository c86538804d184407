import Foundation
import GRDB
import Testing
import SanaCore
@testable import SanaStore

@Suite struct StorageFailureTests {
    /// Another connection holds a write transaction: the write gives up after the busy timeout
    /// with a failure the command line can name, and leaves the stored articles as they were.
    @Test func aLockedDatabaseIsAStorageFailureAndWritesNothing() async throws {
        let (store, path, folder) = try temporarySQLiteStore(busyTimeout: 0.1); defer { folder.remove() }
        _ = try await store.write([article(1)], skipInvalid: false, dryRun: false)
        var config = Configuration()
        config.allowsUnsafeTransactions = true  // to hold the transaction open between accesses
        let other = try DatabaseQueue(path: path, configuration: config)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        do {
            _ = try await store.write([article(1, body: "Changed."), article(2)], skipInvalid: false, dryRun: false)
            Issue.record("the write should have failed")
        } catch {
            let failure = try #require(StorageFailure(error), "\(error)")
            #expect(failure.kind == .locked)
            #expect(failure.description.hasPrefix("the database is locked by another process"))
        }
        try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        #expect(try await store.article(id: "a1")?.body == article(1).body)
        #expect(try await store.article(id: "a2") == nil)
    }

    @Test func otherErrorsAreNotStorageFailures() {
        #expect(StorageFailure(StoreError.notFound(id: "x")) == nil)
        #expect(StorageFailure(DatabaseError(resultCode: .SQLITE_FULL))?.kind == .diskFull)
        #expect(StorageFailure(DatabaseError(resultCode: .SQLITE_READONLY))?.kind == .readOnly)
        #expect(StorageFailure(DatabaseError(resultCode: .SQLITE_CONSTRAINT)) == nil)
    }
}

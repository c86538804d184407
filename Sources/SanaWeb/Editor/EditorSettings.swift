import Foundation
import SanaStore

/// What the editorial side needs besides the article store: the accounts and revisions, how its cookies are
/// sent and how long they last, how failed sign-ins are slowed down, and the clock.
public struct EditorSettings: Sendable {
    public var accounts: AccountStore
    /// The review workflow's revisions, in the accounts' database.
    public var revisions: RevisionStore
    /// The searches that found nothing (good), counted by `SearchBacklogRecorder`.
    public var backlog: SearchBacklog
    /// Adds `Secure` to the cookies: true when the site is served over HTTPS (`--public-url https://…`).
    public var secureCookies: Bool
    /// Seconds a session lasts from sign-in.
    public var sessionLifetime: TimeInterval
    public var throttle: SignInThrottle
    public var now: @Sendable () -> Date

    public init(accounts: AccountStore, secureCookies: Bool, sessionLifetime: TimeInterval = 8 * 3_600,
                throttle: SignInThrottle = SignInThrottle(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.accounts = accounts
        revisions = RevisionStore(sharingDatabaseOf: accounts)
        backlog = SearchBacklog(sharingDatabaseOf: accounts)
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.throttle = throttle
        self.now = now
    }
}

/// Growing delays after failed sign-ins: once an account (the name typed, existing or not) or
/// an address has `threshold` failures within `window`, it must wait `baseDelay` after the last
/// one, doubling with every further failure, up to `maxDelay`. Addresses get a higher threshold:
/// several people may share one.
public struct SignInThrottle: Sendable, Equatable {
    public var accountThreshold = 5
    public var addressThreshold = 20
    public var window: TimeInterval = 15 * 60
    public var baseDelay: TimeInterval = 30
    public var maxDelay: TimeInterval = 15 * 60

    public init() {}

    /// Whole seconds until a sign-in may be tried again, or nil when it may be tried now.
    public func retryAfter(_ failures: SignInFailures, now: Date) -> Int? {
        let waits = [wait(failures.account, threshold: accountThreshold, now: now), wait(failures.address, threshold: addressThreshold, now: now)]
        return waits.compactMap { $0 }.max()
    }

    private func wait(_ times: [Date], threshold: Int, now: Date) -> Int? {
        let recent = times.filter { $0 > now.addingTimeInterval(-window) && $0 <= now }
        guard recent.count >= threshold, let last = recent.max() else { return nil }
        let doublings = min(recent.count - threshold, 30)
        let delay = min(maxDelay, baseDelay * pow(2, Double(doublings)))
        let remaining = last.addingTimeInterval(delay).timeIntervalSince(now)
        return remaining > 0 ? Int(remaining.rounded(.up)) : nil
    }
}

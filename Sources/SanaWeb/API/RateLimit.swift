import Foundation
import Hummingbird
import Synchronization

/// Requests allowed per client: a bucket of `burst` requests per key, refilled at `perMinute`
/// a minute. A key is a client address (and, once tokens exist, a token). Keys idle long enough
/// to be full again are forgotten, so memory stays bounded by the clients of the last minutes.
public final class RateLimiter: Sendable {
    public let perMinute: Double
    public let burst: Double
    let now: @Sendable () -> Date
    private let buckets = Mutex<[String: Bucket]>([:])

    struct Bucket { var tokens: Double; var at: Date }

    public init(perMinute: Double = 120, burst: Double = 60, now: @escaping @Sendable () -> Date = { Date() }) {
        self.perMinute = perMinute
        self.burst = burst
        self.now = now
    }

    /// Takes one request from `key`'s bucket: nil when allowed, else whole seconds to wait.
    public func take(_ key: String) -> Int? {
        let at = now()
        let rate = perMinute / 60
        return buckets.withLock { buckets in
            if buckets.count > 10_000 {
                buckets = buckets.filter { $0.value.tokens + at.timeIntervalSince($0.value.at) * rate < burst }
            }
            var bucket = buckets[key] ?? Bucket(tokens: burst, at: at)
            bucket.tokens = min(burst, bucket.tokens + max(0, at.timeIntervalSince(bucket.at)) * rate)
            bucket.at = at
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return nil
        }
    }
}

/// 429 with `Retry-After` when the client's address has used its requests.
struct RateLimitMiddleware: RouterMiddleware {
    let limiter: RateLimiter

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        if let wait = limiter.take("address:" + context.clientAddress) {
            throw ProblemDetails(status: .tooManyRequests, detail: "Too many requests from this address; try again in \(wait) seconds.",
                                 headers: ["Retry-After": String(wait)])
        }
        return try await next(request, context)
    }
}

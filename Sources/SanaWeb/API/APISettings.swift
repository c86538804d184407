/// How the API counts its clients: requests allowed per client address, and the proxies
/// trusted to name the client in `X-Forwarded-For` (none by default: the socket's peer is the client).
public struct APISettings: Sendable {
    public var limiter: RateLimiter
    public var trustedProxies: [AddressBlock]

    public init(limiter: RateLimiter = RateLimiter(), trustedProxies: [AddressBlock] = []) {
        self.limiter = limiter
        self.trustedProxies = trustedProxies
    }
}

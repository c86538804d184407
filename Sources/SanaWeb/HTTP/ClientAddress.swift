import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// A block of IP addresses (`10.0.0.0/8`, `::1/128`, or one address), IPv4 or IPv6.
public struct AddressBlock: Sendable, Equatable, CustomStringConvertible {
    let bytes: [UInt8]
    let prefix: Int
    public let description: String

    /// Nil when `text` is not an address with an optional `/prefix` in range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.bytes(of: first) else { return nil }
        let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let prefix, (0...bytes.count * 8).contains(prefix) else { return nil }
        self.bytes = bytes
        self.prefix = prefix
        description = text
    }

    public func contains(_ address: String) -> Bool {
        guard let other = Self.bytes(of: address), other.count == bytes.count else { return false }
        var left = prefix
        for (a, b) in zip(bytes, other) where left > 0 {
            let bits = min(8, left)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            left -= bits
        }
        return true
    }

    /// The address's bytes: 4 for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address counts as IPv4).
    static func bytes(of address: String) -> [UInt8]? {
        var text = address.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes.suffix(4)) }
        return bytes
    }
}

/// Settles who sent each request, once, for everything that counts by client (the API's rate
/// limit, the editor's sign-in delays): the socket's peer, unless the peer is a trusted proxy;
/// then the right-most address in `X-Forwarded-For` that is not itself a trusted proxy (the
/// left part of that header is whatever the client wrote, so it is never believed).
struct ClientAddressMiddleware: RouterMiddleware {
    let trustedProxies: [AddressBlock]

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.client(peer: context.remoteAddress, forwardedFor: request.headers[values: .init("X-Forwarded-For")!],
                                            trusted: trustedProxies)
        return try await next(request, context)
    }

    static func client(peer: String?, forwardedFor: [String], trusted: [AddressBlock]) -> String {
        guard let peer else { return "unknown" }
        func isTrusted(_ a: String) -> Bool { trusted.contains { $0.contains(a) } }
        guard isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !isTrusted(hop) {
            // A hop that is not an address is something a client made up: count the request by the proxy.
            return AddressBlock.bytes(of: hop) == nil ? peer : hop
        }
        return hops.first ?? peer
    }
}

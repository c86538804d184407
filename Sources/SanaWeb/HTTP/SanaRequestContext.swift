import Hummingbird
import NIOCore

/// The request context of every Sana route and middleware: Hummingbird's core storage (logger,
/// route parameters) and the client's address (the editor's sign-in delays count failures by it,
/// the API's rate limit counts requests by it).
/// The editor's routes derive their own context from it (`EditorRequestContext`).
public struct SanaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil when the channel has none (router tests).
    public var remoteAddress: String?
    /// Who sent the request, as `ClientAddressMiddleware` settled it: the peer, or the address a
    /// trusted proxy forwarded for; "unknown" when there is none.
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = remoteAddress ?? "unknown"
    }
}

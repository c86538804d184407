import Hummingbird

/// The request context of every Sana route and middleware. Today it holds only Hummingbird's
/// core storage (logger, route parameters); what a signed-in editor or an API client brings
/// (identity, session) will be added here when those front ends arrive.
public struct SanaRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

import Hummingbird
import HummingbirdAuth
import SanaStore

/// The context of every `/editor` route: the site's, plus the session its cookie names (the
/// identity, set by `EditorSessionMiddleware`) and the form the request posted.
public struct EditorRequestContext: ChildRequestContext, AuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: EditorSession?
    /// The cookie's token, when it names a live session (to end it on sign-out).
    var sessionToken: String?
    /// The key sign-in failures are counted under for this client (see `ClientAddressMiddleware`).
    var clientAddress: String
    /// The URL-encoded body of a POST, read once by `EditorAccessMiddleware`.
    var form = FormQuery(nil)

    public init(context: SanaRequestContext) throws {
        coreContext = context.coreContext
        clientAddress = context.clientAddress
    }
}

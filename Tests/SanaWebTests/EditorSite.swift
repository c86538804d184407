import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import SanaSearch
import SanaStore
import SanaTestSupport
import Testing
@testable import SanaWeb

/// A clock the editor tests move by hand: no test waits.
final class ManualClock: Sendable {
    private let seconds = Mutex<TimeInterval>(1_800_000_000)
    var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
    func advance(_ by: TimeInterval) { seconds.withLock { $0 += by } }
}

/// The site with its editorial side over a real SQLite file; accounts hash with bcrypt's
/// minimum cost so the tests stay fast.
struct EditorSite {
    static let password = "correct horse battery"
    let folder: TemporaryFolder
    let store: SQLiteStore
    let accounts: AccountStore
    let clock = ManualClock()
    let settings: EditorSettings

    init(secureCookies: Bool = false) throws {
        folder = try TemporaryFolder("sana-editor")
        let clock = self.clock
        store = try SQLiteStore(path: folder.path("site.sqlite"), now: { clock.now })
        accounts = try store.accounts(bcryptCost: 4)
        settings = EditorSettings(accounts: accounts, secureCookies: secureCookies, sessionLifetime: 3_600, now: { clock.now })
    }

    /// `revisionCheckInterval` 0: public pages show a change at once, for tests that publish.
    func application(revisionCheckInterval: Double = 2, index: SearchIndex = SearchIndex(englishWords: .none),
                     backlog: SearchBacklogRecorder? = nil, api: APISettings = APISettings()) async throws -> some ApplicationProtocol {
        try Application(router: buildRouter(store: store, renderer: try await PageRenderer(), index: index,
                                        revisionCheckInterval: revisionCheckInterval, editor: settings, backlog: backlog, api: api))
    }

    /// A backlog recorder over this site's database and clock that never flushes by itself.
    func backlogRecorder(batchSize: Int = 1_000) -> SearchBacklogRecorder {
        let clock = self.clock
        return SearchBacklogRecorder(backlog: settings.backlog, interval: .seconds(3_600), batchSize: batchSize, now: { clock.now })
    }

    func remove() { folder.remove() }
}

/// The `Set-Cookie` lines of a response by cookie name.
func setCookies(_ response: TestResponse) -> [String: String] {
    var out: [String: String] = [:]
    for line in response.headers[values: .setCookie] {
        let name = String(line.prefix { $0 != "=" })
        out[name] = line
    }
    return out
}

/// The value a `Set-Cookie` line sets.
func cookieValue(_ line: String?) -> String? {
    guard let line, let eq = line.firstIndex(of: "=") else { return nil }
    return String(line[line.index(after: eq)...].prefix { $0 != ";" })
}

func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    return ByteBuffer(string: text)
}

extension TestClientProtocol {
    /// POSTs a form, with cookies.
    func post(_ uri: String, _ fields: [(String, String)], cookies: [String: String] = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await execute(uri: uri, method: .post, headers: headers, body: formBody(fields))
    }

    func get(_ uri: String, cookies: [String: String] = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Signs in through the form as a browser would; the response to the POST.
    func signIn(_ name: String, _ password: String) async throws -> TestResponse {
        let form = try await get(EditorPath.signIn)
        let token = try #require(cookieValue(setCookies(form)[EditorCookies.signIn]))
        return try await post(EditorPath.signIn, [("csrf", token), ("name", name), ("password", password)], cookies: [EditorCookies.signIn: token])
    }
}

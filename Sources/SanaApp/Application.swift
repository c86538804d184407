import Foundation
import Hummingbird
import Logging
import SanaIngest
import SanaSearch
import SanaStore
import SanaWeb

/// The application `sana serve` runs, put together from its configuration: the site over the
/// store and the index, and an `IndexFollower` applying what other processes write to the store.
/// `runService()` shuts down gracefully on SIGINT and SIGTERM.
public func buildApplication(configuration: SanaConfiguration, store: some ArticleStore, accounts: AccountStore? = nil,
                             englishWords: EnglishWords, logger: Logger) async throws -> some ApplicationProtocol {
    // From the index file beside the database when it is usable, caught up with the changes
    // since; else rebuilt (the follower saves it once the server answers).
    let indexFile = indexFilePath(database: configuration.database)
    // The decoy password hash (a bcrypt's time, see `AccountStore`) is made while the index loads.
    async let decoyMade: Void? = accounts?.prepareDecoy()
    let loaded = try await loadSearchIndex(from: store, file: indexFile, englishWords: englishWords, logger: logger)
    let index = loaded.index
    warmUp(index)
    logger.info("Search index ready: \(index.count) published articles")
    let follower = IndexFollower(store: store, index: index, position: loaded.position, interval: configuration.followIntervalDuration,
                                 indexFile: indexFile, savedPosition: loaded.savedPosition, logger: logger)
    let renderer = try await PageRenderer(siteURL: configuration.siteURL)
    let editor = accounts.map { EditorSettings(accounts: $0, secureCookies: configuration.servesHTTPS) }
    _ = await decoyMade
    // Unanswered searches are counted where the accounts are, for the editors' backlog; the
    // recorder writes them in batches as a service, and once more at shutdown.
    let backlog = editor.map { SearchBacklogRecorder(backlog: $0.backlog, logger: logger) }
    let router = try buildRouter(store: store, renderer: renderer, index: index, editor: editor, backlog: backlog,
                                 api: APISettings(limiter: configuration.apiRateLimiter, trustedProxies: configuration.trustedProxyBlocks))
    let limits = configuration.connectionLimits
    return Application(router: router, server: limits.server,
                       configuration: limits.configuration(address: .hostname(configuration.host, port: configuration.port), logger: logger),
                       services: [follower] + (backlog.map { [$0] } ?? []), logger: logger)
}

/// Asks the engine a few questions before the server opens, so what a first search touches
/// (tables built on first use, memory not yet paged in) is ready and `/health` means fast too.
func warmUp(_ index: SearchIndex) {
    index.prepareWindowBounds()
    for question in ["What causes high blood pressure?", "how is diabetes treatd in children", "side effects of ibuprofen"] {
        _ = index.search(question)
    }
    _ = index.suggest("diab")
}

/// Fills an empty store with the bundled sample articles when the configuration asks for them
/// (`sana serve` on a fresh machine: one command, a site with articles); returns what it loaded.
public func loadSampleArticles(into store: some ArticleStore, configuration: SanaConfiguration) async throws -> ImportSummary? {
    configuration.loadSample ? try await SampleArticles.loadIfEmpty(into: store) : nil
}

/// Debian's English word lists for spelling correction, or none: then `warn` is told, once per
/// call (the app calls this once at start-up), and correction uses the articles' words alone.
public func installedEnglishWords(warn: (String) -> Void) -> EnglishWords {
    if let words = EnglishWords.installed { return words }
    let paths = EnglishWords.systemPaths.joined(separator: ", ")
    warn("sana: no English word list at \(paths) (Debian packages wamerican, wbritish); spelling correction may change real words that no article uses")
    return .none
}

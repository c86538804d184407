import Foundation
import Logging
import SanaSearch
import SanaStore
import ServiceLifecycle

/// Counts the public searches Sana could not answer (the answers page's, and the JSON API's
/// through the same call) into `SearchBacklog`, without slowing them: a search only adds to a
/// buffer in this actor; the buffer is written in one transaction when it holds `batchSize`
/// questions, every `interval` while the app's service group runs it, and once more at shutdown.
/// Tests call `flush()` themselves. Only the question and the day are kept, never who asked.
public actor SearchBacklogRecorder: Service {
    private let backlog: SearchBacklog
    private let interval: Duration
    private let batchSize: Int
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var pending: [SearchBacklog.Key: (count: Int, reason: BacklogReason)] = [:]
    private var flushStarted = false

    /// Distinct questions held at most while the database cannot be written; beyond it new
    /// questions are dropped (counts of those held still grow), so memory stays bounded.
    public static let maxPending = 10_000

    public init(backlog: SearchBacklog, interval: Duration = .seconds(30), batchSize: Int = 500,
                now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "sana.backlog")) {
        self.backlog = backlog
        self.interval = interval
        self.batchSize = max(1, batchSize)
        self.now = now
        self.logger = logger
    }

    /// Why a search belongs in the backlog, or nil when it was answered.
    public static func reason(for response: SearchResponse) -> BacklogReason? {
        if response.results.isEmpty { return .nothingFound }
        if response.noGoodAnswer { return .noGoodAnswer }
        if response.focusWithoutArticle != nil { return .unpublishedOnly }
        return nil
    }

    /// Counts `question` when `reason` says it went unanswered.
    public func record(question: String, reason: BacklogReason?) {
        guard let reason else { return }
        let text = SearchBacklog.normalise(question)
        guard !text.isEmpty else { return }
        let key = SearchBacklog.Key(question: text, day: SearchBacklog.day(now()))
        if let held = pending[key] {
            pending[key] = (held.count + 1, reason)
        } else if pending.count < Self.maxPending {
            pending[key] = (1, reason)
        }
        if pending.count >= batchSize && !flushStarted {
            flushStarted = true
            Task { await self.flushLogging() }
        }
    }

    /// How many questions wait to be written.
    public var pendingCount: Int { pending.count }

    /// Writes what the buffer holds. On failure the counts go back into the buffer, to be tried
    /// with the next batch, and the error is thrown.
    public func flush() async throws {
        flushStarted = false
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = [:]
        do {
            try await backlog.add(batch, today: now())
        } catch {
            for (key, value) in batch {
                if let held = pending[key] { pending[key] = (held.count + value.count, held.reason) }
                else if pending.count < Self.maxPending { pending[key] = value }
            }
            throw error
        }
    }

    private func flushLogging() async {
        do { try await flush() } catch { logger.error("Search backlog: could not write \(pending.count) questions: \(error)") }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: self.interval) } catch { break }
                await self.flushLogging()
            }
        }
        // Shutdown: the server has stopped taking searches (the service group stops it first).
        // In a task of its own: a cancelled run must still write (the database refuses a
        // cancelled task's write).
        await Task { await self.flushLogging() }.value
    }
}

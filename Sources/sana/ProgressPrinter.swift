import Foundation
import Synchronization
import SanaIngest

/// Shows import progress on standard error: a redrawn bar on a terminal, a plain line every few
/// seconds otherwise (logs, CI).
final class ProgressPrinter: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    /// When the bar or line was last written, and whether a bar is on screen.
    private let drawn = Mutex((lastDraw: Date.distantPast, bar: false))

    func update(_ p: ImportProgress) {
        drawn.withLock { drawn in
            let now = Date()
            let interval: TimeInterval = isTerminal ? 0.1 : 2
            guard now.timeIntervalSince(drawn.lastDraw) >= interval || p.done == p.total else { return }
            drawn.lastDraw = now
            let elapsed = max(now.timeIntervalSince(start), 0.001)
            let rate = Double(p.done) / elapsed
            let eta = rate > 0 ? Double(p.total - p.done) / rate : 0
            let unit = p.phase == .reading ? "files" : "articles"
            let figures = "\(p.done)/\(p.total) \(unit)  \(Int(rate))/s  ETA \(Int(eta.rounded(.up)))s"
            if isTerminal {
                let width = 30
                let filled = p.total > 0 ? width * p.done / p.total : width
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                FileHandle.standardError.write(Data("\r\(p.phase.rawValue) [\(bar)] \(figures)\u{1B}[K".utf8))
                drawn.bar = true
            } else {
                FileHandle.standardError.write(Data("\(p.phase.rawValue): \(figures)\n".utf8))
            }
        }
    }

    func finish() {
        drawn.withLock { if $0.bar { FileHandle.standardError.write(Data("\n".utf8)); $0.bar = false } }
    }
}

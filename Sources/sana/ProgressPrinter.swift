import Foundation
import SanaIngest

/// Shows import progress on standard error: a redrawn bar on a terminal, a plain line every few
/// seconds otherwise (logs, CI).
final class ProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drewBar = false

    func update(_ p: ImportProgress) {
        lock.withLock {
            let now = Date()
            let interval: TimeInterval = isTerminal ? 0.1 : 2
            guard now.timeIntervalSince(lastDraw) >= interval || p.done == p.total else { return }
            lastDraw = now
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
                drewBar = true
            } else {
                FileHandle.standardError.write(Data("\(p.phase.rawValue): \(figures)\n".utf8))
            }
        }
    }

    func finish() {
        lock.withLock { if drewBar { FileHandle.standardError.write(Data("\n".utf8)); drewBar = false } }
    }
}

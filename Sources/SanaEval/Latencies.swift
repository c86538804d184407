/// Timings in milliseconds and their percentiles by the nearest-rank rule: the one way Sana's
/// commands (`sana eval`, `sana bench-search`) report latency.
public struct Latencies: Sendable {
    private let sorted: [Double]

    public init(_ milliseconds: [Double]) { sorted = milliseconds.sorted() }

    public var count: Int { sorted.count }

    /// The smallest timing that at least fraction `p` of all timings do not exceed; 0 for none.
    public func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    /// The duration in milliseconds, as a `Double`.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

import Foundation

/// Cutting `count` items into contiguous runs for parallel workers.
///
/// Every range is non-empty, they are in order, and together they cover `0..<count` exactly,
/// whatever `count` and `parts` are: ceil-sized chunks alone can leave trailing chunks that start
/// past the end (with 16 cores and 2,000 items, 64 chunks of 32), which is how the index once
/// trapped on every machine with more than two cores.
public enum WorkSplit {
    public static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let n = min(max(1, parts), count)
        let base = count / n, extra = count % n
        var out: [Range<Int>] = []
        out.reserveCapacity(n)
        var start = 0
        for i in 0..<n {
            let end = start + base + (i < extra ? 1 : 0)
            out.append(start..<end)
            start = end
        }
        return out
    }

    /// The cores this process may use (Foundation reads the cgroup's cpuset on Linux).
    public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

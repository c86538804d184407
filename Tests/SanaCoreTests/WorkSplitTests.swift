import Testing
import SanaCore

@Suite struct WorkSplitTests {
    /// Every count against every number of parts: non-empty runs, in order, covering all items once.
    @Test(arguments: [0, 1, 2, 63, 64, 65, 127, 2000, 2001])
    func runsCoverEveryItemOnce(count: Int) {
        for parts in [0, 1, 2, 3, 4, 7, 12, 16, 28, 64, 256, 4096] {
            let runs = WorkSplit.ranges(count: count, parts: parts)
            #expect(runs.count == min(max(1, parts), count), "count \(count), parts \(parts)")
            #expect(runs.allSatisfy { !$0.isEmpty })
            #expect(runs.flatMap { Array($0) } == Array(0..<count), "count \(count), parts \(parts)")
            // Balanced: no run is more than one item longer than another.
            if let longest = runs.map(\.count).max(), let shortest = runs.map(\.count).min() {
                #expect(longest - shortest <= 1)
            }
        }
    }
}

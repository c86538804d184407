/// A line-based diff: the longest common subsequence of two texts' lines, after the common
/// beginning and end are set aside. Past `maxCells` comparisons the middle is shown as removed
/// then added, so a huge rewrite cannot hold a request for long.
enum LineDiff {
    enum Change: String, Equatable { case same, removed, added }

    static let maxCells = 4_000_000

    static func lines(from old: [String], to new: [String]) -> [(change: Change, text: String)] {
        var start = 0
        while start < old.count, start < new.count, old[start] == new[start] { start += 1 }
        var endOld = old.count, endNew = new.count
        while endOld > start, endNew > start, old[endOld - 1] == new[endNew - 1] { endOld -= 1; endNew -= 1 }
        let a = Array(old[start..<endOld]), b = Array(new[start..<endNew])
        var out = old[..<start].map { (Change.same, $0) }
        if a.count * b.count > maxCells {
            out += a.map { (.removed, $0) } + b.map { (.added, $0) }
        } else {
            out += middle(a, b)
        }
        return out + old[endOld...].map { (.same, $0) }
    }

    /// The classic table: `lcs[i][j]` is the common length of `a[i...]` and `b[j...]`.
    private static func middle(_ a: [String], _ b: [String]) -> [(change: Change, text: String)] {
        let width = b.count + 1
        var lcs = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i * width + j] = a[i] == b[j] ? lcs[(i + 1) * width + j + 1] + 1 : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
            }
        }
        var out: [(change: Change, text: String)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { out.append((.same, a[i])); i += 1; j += 1 }
            // Removed lines before added ones, as unified diffs show them.
            else if i < a.count, j == b.count || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] { out.append((.removed, a[i])); i += 1 }
            else { out.append((.added, b[j])); j += 1 }
        }
        return out
    }
}

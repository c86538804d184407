import Testing
@testable import SanaWeb

@Suite struct LineDiffTests {
    func render(_ old: [String], _ new: [String]) -> [String] {
        LineDiff.lines(from: old, to: new).map { line in
            (line.change == .same ? " " : line.change == .added ? "+" : "-") + line.text
        }
    }

    @Test func keepsCommonLinesAndMarksTheRest() {
        #expect(render(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"]) == [" a", "-b", "+x", " c", " d", "+e"])
        #expect(render([], ["a"]) == ["+a"])
        #expect(render(["a"], []) == ["-a"])
        #expect(render(["same"], ["same"]) == [" same"])
    }

    @Test func aHugeRewriteIsShownAsRemovedThenAdded() {
        let old = (0..<2_100).map { "old \($0)" }, new = (0..<2_100).map { "new \($0)" }
        let lines = LineDiff.lines(from: old, to: new)
        #expect(lines.count == 4_200 && lines.first?.change == .removed && lines.last?.change == .added)
    }
}

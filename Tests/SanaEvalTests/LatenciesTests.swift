import Testing
import SanaEval

@Suite struct LatenciesTests {
    /// Nearest rank: p50 of 1…100 is 50, p99 is 99, p100 the largest; order of input is irrelevant.
    @Test func nearestRank() {
        let l = Latencies((1...100).reversed().map(Double.init))
        #expect(l.percentile(0.5) == 50)
        #expect(l.percentile(0.99) == 99)
        #expect(l.percentile(1) == 100)
        #expect(l.percentile(0) == 1)
    }

    @Test func fewAndNoTimings() {
        #expect(Latencies([]).percentile(0.99) == 0)
        #expect(Latencies([7]).percentile(0.5) == 7)
        // With 54 timings p99 is the largest (rank 54), not the 53rd.
        #expect(Latencies((1...54).map(Double.init)).percentile(0.99) == 54)
        #expect(Latencies([3, 1, 2]).percentile(0.5) == 2)
    }

    @Test func durationsInMilliseconds() {
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
        #expect(Duration.microseconds(250).milliseconds == 0.25)
    }
}

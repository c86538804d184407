import Foundation
import Synchronization
import Testing
import SanaCore
@testable import SanaSearch

/// Searches read a published snapshot; the writer changes its own copy and publishes it whole.
@Suite struct WriterAndReadersTests {
    static func batch(_ name: String, _ n: Int) -> [Article] {
        (0..<n).map { i in
            article("\(name)\(i)", "What is \(name) \(i)?", "## Symptoms\n\n\(name.capitalized) \(i) brings quorble rashes.",
                    focus: "\(name.capitalized) \(i)")
        }
    }

    /// A bulk load's batches held back stay unseen, by searches and suggestions alike, until
    /// published together; a later batch then copies nothing the snapshot shares.
    @Test func heldBackBatchesAppearTogetherWhenPublished() {
        let index = indexed()
        let before = index.count
        index.update(Self.batch("quaxil", 4), publish: false)
        index.update(Self.batch("vorpit", 4), publish: false)
        #expect(index.search("quaxil vorpit quorble").total == 0)
        #expect(index.count == before && index.suggest("quax").isEmpty)
        index.publish()
        let found = index.search("quaxil vorpit quorble", limit: 20).results.map(\.id)
        #expect(found.filter { $0.hasPrefix("quaxil") }.count == 4 && found.filter { $0.hasPrefix("vorpit") }.count == 4)
        #expect(index.count == before + 8 && !index.suggest("quax").isEmpty)
    }

    /// A write held open half way through its batch does not hold up a search, and the search
    /// sees none of the batch; once published, all of it.
    @Test func searchesRunWhileAWriteIsUnfinishedAndSeeNoneOfIt() {
        let index = indexed()
        let generation = index.generation
        let batch = Self.batch("zorbid", 6)
        let prepared = ArticleAnalysis.prepareInParallel(batch, workers: 1)
        let halfWay = DispatchSemaphore(value: 0), goOn = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        Thread {
            index.writer.write { state in
                for (a, p) in zip(batch, prepared).prefix(3) { state.replace(a.id, with: p) }
                halfWay.signal()
                goOn.wait()
                for (a, p) in zip(batch, prepared).dropFirst(3) { state.replace(a.id, with: p) }
            }
            finished.signal()
        }.start()
        halfWay.wait()
        // The writer holds its lock with half the batch in its copy.
        let during = index.search("zorbid quorble")
        #expect(during.total == 0)
        #expect(index.count == corpus.count)
        #expect(index.generation == generation)
        #expect(index.suggest("zorb").isEmpty)
        #expect(index.search("gallstones").results.first?.id != nil)
        goOn.signal()
        finished.wait()
        #expect(index.search("zorbid quorble").total == 6)
        #expect(index.count == corpus.count + 6)
        #expect(index.generation == generation + 1)
        #expect(index.suggest("zorb", limit: 20).filter { $0.slug == nil }.count == 6)
    }

    /// Searches on other threads while batches are published: each sees whole batches only.
    @Test func concurrentSearchesSeeWholeBatches() {
        let index = indexed()
        let batches = (0..<12).map { Self.batch("wibble\($0)x", 4) }
        let done = DispatchSemaphore(value: 0)
        Thread {
            for b in batches { index.update(b) }
            done.signal()
        }.start()
        var seen: [Int] = []
        while done.wait(timeout: .now()) == .timedOut {
            let found = index.search("quorble", limit: 100).total
            #expect(found % 4 == 0, "a search saw part of a batch: \(found) articles")
            seen.append(found)
        }
        #expect(index.search("quorble", limit: 100).total == 48)
        #expect(seen == seen.sorted(), "a later search saw fewer articles")
    }

    /// Score arrays are borrowed per search: searches on many threads at once get the answers
    /// each would get alone.
    @Test func parallelSearchesGetTheAnswersOfSerialOnes() {
        let index = indexed(corpus + Self.batch("zorbid", 30))
        let questions = ["zorbid quorble", "what causes gallstones", "plantar fasciitis treatment", "zorbid 7", "heart attack"]
        let expected = questions.map { index.search($0).results.map(\.id) }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            for round in 0..<20 {
                let q = (i + round) % questions.count
                if index.search(questions[q]).results.map(\.id) != expected[q] { mismatches.withLock { $0 += 1 } }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }
}

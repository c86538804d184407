import Foundation
import SanaTestSupport
import Testing
import SanaCore
@testable import SanaSearch

/// Dynamic pruning (MaxScore) must choose exactly what scoring every article chooses: the same
/// first-stage articles, in the same order, with the same count of matches, and the same related articles.
@Suite struct PruningTests {
    static let words = ["heel", "pain", "stone", "kidney", "gall", "bile", "heart", "blood", "sugar", "insulin", "rash",
                        "fever", "cough", "lung", "bone", "joint", "skin", "itch", "dose", "tablet", "nerve", "spine",
                        "liver", "vision", "tooth", "gum", "sleep", "tired", "migraine", "allergy"]
    static let headings = ["Causes", "Symptoms", "Treatment", "Outlook", "Prevention"]

    /// A word drawn with Zipf-like odds, so some lists are long and most are short.
    static func word(_ rng: inout SplitMix) -> String {
        let r = Double.random(in: 0..<1, using: &rng)
        return words[min(words.count - 1, Int(pow(r, 2.5) * Double(words.count)))]
    }

    /// Articles with random words in three categories; foci shared by a few, so topic groups have several members;
    /// some unpublished again afterwards, so the index holds removed articles.
    static func randomIndex(_ rng: inout SplitMix) -> SearchIndex {
        let count = Int.random(in: 20...120, using: &rng)
        let foci = (0..<max(3, count / 5)).map { "Focus \(word(&rng)) \($0)" }
        var articles: [Article] = []
        for i in 0..<count {
            let title = (0..<Int.random(in: 1...4, using: &rng)).map { _ in word(&rng) }.joined(separator: " ")
            let body = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                "## \(headings.randomElement(using: &rng)!)\n\n" + (0..<Int.random(in: 3...30, using: &rng)).map { _ in word(&rng) }.joined(separator: " ")
            }.joined(separator: "\n\n")
            let focus = Bool.random(using: &rng) || i % 7 == 0 ? foci.randomElement(using: &rng) : nil
            var a = article("a\(i)", title, body, focus: focus, tags: [headings.randomElement(using: &rng)!.lowercased()])
            // Three categories, so the related articles' category bonus tells articles apart.
            a.category = Category(name: ["Test", "Bones", "Skin"].randomElement(using: &rng)!)
            articles.append(a)
        }
        let index = indexed(articles)
        for i in 0..<count where Int.random(in: 0..<8, using: &rng) == 0 {
            var gone = articles[i]
            gone.status = .draft
            index.update(gone)
        }
        return index
    }

    /// The snapshot with windows of 2 to 16 articles whose bounds every list gets, so these small
    /// indexes prune by window bounds as a million articles do.
    static func withSmallWindows(_ s: IndexSnapshot, _ rng: inout SplitMix) -> IndexSnapshot {
        var small = s
        small.windowBounds = WindowBounds(shift: Int.random(in: 1...4, using: &rng), minimumPostings: 0)
        return small
    }

    /// The first stage by scoring every article, as `rank` did before pruning.
    static func exhaustive(_ s: IndexSnapshot, _ weights: [Int32: Float], focusKeys: [String], mask: UInt32, k: Int,
                           _ p: RankingParameters) -> FirstStage {
        var (dense, touched) = s.scoreDocuments(weights, p)
        let focusOf = s.addBoosts(&dense, &touched, focusKeys: focusKeys, wantedMask: mask, p)
        let total = touched.reduce(0) { $0 + (dense[Int($1)] > 0 ? 1 : 0) }
        return FirstStage(top: TopK.select(dense, touched, k).map(\.key), total: total, focusOf: focusOf)
    }

    @Test(arguments: 0..<40)
    func firstStageIsTheExhaustiveOne(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed) &* 7919)
        let index = Self.randomIndex(&rng)
        let s = index.snapshot
        let terms = Array(s.termIDs.values).sorted()
        let alive = s.docAlive.indices.filter { s.docAlive[$0] }.map(Int32.init)
        for _ in 0..<25 {
            var p = RankingParameters()
            if Bool.random(using: &rng) {
                p.groupWeight = Float.random(in: 0...3, using: &rng)
                p.typeBoost = Float.random(in: 0...4, using: &rng)
                p.focusBoost = Float.random(in: 0...8, using: &rng)
            }
            var weights: [Int32: Float] = [:]
            for _ in 0..<Int.random(in: 1...9, using: &rng) {
                weights[terms.randomElement(using: &rng)!] = [0.2, 0.5, 0.8, 1, 1.5].randomElement(using: &rng)!
            }
            let focusKeys = (0..<Int.random(in: 0...2, using: &rng)).compactMap { _ in
                alive.randomElement(using: &rng).flatMap { s.firstFocusKey(of: $0) }
            }
            let mask = UInt32.random(in: 0...0xFF, using: &rng)
            let k = Int.random(in: 1...40, using: &rng)
            let expected = Self.exhaustive(s, weights, focusKeys: focusKeys, mask: mask, k: k, p)
            for snapshot in [s, Self.withSmallWindows(s, &rng)] {
                let pruned = try #require(snapshot.prunedFirstStage(weights, focusKeys: focusKeys, wantedMask: mask, k: k, p))
                #expect(pruned.top == expected.top, "seed \(seed), k \(k), window \(1 << snapshot.windowBounds.shift)")
                #expect(pruned.total == expected.total)
                #expect(pruned.focusOf.mapValues(\.key) == expected.focusOf.mapValues(\.key))
                #expect(pruned.focusOf.mapValues(\.specificity) == expected.focusOf.mapValues(\.specificity))
            }
            // Split over 2 to 5 threads (as on machines with more cores), every slice pruning alone.
            var split = p
            split.searchThreads = Int.random(in: 2...5, using: &rng)
            split.slicePostings = 1
            let small = Self.withSmallWindows(s, &rng)
            let sliced = try #require(small.prunedFirstStage(weights, focusKeys: focusKeys, wantedMask: mask, k: k, split))
            #expect(sliced.top == expected.top, "seed \(seed), k \(k), \(split.searchThreads) threads")
            #expect(sliced.total == expected.total)
            #expect(sliced.focusOf.mapValues(\.key) == expected.focusOf.mapValues(\.key))
        }
    }

    @Test(arguments: [1, 2, 3, 7, 16])
    func articleSlicesCoverEveryArticleOnceAtWindowEdges(threads: Int) {
        var rng = SplitMix(seed: UInt64(threads))
        var s = Self.randomIndex(&rng).snapshot
        s.windowBounds = WindowBounds(shift: 2, minimumPostings: 0)
        var p = RankingParameters()
        p.searchThreads = threads
        p.slicePostings = 10
        for postings in [0, 9, 10, 35, 1_000_000] {
            let slices = s.articleSlices(postings: postings, p)
            #expect(slices.count == max(1, min(threads, postings / 10, (s.docRecord.count + 3) / 4)))
            #expect(slices.first?.lowerBound == 0 && slices.last?.upperBound == Int32.max)
            for (a, b) in zip(slices, slices.dropFirst()) {
                #expect(a.upperBound == b.lowerBound && a.upperBound % 4 == 0 && a.lowerBound < a.upperBound)
            }
        }
    }

    @Test(arguments: 0..<20)
    func relatedArticlesAreTheExhaustiveOnes(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed) &* 104_729 &+ 1)
        let s = Self.randomIndex(&rng).snapshot
        let terms = Array(s.termIDs.values).sorted()
        var p = RankingParameters()
        p.maxQueryTerms = 0
        for n in s.docAlive.indices where s.docAlive[n] {
            var weights: [Int32: Float] = [:]
            for _ in 0..<Int.random(in: 1...20, using: &rng) { weights[terms.randomElement(using: &rng)!, default: 0] += 0.5 }
            let k = Int.random(in: 1...24, using: &rng)
            let expected = s.exhaustiveRelated(Int32(n), weights, p, k: k)
            for snapshot in [s, Self.withSmallWindows(s, &rng)] {
                let pruned = snapshot.prunedRelated(Int32(n), weights, p, k: k)
                #expect(pruned.map(\.key) == expected.map(\.key), "seed \(seed), article \(n)")
                #expect(pruned.map(\.value) == expected.map(\.value))
            }
        }
    }

    /// On a built index, each article's related articles are those exhaustive scoring gives.
    @Test func relatedArticlesOfABuiltIndexAreUnchanged() {
        let many = (0..<200).map { i in
            article("h\(i)", "Why does heel pain \(["burn", "throb", "ache"][i % 3])?",
                    "Heel pain and pain again. Word\(i % 25) appears in a few. Stretch\(i % 7) helps some.", focus: "Heel pain \(i % 25)")
        }
        let index = indexed(corpus + many)
        let s = index.snapshot
        for (id, n) in s.docNumber {
            let shown = index.related(to: id).map(\.id)
            #expect(!shown.contains(id))
            let doc = s.document(n)
            var weights: [Int32: Float] = [:]
            for tid in doc.keyTerms { weights[tid, default: 0] += 0.5 }
            var p = RankingParameters()
            p.maxQueryTerms = 0
            #expect(s.prunedRelated(n, weights, p, k: 24).map(\.key) == s.exhaustiveRelated(n, weights, p, k: 24).map(\.key))
        }
    }

    /// Window bounds are recomputed when what they depend on changes, never served stale.
    @Test func windowBoundsFollowTheIndex() {
        let bounds = WindowBounds(shift: 1, minimumPostings: 0)
        var key = WindowBounds.Key(generation: 1, postings: 10, articles: 10, live: 10, lengthSums: .init(repeating: 1),
                                   k1: 1.2, fieldB: .init(repeating: 0.75), fieldWeights: .init(repeating: 1))
        var computed = 0
        let first = bounds.shares(3, key) { computed += 1; return [0.5] }
        let again = bounds.shares(3, key) { computed += 1; return [0.9] }
        #expect(first == [0.5] && again == [0.5] && computed == 1)
        key.generation = 2
        #expect(bounds.shares(3, key) { computed += 1; return [0.7] } == [0.7])
        key.k1 = 2
        #expect(bounds.shares(3, key) { computed += 1; return [0.8] } == [0.8])
        #expect(computed == 3)
    }
}

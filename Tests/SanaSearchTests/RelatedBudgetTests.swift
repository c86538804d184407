import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// Related articles score a bounded number of postings: the commonest words give way first.
@Suite struct RelatedBudgetTests {
    /// 300 articles share "heel" and "pain"; each also has a word of its own or of a few.
    private static func articles() -> [Article] {
        (0..<300).map { i in
            article("a\(i)", "Why does heel pain \(["burn", "throb", "ache"][i % 3])?",
                    "Article \(i) is about heel pain and pain again. Word\(i % 25) appears in a few articles. Stretch\(i % 7) helps some.",
                    focus: "Heel pain \(i % 25)")
        }
    }

    @Test func underTheBudgetEveryTermCounts() {
        let snapshot = indexed(Self.articles()).snapshot
        let weights = Dictionary(uniqueKeysWithValues: snapshot.termIDs.values.prefix(20).map { ($0, Float(1)) })
        #expect(snapshot.withinPostingBudget(weights, 1_000_000) == weights)
    }

    @Test func overTheBudgetTheRarestTermsAreKept() throws {
        let snapshot = indexed(Self.articles()).snapshot
        let weights = Dictionary(uniqueKeysWithValues: snapshot.termIDs.values.map { ($0, Float(1)) })
        let budget = 200
        let kept = snapshot.withinPostingBudget(weights, budget)
        let count = { (t: Int32) in snapshot.postings[Int(t)].count }
        #expect(!kept.isEmpty && kept.count < weights.count)
        #expect(kept.keys.reduce(0) { $0 + count($1) } <= budget)
        // Nothing dropped is rarer than anything kept.
        let rarestDropped = try #require(weights.keys.filter { kept[$0] == nil }.map(count).min())
        #expect(kept.keys.map(count).allSatisfy { $0 <= rarestDropped })
        // One term alone over the budget is still kept: a page always has related articles to look for.
        let common = try #require(snapshot.termIDs[TextAnalyzer.term(forToken: "heel")!])
        #expect(snapshot.withinPostingBudget([common: 1], 10) == [common: 1])
    }

    @Test func relatedArticlesStillShareTheFocus() {
        let index = indexed(Self.articles())
        let related = index.related(to: "a3")
        #expect(!related.isEmpty && !related.contains { $0.id == "a3" })
        #expect(related.prefix(3).allSatisfy { Int($0.id.dropFirst())! % 25 == 3 })
    }
}

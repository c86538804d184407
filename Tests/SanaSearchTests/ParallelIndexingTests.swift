import Foundation
import Testing
import SanaCore
@testable import SanaSearch

/// Building the index splits articles over worker threads. The number of workers is a parameter,
/// so every split a 1- to 64-core server would make is exercised on any machine.
@Suite struct ParallelIndexingTests {
    static func articles(_ n: Int) -> [Article] {
        (0..<n).map { i in
            // Every fifth article is a draft, so the split must also skip the right ones.
            article("a\(i)", "What is condition \(i) number \(i % 7)?",
                    "## Causes\n\nCondition \(i) comes from factor\(i % 11) and strain\(i % 13).",
                    focus: "Condition \(i)", status: i % 5 == 4 ? .draft : .published)
        }
    }

    @Test(arguments: [0, 1, 63, 64, 65, 2000])
    func anyNumberOfWorkersIndexesEveryPublishedArticle(count: Int) {
        let articles = Self.articles(count)
        let published = articles.filter { $0.status == .published }.count
        var reference: [String]?
        for workers in [1, 2, 3, 7, 16, 64] {
            let index = SearchIndex(workers: workers)
            index.update(articles)
            #expect(index.count == published, "\(count) articles, \(workers) workers")
            // The same answers whatever the split.
            let ids = index.search("what causes condition 3 factor3", limit: 10).results.map(\.id)
            if let reference { #expect(ids == reference, "\(count) articles, \(workers) workers") } else { reference = ids }
            if count > 3 { #expect(ids.first == "a3") }
        }
    }

    @Test func prepareFillsEverySlotOfAPublishedArticle() {
        let articles = Self.articles(65)
        for workers in [1, 3, 16, 64] {
            let prepared = ArticleAnalysis.prepareInParallel(articles, workers: workers)
            #expect(prepared.count == 65)
            for (a, p) in zip(articles, prepared) {
                #expect((p != nil) == (a.status == .published))
                #expect(p.map(\.id) ?? a.id == a.id)
            }
        }
    }

    @Test func unpublishedNamesAreTheSameOnAnyNumberOfWorkers() {
        let articles = Self.articles(130)
        for workers in [1, 2, 3, 16, 64] {
            let entries = ArticleAnalysis.unpublishedEntriesInParallel(articles, workers: workers)
            #expect(entries.count == 130)
            for (a, e) in zip(articles, entries) { #expect(e == IndexSnapshot.unpublishedEntry(of: a), "\(a.id), \(workers) workers") }
            #expect(entries.compactMap(\.self).count == 26)
            // A batch keeps the drafts' names as one update at a time does.
            let batch = SearchIndex(workers: workers), single = SearchIndex(workers: 1)
            batch.update(articles)
            for a in articles { single.update(a) }
            #expect(batch.snapshot.unpublished.byArticle == single.snapshot.unpublished.byArticle)
            #expect(batch.snapshot.unpublished.byArticle["a4"]?.keys.contains(FocusMatcher.key("Condition 4")) == true)
        }
    }
}

@Suite struct ReplacingContentsTests {
    /// After the store was restored: every article applied again, the others removed.
    @Test func removeAllExceptKeepsTheRestSearchable() {
        let gout = article("gout", "What is gout?", "Gout is arthritis from urate crystals.", focus: "Gout")
        let bursitis = article("bursitis", "What is bursitis?", "Bursitis is swelling of a bursa.", focus: "Bursitis")
        let asthma = article("asthma", "What is asthma?", "Asthma narrows the airways.", focus: "Asthma")
        var edited = gout
        edited.body = "Gout is arthritis from monosodium urate crystals in a joint."
        let index = SearchIndex(workers: 2)
        index.update([gout, bursitis])
        index.update([edited, asthma])
        index.update([gout, bursitis])
        index.removeAll(except: ["gout", "bursitis"])
        #expect(index.count == 2)
        #expect(index.search("asthma").results.isEmpty)
        #expect(index.search("monosodium").results.isEmpty)
        #expect(index.search("urate crystals").results.first?.id == "gout")
        #expect(index.search("bursa").results.first?.id == "bursitis")
    }
}

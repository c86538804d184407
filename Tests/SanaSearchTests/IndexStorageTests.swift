import Testing
import SanaCore
@testable import SanaSearch

@Suite struct IndexStorageTests {
    @Test func recordsReadBackWhatWasWritten() {
        var w = RecordWriter()
        w.int(0); w.int(127); w.int(128); w.int(1 << 40)
        w.string("Ménière's disease <b>")
        w.optionalString(nil); w.optionalString(""); w.optionalString("x")
        w.strings(["a", "", "ü"])
        w.sortedIDs([1, 2, 300, 70_000])
        w.data([0, 255, 10])
        var pool = RecordPool()
        let first = pool.append(w.bytes, [7])
        let second = pool.append([], [1, 2, 3])
        pool.read(first) { r in
            #expect([r.int(), r.int(), r.int(), r.int()] == [0, 127, 128, 1 << 40])
            #expect(r.string() == "Ménière's disease <b>")
            #expect(r.optionalString() == nil)
            #expect(r.optionalString() == "")
            #expect(r.optionalString() == "x")
            #expect(r.strings() == ["a", "", "ü"])
            #expect(r.sortedIDs() == [1, 2, 300, 70_000])
            #expect(r.data() == [0, 255, 10])
            #expect(r.int() == 7)
            #expect(r.at == r.bytes.count)
        }
        #expect(pool.bytes(second) == [1, 2, 3])
    }

    @Test func recordsLongerThanAChunkGetOneOfTheirOwn() {
        var pool = RecordPool()
        let small = pool.append([1], [])
        let big = [UInt8](repeating: 9, count: RecordPool.chunkBytes + 10)
        let address = pool.append(big, [2])
        let after = pool.append([3], [])
        #expect(pool.bytes(address) == big + [2])
        #expect(pool.bytes(small) == [1])
        #expect(pool.bytes(after) == [3])
    }

    @Test func focusTableListsArticlesAndRenumbers() {
        var table = FocusTable()
        table.add("gallston", 0)
        table.add("gallston", 2)
        table.add("kidney stone", 1)
        table.add("gallston", 3)
        #expect(table.articles("gallston") == [0, 2, 3])
        #expect(table.articles("kidney stone") == [1])
        #expect(!table.contains("heart attack") && table.articles("heart attack").isEmpty)
        table.renumber([0, -1, -1, 1])
        #expect(table.articles("gallston") == [0, 1])
        #expect(!table.contains("kidney stone"))
    }

    /// Removing more than a quarter of the articles compacts the index: what is left must still
    /// be found, with the right ids, sections, related articles and category filter.
    @Test func compactingKeepsTheRemainingArticlesWhole() {
        let index = SearchIndex()
        let many = (0..<1600).map { i in
            Article(id: "a\(i)", title: "What is condition \(i)?", body: "## Symptoms\n\nCondition \(i) brings zorbid\(i) rashes.",
                    category: Category(name: i % 2 == 0 ? "Even" : "Odd"), focus: "Condition \(i)", tags: ["symptoms"])
        }
        index.update(many)
        for i in 0..<1300 { index.remove(id: "a\(i)") }
        #expect(index.count == 300)
        // About 420 bytes a record (name variants included); the 1,600 before compaction held four times that.
        #expect(index.storageReport()["records"]! < 300 * 450)
        let r = index.search("zorbid1500 rashes")
        #expect(r.results.first?.id == "a1500")
        #expect(r.results.first?.section.heading == "Symptoms")
        #expect(r.results.first?.snippet.contains("zorbid1500") == true)
        #expect(index.search("zorbid1200").results.isEmpty)
        #expect(index.search("zorbid1501 rashes", category: "odd").results.allSatisfy { Int($0.id.dropFirst())! % 2 == 1 })
        #expect(index.related(to: "a1500").allSatisfy { Int($0.id.dropFirst())! >= 1300 })
        index.update(many[1301])
        #expect(index.search("zorbid1301").results.first?.id == "a1301")
        #expect(index.search("zorbid1200").results.isEmpty)
    }
}

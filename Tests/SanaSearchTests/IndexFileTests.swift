import Foundation
import SanaTestSupport
import Testing
import SanaCore
@testable import SanaSearch

/// A seeded random corpus: words drawn unevenly from a vocabulary (a few common, many rare),
/// names shared between articles, drafts, sections with headings, categories.
struct RandomCorpus {
    var state: UInt64
    static let vocabulary = """
    pain fever cough heart kidney liver blood pressure sugar insulin diabetes asthma allergy rash skin bone joint muscle nerve brain \
    headache migraine stroke cancer tumor chemotherapy radiation surgery therapy medicine dose tablet capsule injection vaccine virus \
    bacteria infection antibiotic penicillin amoxicillin ibuprofen aspirin acetaminophen cholesterol statin artery vein clot thrombosis \
    lungs breathing wheezing inhaler steroid hormone thyroid gland pregnancy baby child adult elderly genetic inherited mutation gene \
    symptoms causes treatment diagnosis prevention outlook complications stages risk factors research clinical trial doctor nurse \
    swelling inflammation arthritis gout urate crystals gallstones bile cholesterol bilirubin plantar fasciitis heel stretching insoles
    """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let names = ["Gout", "Asthma", "Kidney stones", "Heart attack", "Migraine", "Plantar fasciitis", "Gallstones", "Diabetes",
                        "Thyroid cancer", "Deep vein thrombosis", "Rheumatoid arthritis", "Allergic rash", "Childhood asthma"]
    static let headings = ["Symptoms", "Causes", "Treatment", "How is it diagnosed?", "Prevention", "Outlook", nil]

    init(seed: UInt64) { state = seed }

    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    /// Skewed towards the start of the vocabulary, as real text is towards common words.
    mutating func word() -> String { Self.vocabulary[min(next(Self.vocabulary.count), next(Self.vocabulary.count))] }

    mutating func words(_ n: Int) -> String { (0..<n).map { _ in word() }.joined(separator: " ") }

    mutating func article(_ i: Int) -> Article {
        let focus = next(4) == 0 ? nil : Self.names[next(Self.names.count)]
        let sections = (0..<(1 + next(3))).map { _ in
            let heading = Self.headings[next(Self.headings.count)]
            return (heading.map { "## \($0)\n\n" } ?? "") + words(8 + next(40)) + "."
        }
        return Article(id: "r\(i)", title: "What about \(focus ?? word()) and \(words(2))?", body: sections.joined(separator: "\n\n"),
                       category: Category(name: ["Heart", "Lungs", "Skin", "Bones"][next(4)]), focus: focus,
                       alsoCalled: next(3) == 0 ? [Self.names[next(Self.names.count)] + " disease"] : [],
                       tags: [["causes", "treatment", "symptoms", "information"][next(4)]],
                       status: next(10) == 0 ? .draft : .published)
    }

    mutating func question() -> String {
        switch next(4) {
        case 0: "what causes \(Self.names[next(Self.names.count)].lowercased())"
        case 1: "how to treat \(words(1 + next(3)))"
        case 2: words(2 + next(8))
        default: "\(word())x \(words(2))"  // a misspelling for the speller
        }
    }
}

/// What a search, suggestions, related articles and the A–Z list return, as comparable text.
func everythingAnswered(_ index: SearchIndex, questions: [String], ids: [String]) throws -> [String] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var out: [String] = []
    for q in questions {
        out.append(String(decoding: try encoder.encode(index.search(q, limit: 10)), as: UTF8.self))
        out.append(String(decoding: try encoder.encode(index.search(q, limit: 5, offset: 3, category: "heart")), as: UTF8.self))
        out.append(String(decoding: try encoder.encode(index.suggest(String(q.prefix(4)))), as: UTF8.self))
    }
    for id in ids { out.append(index.related(to: id).map(\.id).joined(separator: ",")) }
    out.append(index.conditionNames().map { "\($0.name)|\($0.slug)|\($0.articles)|\($0.isAlias)" }.joined(separator: ";"))
    out.append("\(index.count) \(index.generation)")
    return out
}

/// The first line where two answer lists differ, both ways, for a readable failure.
func firstDifference(_ a: [String], _ b: [String]) -> String {
    guard let i = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) else { return "lengths \(a.count) and \(b.count)" }
    return "line \(i):\n\(a[i])\n---\n\(b[i])"
}

@Suite struct IndexFileTests {
    /// The index saved and opened again answers exactly as the index built in memory: every
    /// search, page of results, suggestion, related list and the A–Z names; and both go on
    /// answering alike after more changes (new postings after mapped ones, edits, removals and
    /// the compaction they cause).
    @Test(arguments: [1, 2, 7])
    func aSavedIndexAnswersAsTheOneBuiltInMemory(workers: Int) throws {
        let folder = try TemporaryFolder("sana-index-file"); defer { folder.remove() }
        var random = RandomCorpus(seed: 2026)
        let articles = (0..<3000).map { random.article($0) }
        let questions = (0..<150).map { _ in random.question() }
        let ids = (0..<40).map { _ in "r\(random.next(3000))" }
        let built = SearchIndex(workers: workers)
        built.update(Array(articles[0..<1500]))
        built.update(Array(articles[1500...]))
        built.trimStorage()
        let file = folder.path("site.sqlite.index")
        try built.save(file: file, position: 42)

        let (opened, position) = try SearchIndex.open(file: file, workers: workers)
        #expect(position == 42)
        #expect(opened.mappedBytes > 0)
        let expected = try everythingAnswered(built, questions: questions, ids: ids)
        let got = try everythingAnswered(opened, questions: questions, ids: ids)
        #expect(got == expected, "first difference: \(firstDifference(got, expected))")

        // The same changes to both: edits, new articles, removals past the compaction threshold.
        var changes = (3000..<3400).map { random.article($0) }
        for i in stride(from: 0, to: 3000, by: 7) { var a = articles[i]; a.body += "\n\nUpdated with \(random.words(5))."; changes.append(a) }
        for index in [built, opened] {
            index.update(changes)
            for i in stride(from: 1, to: 3000, by: 2) { index.remove(id: "r\(i)") }
        }
        #expect(try everythingAnswered(opened, questions: questions, ids: ids) == everythingAnswered(built, questions: questions, ids: ids))

        // Saved again after the changes, from a state that mixes mapped and new parts.
        try opened.save(file: file, position: 43)
        let (again, _) = try SearchIndex.open(file: file, workers: workers)
        #expect(try everythingAnswered(again, questions: questions, ids: ids) == everythingAnswered(built, questions: questions, ids: ids))
    }

    @Test func anEmptyIndexSavesAndOpens() throws {
        let folder = try TemporaryFolder("sana-index-file"); defer { folder.remove() }
        let file = folder.path("empty.index")
        try SearchIndex().save(file: file, position: 0)
        let (opened, position) = try SearchIndex.open(file: file)
        #expect(position == 0 && opened.count == 0)
        #expect(opened.search("gout").results.isEmpty)
        opened.update(article("gout", "What is gout?", "Gout is arthritis from urate crystals.", focus: "Gout"))
        #expect(opened.search("gout").results.first?.id == "gout")
    }

    /// Every way a file can be unusable is found before anything is read from it.
    @Test func damagedFilesAreRefused() throws {
        let folder = try TemporaryFolder("sana-index-file"); defer { folder.remove() }
        var random = RandomCorpus(seed: 7)
        let index = SearchIndex(workers: 2)
        index.update((0..<300).map { random.article($0) })
        let file = folder.path("site.index")
        try index.save(file: file, position: 9)
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        func opening(_ bytes: Data) -> IndexFileError? {
            try? bytes.write(to: URL(fileURLWithPath: file))
            do { _ = try SearchIndex.open(file: file); return nil } catch { return error }
        }
        #expect(opening(good) == nil)
        // Cut short anywhere: before the footer, inside it, inside the header.
        for length in [good.count - 1, good.count - 70, good.count / 2, 40, 5, 0] {
            let error = opening(good.prefix(length))
            #expect(error != nil, "cut to \(length) bytes")
        }
        #expect(opening(good.prefix(good.count / 2)) == .truncated(file))
        // One byte changed anywhere: header, any section, directory, footer.
        for at in [9, 40, good.count / 3, good.count / 2, good.count - 100, good.count - 30, good.count - 10] {
            var bad = good
            bad[at] ^= 0x40
            #expect(opening(bad) != nil, "byte \(at) flipped")
        }
        var otherVersion = good
        otherVersion[8] = 99
        guard case .otherVersion = opening(otherVersion) else { Issue.record("a future format must read as another version"); return }
        #expect(opening(Data("not an index".utf8)) != nil)
        try FileManager.default.removeItem(atPath: file)
        #expect((try? SearchIndex.open(file: file)) == nil)
        do { _ = try SearchIndex.open(file: file) } catch { #expect(error == .missing(file)) }
    }

    /// A damaged byte in any section is found and named, whether the section is decoded or only
    /// mapped (those are checked beside the decoding), and opening never returns a damaged index.
    @Test func damageInEverySectionIsNamed() throws {
        let folder = try TemporaryFolder("sana-index-file"); defer { folder.remove() }
        var random = RandomCorpus(seed: 11)
        let index = SearchIndex(workers: 2)
        index.update((0..<200).map { random.article($0) })
        let file = folder.path("site.index")
        try index.save(file: file, position: 3)
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        let sections = try IndexFileReader(path: file, expectedAnalysis: ArticleAnalysis.fingerprint).sections
        #expect(IndexFileReader.mappedOnly.allSatisfy { !sections[$0.rawValue].isEmpty })
        for section in IndexSection.allCases where !sections[section.rawValue].isEmpty {
            let range = sections[section.rawValue]
            for at in [range.lowerBound, (range.lowerBound + range.upperBound) / 2, range.upperBound - 1] {
                var bad = good
                bad[at] ^= 0x01
                try bad.write(to: URL(fileURLWithPath: file))
                do {
                    _ = try SearchIndex.open(file: file)
                    Issue.record("byte \(at) of section \(section) flipped, and the file opened")
                } catch {
                    #expect(error == .corrupt(file, "checksum of section \(section)"), "byte \(at) of \(section)")
                }
            }
        }
    }

    /// A failed save leaves the previous file as it was, and no temporary file behind.
    @Test func aFailedSaveKeepsThePreviousFile() throws {
        let folder = try TemporaryFolder("sana-index-file"); defer { folder.remove() }
        let index = SearchIndex()
        index.update(article("gout", "What is gout?", "Gout is arthritis from urate crystals.", focus: "Gout"))
        let file = folder.path("site.index")
        try index.save(file: file, position: 1)
        #expect(throws: IndexFileError.self) { try index.save(file: folder.path("no-such-folder/site.index"), position: 2) }
        #expect(try SearchIndex.open(file: file).position == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site.index"])
    }

    /// Two servers on one database saving at once: each writes its own temporary file and
    /// renames it into place, so the file is always one of the two whole, never a mix.
    @Test func twoWritersAtOnceLeaveOneWholeFile() async throws {
        let folder = try TemporaryFolder("sana-index-file"); defer { folder.remove() }
        var random = RandomCorpus(seed: 11)
        let first = SearchIndex(workers: 1), second = SearchIndex(workers: 1)
        first.update((0..<400).map { random.article($0) })
        second.update((0..<500).map { random.article($0) })
        let file = folder.path("site.index")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, position) in [(first, 1), (second, 2)] {
                group.addTask { for _ in 0..<5 { try index.save(file: file, position: position) } }
            }
            try await group.waitForAll()
        }
        let (opened, position) = try SearchIndex.open(file: file)
        #expect(opened.count == (position == 1 ? first.count : second.count))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site.index"])
    }

    /// Every stored part of the snapshot is saved in the index file or rebuilt at open. A part
    /// added to `IndexSnapshot` must be added to `SnapshotWriting` and `SnapshotReading` (and
    /// `IndexFileLayout.version` raised), then to this list: otherwise a server started from a
    /// file would lack it.
    @Test func theFileCoversEveryPartOfTheSnapshot() {
        let parts = Set(Mirror(reflecting: SearchIndex().snapshot).children.compactMap(\.label))
        #expect(parts == ["termIDs", "terms", "postings", "records", "docRecord", "docLengths", "docAlive", "docTypes", "docGroups",
                          "groupIDs", "docCategory", "categoryIDs", "docNumber", "focusDocs", "suggestionTable", "termSurfaces",
                          "speller", "surfaceOrder", "mappings", "lengthSums", "liveCount", "deadCount", "generation",
                          "synonyms", "synonymKeys", "englishWords", "scratch", "windowBounds", "names", "unpublished", "nameVocabulary"])
    }
}

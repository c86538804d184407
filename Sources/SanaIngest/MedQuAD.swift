import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SanaCore

/// MedQuAD (Ben Abacha & Demner-Fushman, 2019; CC BY 4.0): a folder of collections such as
/// `2_GARD_QA/0000004.xml`. Each QA pair becomes one article with id `SOURCE_DOCID_SecPID`, the
/// form the LiveQA qrels use. Empty answers take their text from `judged-answers.csv` beside the
/// collections when it has them; the rest become drafts.
public enum MedQuAD {
    public static let licence = "CC BY 4.0"
    public static let attribution = "MedQuAD (Ben Abacha & Demner-Fushman, BMC Bioinformatics 2019), CC BY 4.0"

    /// Source names as answer ids spell them, where they differ from the XML's `source`.
    static let idSource = ["MPlusHerbsSupplements": "MPlusHerbsSuppls"]

    static let categoryNames = [
        "ADAM": "Medical encyclopedia", "MPlusDrugs": "Medicines", "MPlusHerbsSupplements": "Herbs and supplements",
        "CancerGov": "Cancer", "GARD": "Rare diseases", "GHR": "Genetic conditions",
        "MPlusHealthTopics": "Health topics", "NIDDK": "Diabetes, digestive and kidney diseases",
        "NINDS": "Neurological disorders", "NIHSeniorHealth": "Senior health",
        "NHLBI": "Heart, lung and blood", "CDC": "Infectious diseases",
    ]

    static let collectionPattern = #"^\d+_.*_QA"#

    /// True when `path` looks like a MedQuAD folder: it holds `*_QA*` collection folders, or is one.
    public static func isCollectionRoot(_ path: String) -> Bool {
        if isCollection(path) { return true }
        let items = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return items.contains { $0.range(of: collectionPattern, options: .regularExpression) != nil }
    }

    /// True when `path` is one collection folder, such as `2_GARD_QA`.
    static func isCollection(_ path: String) -> Bool {
        URL(fileURLWithPath: path).absoluteURL.standardized.lastPathComponent.range(of: collectionPattern, options: .regularExpression) != nil
    }

    /// The XML files of every collection under `root` (or of `root` itself, when it is one
    /// collection), in a stable order.
    public static func files(in root: String) -> [String] {
        let fm = FileManager.default
        let xml = { (dir: String) in
            ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
                .map { (dir as NSString).appendingPathComponent($0) }
        }
        if isCollection(root) { return xml(root) }
        let collections = ((try? fm.contentsOfDirectory(atPath: root)) ?? [])
            .filter { $0.range(of: collectionPattern, options: .regularExpression) != nil }
            .sorted { (Int($0.prefix { $0.isNumber }) ?? 0) < (Int($1.prefix { $0.isNumber }) ?? 0) }
        return collections.flatMap { xml((root as NSString).appendingPathComponent($0)) }
    }

    /// `judged-answers.csv` beside the collections: in `folder` or the folder above it (when
    /// `folder` is one collection).
    static func judgedAnswersFile(near folder: String) -> String? {
        // Made absolute first: standardizing "../data/medquad" alone would drop the "..".
        let here = URL(fileURLWithPath: folder).absoluteURL.standardized
        return ([here] + (isCollection(folder) ? [here.deletingLastPathComponent()] : [])).map { $0.appendingPathComponent("judged-answers.csv").path }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reads a whole MedQuAD folder, parsing files on `workers` tasks (at most 8: beyond that
    /// the disk, not the parsing, is the limit). `progress` is called with the number of files
    /// done so far.
    public static func parse(root: String, now: Date, workers: Int = min(8, WorkSplit.availableCores),
                             progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async -> ParseResult {
        let files = files(in: root)
        var result = ParseResult()
        var judged: [String: JudgedAnswer] = [:]
        if let csvPath = judgedAnswersFile(near: root) {
            do { judged = try JudgedAnswers.load(csvPath) } catch { result.issues.append(error) }
        }
        if files.isEmpty { result.issues.append(ImportIssue(file: root, message: "no MedQuAD collection (NN_NAME_QA/*.xml) found")) }
        let judgedAnswers = judged
        let parsed = await withTaskGroup(of: (Int, [FileArticles]).self) { group in
            for (w, run) in WorkSplit.ranges(count: files.count, parts: workers).enumerated() {
                let slice = Array(files[run])
                group.addTask {
                    var out: [FileArticles] = []
                    for (i, f) in slice.enumerated() {
                        out.append(parseFile(f).map { doc in
                            (doc.file, doc.source, doc.pairs.map { (makeArticle(doc, $0, judged: judgedAnswers, now: now), $0.line) })
                        })
                        if i % 200 == 199 { progress(200, files.count) }
                    }
                    progress(slice.count % 200, files.count)
                    return (w, out)
                }
            }
            var all: [(Int, [FileArticles])] = []
            for await r in group { all.append(r) }
            return all.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        for file in parsed {
            switch file {
            case let .failure(issue): result.issues.append(issue)
            case let .success((file, _, articles)):
                // Slugs are settled by the importer, which knows the stored ones (see `SlugRule`).
                result.records += articles.map { ParsedRecord(article: $0.0, file: file, line: $0.1, slugRule: .uniqueByID) }
            }
        }
        return result
    }

    /// Reads one XML file; `judged-answers.csv` two folders up (beside its collection) fills
    /// empty answers, as in a whole-folder import.
    static func parse(file: String, judged: [String: JudgedAnswer], now: Date) -> ParseResult {
        switch parseFile(file) {
        case let .failure(issue): return ParseResult(issues: [issue])
        case let .success(doc):
            return ParseResult(records: doc.pairs.map { pair in
                ParsedRecord(article: makeArticle(doc, pair, judged: judged, now: now), file: file, line: pair.line, slugRule: .uniqueByID)
            })
        }
    }

    /// Reading order within a collection comes from the document number and the pair, so it is
    /// the same whichever files are imported, and in whatever order.
    static func position(docID: String, pid: String) -> Int {
        (Int(docID.prefix { $0.isNumber }.suffix(12)) ?? 0) * 10_000 + min(Int(pid) ?? 0, 9_999)
    }

    static func makeArticle(_ doc: XMLDocumentRecord, _ pair: XMLPair, judged: [String: JudgedAnswer], now: Date) -> Article {
        // Answer ids name the file: CancerGov's 0000013_2_4.xml says id="0000013_2" inside.
        let docID = URL(fileURLWithPath: doc.file).deletingPathExtension().lastPathComponent
        let id = "\(idSource[doc.source] ?? doc.source)_\(docID.hasPrefix(doc.id) ? docID : doc.id)_Sec\(pair.pid)"
        var answer = clean(pair.answer)
        var question = clean(pair.question)
        var alsoCalled = doc.synonyms
        if answer.isEmpty, let j = judged[id] {
            answer = j.answer
            if question.isEmpty { question = j.question }
        }
        let (title, called) = splitAlsoCalled(question)
        for name in called where !alsoCalled.contains(name) { alsoCalled.append(name) }
        let heading = pair.qtype.isEmpty ? "Answer" : pair.qtype.prefix(1).uppercased() + pair.qtype.dropFirst()
        let body = answer.isEmpty ? "" : "## \(heading)\n\n\(answer)"
        let name = categoryNames[doc.source] ?? doc.source
        return Article(
            id: id, title: title.isEmpty ? doc.focus : title,
            summary: answer.isEmpty ? "" : Summary.cut(answer, to: Summary.maxLength, marker: ""),
            body: body, category: Category(name: name), focus: doc.focus.isEmpty ? nil : doc.focus,
            alsoCalled: alsoCalled, tags: [pair.qtype].filter { !$0.isEmpty },
            sources: [Source(title: "\(doc.source) via \(attribution)", url: doc.url, licence: licence)],
            status: answer.isEmpty ? .draft : .published, createdAt: now, position: position(docID: docID, pid: pair.pid))
    }

    static func clean(_ s: String) -> String { Summary.collapseWhitespace(s) }

    /// "What is (are) X ? (Also called: A; B)" → ("What is (are) X ?", ["A", "B"]).
    static func splitAlsoCalled(_ question: String) -> (String, [String]) {
        guard let r = question.range(of: "(Also called:") else { return (question, []) }
        let names = question[r.upperBound...].prefix { $0 != ")" }
            .split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (question[..<r.lowerBound].trimmingCharacters(in: .whitespaces), names)
    }
}

/// The articles of one file: file, source, and each article with the line of its QA pair.
typealias FileArticles = Result<(String, String, [(Article, Int)]), ImportIssue>

/// One answer of `judged-answers.csv`.
struct JudgedAnswer: Sendable {
    var question: String
    var answer: String
}

enum JudgedAnswers {
    /// Maps answer id (without `.txt`) to its question and answer text.
    static func load(_ path: String) throws(ImportIssue) -> [String: JudgedAnswer] {
        let text = try TextFile.read(path)
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSVTable.rows(text) } catch {
            throw ImportIssue(file: path, line: error.line, message: error.message)
        }
        var out: [String: JudgedAnswer] = [:]
        for (line, fields) in rows.dropFirst() {
            guard fields.count >= 2 else { throw ImportIssue(file: path, line: line, message: "expected 2 fields (AnswerID,Answer), found \(fields.count)") }
            let id = fields[0].hasSuffix(".txt") ? String(fields[0].dropLast(4)) : fields[0]
            let raw = fields[1]
            var question = "", answer = raw
            if let a = raw.range(of: "\nAnswer:") ?? raw.range(of: "Answer:") {
                answer = String(raw[a.upperBound...])
                let head = raw[..<a.lowerBound]
                if let q = head.range(of: "Question:") {
                    question = String(head[q.upperBound...].prefix { $0 != "\n" })
                }
            }
            answer = MedQuAD.clean(answer)
            // The file closes every answer with a stray ")" from its export.
            if answer.hasSuffix(")") && answer.filter({ $0 == ")" }).count > answer.filter({ $0 == "(" }).count {
                answer = String(answer.dropLast()).trimmingCharacters(in: .whitespaces)
            }
            out[id] = JudgedAnswer(question: MedQuAD.clean(question), answer: answer)
        }
        return out
    }
}

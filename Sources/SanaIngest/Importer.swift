import Foundation
import Synchronization
import SanaCore
import SanaStore

public enum ImportFormat: String, Sendable, CaseIterable {
    case auto, page, medquad, jsonl, markdown
}

public struct ImportOptions: Sendable {
    public var format: ImportFormat = .auto
    public var dryRun = false
    public var skipInvalid = false
    /// Title for page files that carry no `# Title` line.
    public var title: String?
    /// Category for page files that carry no `Category:` line.
    public var category: String?
    public init(format: ImportFormat = .auto, dryRun: Bool = false, skipInvalid: Bool = false, title: String? = nil, category: String? = nil) {
        self.format = format; self.dryRun = dryRun; self.skipInvalid = skipInvalid; self.title = title; self.category = category
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    public var added = 0, updated = 0, unchanged = 0, skipped = 0
    /// Articles kept as drafts (MedQuAD pairs without answer text), included in the counts above.
    public var drafts = 0
    public var published = 0
    public var issues: [ImportIssue] = []
    public var dryRun = false

    public var line: String {
        (dryRun ? "dry run, nothing written: " : "")
            + "\(added) added, \(updated) updated, \(unchanged) unchanged, \(skipped) skipped; \(published) published, \(drafts) drafts"
    }
}

/// The import failed as a whole; nothing was written.
public struct ImportFailed: Error, CustomStringConvertible {
    public var issues: [ImportIssue]
    public var description: String {
        let shown = issues.prefix(20).map(\.description)
        let more = issues.count > 20 ? ["… and \(issues.count - 20) more"] : []
        return (shown + more + ["import failed: \(issues.count) error(s); nothing was written"]).joined(separator: "\n")
    }
}

/// Progress of an import, for a progress bar or log lines.
public struct ImportProgress: Sendable {
    public enum Phase: String, Sendable { case reading, writing }
    public var phase: Phase
    public var done: Int
    public var total: Int
}

/// Reads inputs in any supported format and writes them to a store in one transaction.
public struct Importer: Sendable {
    let store: any ArticleStore
    let now: @Sendable () -> Date

    /// The largest body any format may bring: JSON Lines' line limit.
    public static let maxBodyBytes = TextFile.maxLineBytes

    public init(store: any ArticleStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    public func run(paths: [String], options: ImportOptions,
                    progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) async throws -> ImportSummary {
        let time = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        var parsed = ParseResult()
        let judged = JudgedAnswerFiles()
        for path in paths { parsed.append(await read(path, options: options, now: time, judged: judged, progress: progress)) }
        // Every reader's records, whatever their format: SQLite would cut a string at a NUL.
        var bad = parsed.records.enumerated().compactMap { index, r -> (index: Int, issue: ImportIssue)? in
            // Bodies are bounded in every format as JSON Lines bounds them by its line limit, so
            // no page takes long to render.
            let bytes = r.article.body.utf8.count
            if bytes > Self.maxBodyBytes {
                return (index, ImportIssue(file: r.file, line: r.line, record: r.article.id, field: "body",
                                           message: "is \(bytes) bytes; the limit is \(Self.maxBodyBytes) bytes"))
            }
            guard let (field, c) = r.article.firstControlCharacter() else { return nil }
            return (index, ImportIssue(file: r.file, line: r.line, record: r.article.id, field: field,
                                       message: "contains control character \(ControlCharacters.name(c))"))
        }
        try await settleSlugs(&parsed.records)
        bad += duplicates(in: parsed.records, ignoring: Set(bad.map(\.index)))
        parsed.issues += bad.map(\.issue)
        let badRecords = Set(bad.map(\.index))
        if !parsed.issues.isEmpty && !options.skipInvalid { throw ImportFailed(issues: parsed.issues) }
        let records = parsed.records.enumerated().filter { !badRecords.contains($0.offset) }.map(\.element)
        progress(ImportProgress(phase: .writing, done: 0, total: records.count))
        let report = try await writeReporting(records, options: options)
        progress(ImportProgress(phase: .writing, done: records.count, total: records.count))
        var summary = ImportSummary(dryRun: options.dryRun)
        summary.added = report.tally.added
        summary.updated = report.tally.updated
        summary.unchanged = report.tally.unchanged
        let rejected = Set(report.rejected.map(\.index))
        let kept = records.enumerated().filter { !rejected.contains($0.offset) }.map(\.element.article)
        summary.drafts = kept.filter { $0.status == .draft }.count
        summary.published = kept.filter { $0.status == .published }.count
        summary.issues = parsed.issues + report.rejected.map { issue(for: records[$0.index], $0.error) }
        summary.skipped = parsed.issues.count + report.rejected.count
        return summary
    }

    private func writeReporting(_ records: [ParsedRecord], options: ImportOptions) async throws -> WriteReport {
        do {
            return try await store.write(records.map(\.article), skipInvalid: options.skipInvalid, dryRun: options.dryRun)
        } catch let error as StoreError {
            let id: String
            switch error {
            case let .duplicateSlug(_, i, _), let .invalid(i, _, _), let .notFound(i): id = i
            }
            if let r = records.first(where: { $0.article.id == id }) { throw ImportFailed(issues: [issue(for: r, error)]) }
            throw ImportFailed(issues: [ImportIssue(file: "-", message: error.description)])
        }
    }

    private func issue(for record: ParsedRecord, _ error: StoreError) -> ImportIssue {
        switch error {
        case let .duplicateSlug(slug, _, existing):
            ImportIssue(file: record.file, line: record.line, record: record.article.id, field: "slug", message: "'\(slug)' is already used by article '\(existing)'")
        case let .invalid(_, field, message):
            ImportIssue(file: record.file, line: record.line, record: record.article.id, field: field, message: message)
        case .notFound:
            ImportIssue(file: record.file, line: record.line, record: record.article.id, message: error.description)
        }
    }

    /// Gives `uniqueByID` records their slugs (see `SlugRule`): stored articles keep theirs,
    /// first, so new ones never take them.
    private func settleSlugs(_ records: inout [ParsedRecord]) async throws {
        guard records.contains(where: { $0.slugRule == .uniqueByID }) else { return }
        let stored = try await store.slugsByID()
        var owners: [String: String] = [:]
        for (id, slug) in stored { owners[slug] = id }
        var claimed = Set(records.filter { $0.slugRule == .asGiven }.map(\.article.slug))
        var fresh: [Int] = []
        for i in records.indices where records[i].slugRule == .uniqueByID {
            if let slug = stored[records[i].article.id] { records[i].article.slug = slug; claimed.insert(slug) } else { fresh.append(i) }
        }
        for i in fresh {
            let a = records[i].article
            let free = !claimed.contains(a.slug) && (owners[a.slug] ?? a.id) == a.id
            if !free { records[i].article.slug = Slug.make(from: a.slug, maxLength: 80) + "-" + Slug.make(from: a.id, maxLength: 100) }
            claimed.insert(records[i].article.slug)
        }
    }

    /// Two records of one import with the same id or slug: the later one is the error.
    private func duplicates(in records: [ParsedRecord], ignoring: Set<Int>) -> [(index: Int, issue: ImportIssue)] {
        var ids: [String: ParsedRecord] = [:], slugs: [String: ParsedRecord] = [:]
        var issues: [(Int, ImportIssue)] = []
        for (index, r) in records.enumerated() where !ignoring.contains(index) {
            if let first = ids[r.article.id] {
                issues.append((index, ImportIssue(file: r.file, line: r.line, record: r.article.id, field: "id",
                                          message: "duplicate id '\(r.article.id)', first at \(first.file):\(first.line ?? 0)")))
                continue
            }
            ids[r.article.id] = r
            if let first = slugs[r.article.slug] {
                issues.append((index, ImportIssue(file: r.file, line: r.line, record: r.article.id, field: "slug",
                                          message: "duplicate slug '\(r.article.slug)', first at \(first.file):\(first.line ?? 0)")))
                continue
            }
            slugs[r.article.slug] = r
        }
        return issues
    }

    private func read(_ path: String, options: ImportOptions, now: Date, judged: JudgedAnswerFiles,
                      progress: @escaping @Sendable (ImportProgress) -> Void) async -> ParseResult {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            return ParseResult(issues: [ImportIssue(file: path, message: "no such file or folder")])
        }
        if isDir.boolValue {
            if options.format == .medquad || (options.format == .auto && MedQuAD.isCollectionRoot(path)) {
                let counter = ProgressCounter()
                return await MedQuAD.parse(root: path, now: now) { step, total in
                    progress(ImportProgress(phase: .reading, done: counter.add(step), total: total))
                }
            }
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                .filter { !$0.hasPrefix(".") }.map { (path as NSString).appendingPathComponent($0) }
            var result = ParseResult()
            for (i, f) in files.enumerated() where Self.format(of: f, requested: options.format) != nil {
                result.append(await read(f, options: options, now: now, judged: judged, progress: progress))
                progress(ImportProgress(phase: .reading, done: i + 1, total: files.count))
            }
            if result.records.isEmpty && result.issues.isEmpty {
                result.issues.append(ImportIssue(file: path, message: "no importable files (.jsonl, .md, .txt, .xml)"))
            }
            return result
        }
        switch Self.format(of: path, requested: options.format) {
        case .jsonl: return JSONLines.parse(file: path, now: now)
        case .markdown: return MarkdownFile.parse(file: path, now: now)
        case .page: return PageFile.parse(file: path, title: options.title, category: options.category, now: now)
        case .medquad:
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            switch judged.answers(near: folder) {
            case let .failure(issue): return ParseResult(issues: [issue])
            case let .success(answers): return MedQuAD.parse(file: path, judged: answers, now: now)
            }
        case .auto, nil:
            return ParseResult(issues: [ImportIssue(file: path, message: "unknown format; use --format page|medquad|jsonl|markdown")])
        }
    }

    /// The format of a file from `--format` or, with `auto`, from its extension.
    static func format(of path: String, requested: ImportFormat) -> ImportFormat? {
        if requested != .auto { return requested }
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson": return .jsonl
        case "md", "markdown": return .markdown
        case "txt", "page": return .page
        case "xml": return .medquad
        default: return nil
        }
    }
}

/// `judged-answers.csv` files read once per import, however many single XML files need them.
final class JudgedAnswerFiles: Sendable {
    private let loaded = Mutex<[String: Result<[String: JudgedAnswer], ImportIssue>]>([:])

    func answers(near folder: String) -> Result<[String: JudgedAnswer], ImportIssue> {
        guard let file = MedQuAD.judgedAnswersFile(near: folder) else { return .success([:]) }
        return loaded.withLock { loaded in
            if let known = loaded[file] { return known }
            let result = Result { () throws(ImportIssue) in try JudgedAnswers.load(file) }
            loaded[file] = result
            return result
        }
    }
}

/// Adds up progress steps reported from concurrent readers.
final class ProgressCounter: Sendable {
    private let value = Mutex(0)
    func add(_ n: Int) -> Int { value.withLock { $0 += n; return $0 } }
}

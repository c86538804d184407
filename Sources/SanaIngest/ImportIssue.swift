import Foundation
import SanaCore

/// A problem with one place in an input: file, line or record, field.
public struct ImportIssue: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    /// The record's id or title where a line number means little (an XML file's QA pair).
    public var record: String?
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, record: String? = nil, field: String? = nil, message: String) {
        self.file = file; self.line = line; self.record = record; self.field = field; self.message = message
    }

    /// `file:line: record 'x': field 'y': message`, the form compilers use so editors can jump to it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ":"
        if let record { s += " record '\(ControlCharacters.escaped(record))':" }
        if let field { s += " field '\(field)':" }
        return s + " " + message
    }
}

/// How the importer settles a record's slug.
public enum SlugRule: Sendable {
    /// The slug the reader gave (from the input or the title); a clash is an error.
    case asGiven
    /// A stored article keeps its slug; a new one takes its title's slug when free, else that
    /// slug followed by its id. MedQuAD repeats question titles across documents ("What is (are)
    /// Diabetes ?"), and this keeps slugs stable whichever files are imported, in any order.
    case uniqueByID
}

/// One article read from an input, with where it came from.
public struct ParsedRecord: Sendable {
    public var article: Article
    public var file: String
    public var line: Int?
    public var slugRule: SlugRule

    public init(article: Article, file: String, line: Int? = nil, slugRule: SlugRule = .asGiven) {
        self.article = article; self.file = file; self.line = line; self.slugRule = slugRule
    }
}

/// What a reader produced from its input: good records and the issues of the bad ones.
public struct ParseResult: Sendable {
    public var records: [ParsedRecord] = []
    public var issues: [ImportIssue] = []
    /// Articles stored as drafts because their source has no answer text (MedQuAD).
    public var drafts: Int { records.filter { $0.article.status == .draft }.count }
    public init(records: [ParsedRecord] = [], issues: [ImportIssue] = []) {
        self.records = records; self.issues = issues
    }
    public mutating func append(_ other: ParseResult) {
        records += other.records; issues += other.issues
    }
}

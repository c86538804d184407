import Foundation

/// One line of a run file, the answers given to one question, as the LiveQA scorer reads it:
/// `{"qid": "ID", "ids": ["a", "b"]}`, with Python's `json.dumps` separators.
public struct RunLine: Sendable, Codable, Equatable {
    public var qid: String
    public var ids: [String]

    public init(qid: String, ids: [String]) {
        self.qid = qid
        self.ids = ids
    }

    /// The line without its newline. Each string is encoded by `JSONEncoder` (so quotes,
    /// backslashes and control characters are escaped); the layout is the scorer's own, which
    /// `JSONEncoder` does not write (it puts no space after ":" and ",").
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func encoded(_ s: String) throws -> String { String(decoding: try encoder.encode(s), as: UTF8.self) }
        return "{\"qid\": \(try encoded(qid)), \"ids\": [\(try ids.map(encoded).joined(separator: ", "))]}"
    }

    /// A run file: the lines, each ending in a newline (a file of no questions is one newline).
    public static func file(_ lines: [RunLine]) throws -> String {
        try lines.map { try $0.json() }.joined(separator: "\n") + "\n"
    }
}

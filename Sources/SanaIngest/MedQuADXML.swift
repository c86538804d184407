import Foundation
import SanaCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One MedQuAD XML file as read.
struct XMLDocumentRecord: Sendable {
    var file: String
    var id = ""
    var source = ""
    var url = ""
    var focus = ""
    var synonyms: [String] = []
    var pairs: [XMLPair] = []
}

struct XMLPair: Sendable {
    var pid = ""
    var qtype = ""
    var question = ""
    var answer = ""
    var line = 0
}

typealias FileResult = Result<XMLDocumentRecord, ImportIssue>

extension MedQuAD {
    static func parseFile(_ path: String) -> FileResult {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            return .failure(ImportIssue(file: path, message: "cannot read file: \(error.localizedDescription)"))
        }
        do { _ = try TextFile.decode(data, file: path) } catch { return .failure(error) }
        return parse(data: data, file: path)
    }

    static func parse(data: Data, file: String) -> FileResult {
        let delegate = MedQuADParserDelegate(file: file)
        let parser = XMLParser(data: escapingUndeclaredEntities(data))
        parser.delegate = delegate
        if !parser.parse() {
            let message = parser.parserError.map { MedQuADParserDelegate.describe($0) } ?? "malformed XML"
            return .failure(ImportIssue(file: file, line: max(1, parser.lineNumber), message: message))
        }
        if let issue = delegate.issue { return .failure(issue) }
        let doc = delegate.doc
        if doc.id.isEmpty { return .failure(ImportIssue(file: file, line: 1, field: "Document@id", message: "is required")) }
        if doc.source.isEmpty { return .failure(ImportIssue(file: file, line: 1, field: "Document@source", message: "is required")) }
        if doc.url.isEmpty { return .failure(ImportIssue(file: file, line: 1, field: "Document@url", message: "is required")) }
        return .success(doc)
    }
}

extension MedQuAD {
    /// Scraped answers hold HTML entities (`&nbsp;`) that XML does not declare; libxml2 reports
    /// them and then drops the text of later entities. Each becomes literal text (`&amp;nbsp;`)
    /// instead, so nothing is lost. Files that declare entities in a DTD are left as they are.
    static func escapingUndeclaredEntities(_ data: Data) -> Data {
        let amp = UInt8(ascii: "&"), semicolon = UInt8(ascii: ";")
        guard data.contains(amp), data.firstRange(of: Data("<!ENTITY".utf8)) == nil else { return data }
        let known: Set<Data> = Set(["amp", "lt", "gt", "quot", "apos"].map { Data($0.utf8) })
        let bytes = [UInt8](data)
        var out = Data(capacity: bytes.count + 64)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            i += 1
            guard b == amp else { continue }
            // A name: a letter or "_", then letters, digits, "_", "-", "." up to ";".
            var j = i
            while j < bytes.count, j - i < 64, isNameByte(bytes[j], first: j == i) { j += 1 }
            if j > i, j < bytes.count, bytes[j] == semicolon, !known.contains(Data(bytes[i..<j])) {
                out.append(contentsOf: Array("amp;".utf8))
            }
        }
        return out
    }

    private static func isNameByte(_ b: UInt8, first: Bool) -> Bool {
        let letter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        return first ? letter : letter || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
    }
}

/// Collects the elements Sana uses; everything else (UMLS codes) is skipped. A few files use an
/// older schemas (`doc docid corpus`, `doctitle-focus`, `pair`; `DiseaseFile fid`); it maps onto the same.
private final class MedQuADParserDelegate: NSObject, XMLParserDelegate {
    var doc: XMLDocumentRecord
    var issue: ImportIssue?
    private var text = ""
    /// The element whose text is being collected; inline markup inside it (`<i>`, `<a>`) adds
    /// its text instead of starting over.
    private var capturing: String?
    private var pair: XMLPair?
    private static let captured: Set<String> = ["Focus", "Synonym", "Question", "Answer"]

    init(file: String) { doc = XMLDocumentRecord(file: file) }

    static func describe(_ error: any Error) -> String {
        let code = (error as NSError).code
        guard let name = XMLParser.ErrorCode(rawValue: code).map({ "\($0)" }) else { return "malformed XML (error \(code))" }
        // "tagNameMismatchError" → "tag name mismatch"
        let words = name.replacingOccurrences(of: "Error", with: "").reduce(into: "") { out, c in
            if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
        }
        return "malformed XML: \(words.trimmingCharacters(in: .whitespaces))"
    }

    private static let aliases = ["doc": "Document", "DiseaseFile": "Document", "doctitle-focus": "Focus", "pair": "QAPair",
                                  "question": "Question", "answer": "Answer", "synonym": "Synonym"]

    func parser(_ parser: XMLParser, didStartElement rawName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = Self.aliases[rawName] ?? rawName
        guard capturing == nil else { return }
        if Self.captured.contains(name) { capturing = name; text = "" }
        switch name {
        case "Document":
            doc.id = attributes["id"] ?? attributes["docid"] ?? attributes["fid"] ?? ""
            doc.source = attributes["source"] ?? attributes["corpus"] ?? ""
            doc.url = attributes["url"] ?? ""
        case "QAPair":
            pair = XMLPair(pid: attributes["pid"] ?? "", line: parser.lineNumber)
            if pair?.pid.isEmpty == true {
                issue = issue ?? ImportIssue(file: doc.file, line: parser.lineNumber, field: "QAPair@pid", message: "is required")
            }
        case "Question":
            pair?.qtype = attributes["qtype"] ?? ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if capturing != nil { text += string } }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { if capturing != nil { text += String(decoding: block, as: UTF8.self) } }

    /// libxml2 recovers from some errors (a mismatched end tag) and `parse()` still returns true,
    /// so every reported error is kept and fails the file.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        issue = issue ?? ImportIssue(file: doc.file, line: max(1, parser.lineNumber),
                                     message: Self.describe(parseError))
    }

    func parser(_ parser: XMLParser, didEndElement rawName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = Self.aliases[rawName] ?? rawName
        guard capturing == nil || capturing == name else { return }
        capturing = nil
        let value = Summary.collapseWhitespace(text)
        switch name {
        case "Focus": doc.focus = value
        case "Synonym" where !value.isEmpty: doc.synonyms.append(value)
        case "Question":
            pair?.question = value
            if value.isEmpty { issue = issue ?? ImportIssue(file: doc.file, line: parser.lineNumber, record: pair?.pid, field: "Question", message: "is empty") }
        case "Answer": pair?.answer = value
        case "QAPair":
            if let p = pair { doc.pairs.append(p) }
            pair = nil
        default: break
        }
        text = ""
    }
}

import Foundation

/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.
enum CSVTable {
    /// Rows of fields; `line` is where each row starts, for error messages.
    static func rows(_ text: String) throws(CSVError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, rowLine = 1
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func nextChar() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        var atFieldStart = true
        while let c = nextChar() {
            if inQuotes {
                if c == "\"" {
                    if let n = nextChar() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart: inQuotes = true; atFieldStart = false
            case ",": fields.append(field); field = ""; atFieldStart = true
            case "\r": continue
            case "\n":
                fields.append(field); field = ""
                rows.append((rowLine, fields)); fields = []
                line += 1; rowLine = line; atFieldStart = true
            default: field.unicodeScalars.append(c); atFieldStart = false
            }
        }
        if inQuotes { throw CSVError(line: rowLine, message: "quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append((rowLine, fields)) }
        return rows
    }
}

struct CSVError: Error {
    var line: Int
    var message: String
}

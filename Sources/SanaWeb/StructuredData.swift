import Foundation
import SanaCore

/// schema.org JSON-LD for article pages: a `MedicalWebPage` about a `MedicalCondition`.
enum StructuredData {
    static func medicalWebPage(_ a: Article, url: String) -> String {
        var page: [String: Any] = [
            "@context": "https://schema.org", "@type": "MedicalWebPage", "name": a.title, "url": url,
            "description": a.summary, "inLanguage": a.language, "dateModified": iso(a.updatedAt),
        ]
        if let focus = a.focus {
            var about: [String: Any] = ["@type": "MedicalCondition", "name": focus]
            if !a.alsoCalled.isEmpty { about["alternateName"] = a.alsoCalled }
            page["about"] = about
        }
        if let reviewed = a.reviewedAt { page["lastReviewed"] = PageRenderer.isoDay(reviewed) }
        if let reviewer = a.reviewer { page["reviewedBy"] = ["@type": "Person", "name": reviewer] }
        if let licensed = a.sources.first(where: { $0.licence?.uppercased().contains("CC BY 4.0") == true }) {
            page["license"] = "https://creativecommons.org/licenses/by/4.0/"
            page["isBasedOn"] = licensed.url
        }
        return scriptSafeJSON(page)
    }

    /// JSON that cannot end the script element it sits in: `<`, `>` and `&` become escapes.
    static func scriptSafeJSON(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}

/// Text escaped for HTML and XML: the five characters that can change markup.
func escapeMarkup(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // Control characters other than tab and newline are not allowed in XML 1.0 text.
            if c.value < 0x20 && c != "\t" && c != "\n" { continue }
            out.unicodeScalars.append(c)
        }
    }
    return out
}

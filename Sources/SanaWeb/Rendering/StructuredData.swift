import Foundation
import SanaCore

/// schema.org JSON-LD for article pages: a `MedicalWebPage` about a `MedicalCondition`.
enum StructuredData {
    static func medicalWebPage(_ a: Article, url: String) -> String {
        var page: [String: Any] = [
            "@context": "https://schema.org", "@type": "MedicalWebPage", "name": a.title, "url": url,
            "description": a.summary, "inLanguage": PageRenderer.languageTag(a.language), "dateModified": iso(a.updatedAt),
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
        return json(page)
    }

    /// The JSON-LD script element of a page: the JSON cannot end it, since every string in it
    /// went through `Escape.jsonInScript`.
    static func scriptElement(_ json: String) -> String {
        "<script type=\"application/ld+json\">" + json + "</script>\n"
    }

    /// JSON with sorted keys whose strings are written by `Escape.jsonInScript`, so no `<`, `>`
    /// or `&` appears in it: neither `</script>` nor `<!--` can survive, whatever marks join them.
    static func json(_ value: Any) -> String {
        switch value {
        case let text as String: Escape.jsonInScript(text)
        case let list as [Any]: "[" + list.map(json).joined(separator: ",") + "]"
        case let object as [String: Any]:
            "{" + object.keys.sorted().map { Escape.jsonInScript($0) + ":" + json(object[$0]!) }.joined(separator: ",") + "}"
        case let number as Int: String(number)
        default: "null"
        }
    }

    /// JSON bytes with `<`, `>` and `&` written as `\u` escapes (in JSON they occur only inside
    /// strings, and in UTF-8 those bytes are never part of another character), so JSON that ends
    /// up read as HTML holds no markup.
    static func withoutMarkupCharacters(_ json: Data) -> Data {
        var out = Data(capacity: json.count)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: Array(#"\u003c"#.utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array(#"\u003e"#.utf8))
            case UInt8(ascii: "&"): out.append(contentsOf: Array(#"\u0026"#.utf8))
            default: out.append(byte)
            }
        }
        return out
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}

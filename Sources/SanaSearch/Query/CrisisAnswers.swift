import Foundation
import SanaCore

/// Which articles may follow the crisis notice (see `Resources/crisis-answers.txt`): help and
/// treatment, never means.
struct CrisisAnswers {
    var help: [RedFlags.Phrase] = []
    var means: [RedFlags.Phrase] = []
    var meansCategories: Set<String> = []
    var ask = ""

    static let shared: CrisisAnswers = {
        guard let url = Bundle.module.url(forResource: "Resources/crisis-answers", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("SanaSearch resource crisis-answers.txt is missing")
        }
        var lists = CrisisAnswers()
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let values = line[line.index(after: colon)...].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            switch line[..<colon] {
            case "help": lists.help = values.map(RedFlags.phrase)
            case "means": lists.means = values.map(RedFlags.phrase)
            case "means-category": lists.meansCategories = Set(values)
            case "ask": lists.ask = values.joined(separator: " ")
            default: preconditionFailure("crisis-answers.txt: unknown key in \(line)")
            }
        }
        return lists
    }()

    /// Whether a passage shown to the reader speaks of none of the means.
    func showsNoMeans(_ text: String) -> Bool {
        let words = RedFlags.words(text, isEnglish: { _ in true })
        return !means.contains { RedFlags.matches($0, words) }
    }

    /// Whether an article with this text (title, names, summary) in this category may answer.
    func allows(_ text: String, categorySlug: String) -> Bool {
        guard meansCategories.isDisjoint(with: categorySlug.split(separator: "-").map(String.init)) else { return false }
        let words = RedFlags.words(text, isEnglish: { _ in true })
        return help.contains { RedFlags.matches($0, words) } && !means.contains { RedFlags.matches($0, words) }
    }
}

import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// The preview beside the draft form: the article exactly as the public page renders it (the
/// `article-main` template, `articleMain` and the Markdown renderer it uses, not a copy), after
/// what a writer checks before submitting: the sections with the aspect search infers for each,
/// the care cards, the sources, the Flesch–Kincaid grade with the long sentences, and a warning
/// when nothing says when to seek care. Without JavaScript the form's Preview button shows it;
/// `editor.js` posts the form to `POST /editor/preview` as the writer types and puts the
/// fragment this answers in place.
extension EditorRoutes {
    func preview(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = DraftForm(context.form)
        let id = context.form["article"] ?? ""
        let stored = id.isEmpty ? nil : try await store.article(id: id)
        return page(renderer.draftPreview(form.article(basedOn: stored)))
    }
}

extension EditorRoutes.DraftForm {
    /// The article the form describes, on top of the stored one (its sources and address).
    func article(basedOn stored: Article?) -> Article {
        var a = stored ?? Article(id: "preview", title: "", body: "", category: Category(name: ""), status: .draft)
        a.title = title; a.body = body; a.category = Category(name: category)
        a.summary = summary.isEmpty ? Summary.derive(from: body) : summary
        // A draft has not been reviewed: the preview shows no review line.
        a.reviewer = nil; a.reviewedAt = nil; a.nextReviewDue = nil
        return a
    }
}

extension PageRenderer {
    /// Elements of the preview get ids of their own, apart from the form's.
    static let previewAnchorPrefix = "preview-"
    /// How many words of a care card or long sentence the checks list.
    static let previewWords = 12

    /// The preview panel: the checks, then the article as the public page shows it.
    func draftPreview(_ a: Article) -> String {
        var ctx = articleMain(a)
        ctx["anchorPrefix"] = Self.previewAnchorPrefix
        let sections = SectionParser.sections(of: a.body)
        ctx["outline"] = sections.map { s -> [String: Any] in
            ["sectionName": s.heading ?? "Introduction", "aspectName": s.aspect.rawValue.replacingOccurrences(of: "-", with: " ")]
        }
        ctx["hasOutline"] = !sections.isEmpty
        let cards = CareCard.found(in: a.body)
        ctx["hasCareCards"] = !cards.isEmpty
        ctx["careCards"] = cards.map { ["careLevel": $0.level.rawValue, "careWords": Self.firstWords($0.text)] }
        ctx["sourceCount"] = a.sources.isEmpty ? "none yet" : String(a.sources.count)
        let readability = Readability(text: sections.map(\.text).joined(separator: "\n"))
        if let grade = readability.grade {
            ctx["grade"] = String(format: "%.1f", grade)
            ctx["gradeAbove"] = grade > Readability.targetGrades.upperBound
            ctx["counts"] = "\(readability.words) words in \(readability.sentences) sentences"
        }
        ctx["targetText"] = "reading age 9 to 11 (NHS), about grade 4–6"
        ctx["longWords"] = String(Readability.longSentenceWords)
        ctx["hasLongSentences"] = !readability.longSentences.isEmpty
        ctx["longSentences"] = readability.longSentences.map {
            ["sentence": Self.firstWords($0), "wordCount": String($0.split(whereSeparator: \.isWhitespace).count)]
        }
        ctx["missingCare"] = !a.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            && cards.isEmpty && !sections.contains { $0.aspect == .whenToSeekCare }
        return render("editor-preview", ctx)
    }

    /// The first words of a text, with "…" when there were more.
    static func firstWords(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.prefix(previewWords).joined(separator: " ") + (words.count > previewWords ? " …" : "")
    }

    /// The care-card markers the help box shows, from what `CareLevel` accepts.
    static var careCardHelp: [[String: Any]] {
        let examples: [CareLevel: String] = [.emergency: "Call 999 if you have chest pain that spreads to your arm.",
                                             .urgent: "See a doctor today if you have a fever and yellow skin.",
                                             .nonUrgent: "Make an appointment if the pain keeps coming back."]
        return CareLevel.allCases.map { level in
            ["marker": "> [!\(level.rawValue.uppercased())] " + (examples[level] ?? ""), "label": level.label]
        }
    }
}

import ArgumentParser
import Foundation
import SanaEval
import SanaSearch

/// Measures question understanding on annotated questions (LiveQA's training file): focus and
/// first-type accuracy, on all questions and on the held-out fifth, and every spelling correction.
struct Understand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure question understanding (focus, type, spelling) on annotated questions (liveqa-train format).")
    @Argument(help: "Questions, one JSON object per line with qid, subject, message and annotations [{focus, type}].")
    var questions: String
    @Flag(help: "Print each looked-at question with its focus and types, marked right or wrong (held-out questions are never printed).")
    var verbose = false
    @Option(help: "Write every spelling correction as 'word<TAB>correction' lines here (sorted, distinct).")
    var correctionsOut: String?
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let asked = try UnderstandingScore.load(questions)
        // Names compare as Sana compares them: index terms, in any order ("leg swelling" is "swelling leg").
        let normalise = { (name: String) in SearchIndex.nameKey(name).split(separator: " ").sorted().joined(separator: " ") }
        var loaded: SearchIndex?
        try await reportingStorageFailures { loaded = try await db.loadSearchIndex() }
        guard let index = loaded else { return }
        var all = UnderstandingScore.Tally(), held = UnderstandingScore.Tally(), seen = UnderstandingScore.Tally()
        var corrections = Set<String>()
        for (i, q) in asked.enumerated() {
            let u = index.understand(q.text)
            let understood = UnderstandingScore.Understood(types: u.types.map(\.rawValue), focus: u.focus.map { $0.key.split(separator: " ").sorted().joined(separator: " ") })
            all.add(q, understood, normalise: normalise)
            if UnderstandingScore.isHeldOut(i) { held.add(q, understood, normalise: normalise) } else {
                seen.add(q, understood, normalise: normalise)
            }
            for c in u.corrections { corrections.insert("\(c.from)\t\(c.to)") }
            // The held-out fifth stays unseen: only its aggregate figure is printed.
            if verbose && !UnderstandingScore.isHeldOut(i) {
                let wantedFocus = Set(q.annotations.map { normalise($0.focus) })
                var wantedTypes = q.annotations.map { UnderstandingScore.typeNames[$0.type.lowercased()] ?? "?" + $0.type }
                if wantedTypes.contains("diagnosis") { wantedTypes.append("tests") }  // as the tally counts it
                let focusMark = u.focus.first.map { wantedFocus.contains($0.key.split(separator: " ").sorted().joined(separator: " ")) ? "ok" : "NO" } ?? "--"
                let typeMark = u.types.first.map { wantedTypes.contains($0.rawValue) ? "ok" : "NO" } ?? "--"
                print("\(q.qid): \(q.text.prefix(600).replacingOccurrences(of: "\n", with: " / "))")
                print("  focus \(focusMark): \(u.focus.map { "\($0.key)~\($0.knownAs)\($0.hasArticle ? "" : "*")" }.joined(separator: " | ")) want \(wantedFocus.sorted())")
                print("  type  \(typeMark): \(u.types.map(\.rawValue).joined(separator: ", ")) want \(wantedTypes)")
                for line in index.explainFocus(q.text).prefix(6) { print("    \(line)") }
                if !u.corrections.isEmpty { print("  spelling: \(u.corrections.map { "\($0.from)→\($0.to)" }.joined(separator: ", "))") }
            }
        }
        func line(_ name: String, _ t: UnderstandingScore.Tally) -> String {
            String(format: "%@: %d questions, focus %.1f%% (no focus %.1f%%), first type %.1f%%", name, t.questions,
                   t.focusAccuracy * 100, t.noFocusShare * 100, t.typeAccuracy * 100)
        }
        print(line("all", all))
        print(line("looked at while writing", seen))
        print(line("held out (every fifth)", held))
        print("spelling: \(corrections.count) distinct corrections")
        if let correctionsOut {
            try (corrections.sorted().joined(separator: "\n") + "\n").write(toFile: correctionsOut, atomically: true, encoding: .utf8)
        }
    }
}

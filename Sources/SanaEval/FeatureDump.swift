import Foundation
import SanaSearch

/// The features of every question's candidate answers, one JSON object per line, for learning
/// the ranking weights (`tools/learn_ranking.py`):
/// `{"qid": "1", "id": "GHR_0000123_Sec2", "rank": 0, "cluster": 0, "features": {"bm25f": 0.41, …}}`.
/// `rank` is the first stage's order (it breaks ties), `cluster` the rank of the best member of
/// the candidate's set of equivalent answers (equivalents show as one answer). Numbers are
/// written with every digit needed to read them back exactly, so the learner scores as the engine does.
public enum FeatureDump {
    public static func lines(questions: [LiveQAEvaluation.Question], useSummary: Bool = false,
                             candidates: (String) -> [CandidateFeatures]) -> String {
        var out = ""
        for q in questions {
            let text = useSummary ? (q.summary ?? q.question) : q.question
            for c in candidates(text) {
                let features = zip(RankingFeature.allCases, c.features).map { "\"\($0.rawValue)\": \(LiveQAEvaluation.pythonFloat($1))" }
                out += "{\"qid\": \(jsonString(q.qid)), \"id\": \(jsonString(c.id)), \"rank\": \(c.firstStageRank), "
                    + "\"cluster\": \(c.cluster), \"features\": {\(features.joined(separator: ", "))}}\n"
            }
        }
        return out
    }

    static func jsonString(_ s: String) -> String {
        (try? String(decoding: JSONEncoder().encode(s), as: UTF8.self)) ?? "\"\""
    }
}

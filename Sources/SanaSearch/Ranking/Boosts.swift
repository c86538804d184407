import Foundation

/// What ranks an answer beyond its words: its topic, its focus and the kind of question it answers.
extension IndexSnapshot {
    /// Adds to the scores of the `touched` articles: a share of the best score among answers
    /// about the same topic (the right topic's answers rank up together), a bonus for answering
    /// the kind of question asked, and one for being about a name the question holds, scaled by
    /// how specific the name is; articles about such a name join `touched`. Returns the name
    /// each article was boosted for and the highest of
    /// their specificities (see `focusSpecificity`): an article is about one thing, and one that
    /// names several of the person's background names is not the more about what they ask.
    func addBoosts(_ dense: inout [Float], _ touched: inout [Int32], focusKeys: [String], wantedMask: UInt32,
                   _ p: RankingParameters) -> [Int32: (key: String, specificity: Float)] {
        var groupBest = p.groupWeight > 0 ? scratch.take(groupIDs.count) : []
        dense.withUnsafeMutableBufferPointer { scores in
            docGroups.withUnsafeBufferPointer { groups in
                docTypes.withUnsafeBufferPointer { types in
                    groupBest.withUnsafeMutableBufferPointer { best in
                        if p.groupWeight > 0 {
                            for d in touched { let g = Int(groups[Int(d)]); best[g] = max(best[g], scores[Int(d)]) }
                        }
                        for d in touched {
                            let i = Int(d)
                            var s = scores[i]
                            if p.groupWeight > 0 { s += p.groupWeight * best[Int(groups[i])] }
                            if s > 0 && types[i] & wantedMask != 0 { s += p.typeBoost }
                            scores[i] = s
                        }
                    }
                }
            }
        }
        if p.groupWeight > 0 { scratch.give(groupBest, written: touched.lazy.map { self.docGroups[Int($0)] }) }
        var focusOf: [Int32: (key: String, specificity: Float)] = [:]
        forEachFocusBoost(focusKeys, p) { d, key, boost, specificity in
            if dense[Int(d)] == 0 {
                touched.append(d)
                if docTypes[Int(d)] & wantedMask != 0 { dense[Int(d)] += p.typeBoost }
            }
            dense[Int(d)] += boost
            focusOf[d] = (focusOf[d]?.key ?? key, max(focusOf[d]?.specificity ?? 0, specificity))
        }
        return focusOf
    }

    /// Each alive article about a name of `focusKeys`, with the name, its boost and its specificity,
    /// in the order the boosts add up (the pruned first stage must add them in the same order).
    func forEachFocusBoost(_ focusKeys: [String], _ p: RankingParameters, _ body: (Int32, String, Float, Float) -> Void) {
        for key in focusKeys {
            let list = focusDocs.articles(key)
            guard !list.isEmpty else { continue }
            let specificity = focusSpecificity(articles: list.count)
            let boost = p.focusBoost * specificity
            guard boost > 0 else { continue }
            for d in list where docAlive[Int(d)] { body(d, key, boost, specificity) }
        }
    }

    /// How much naming a focus says: its idf over the articles about it, a fifth of it (about 0–3).
    func focusSpecificity(articles: Int) -> Float {
        Float(log(1 + Double(max(liveCount, 1)) / Double(max(articles, 1)))) / 5
    }
}

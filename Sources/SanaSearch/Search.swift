import Foundation
import SanaCore

/// The candidates of one question, ranked by the learned weights.
struct RankedCandidates {
    var understood: UnderstoodQuestion
    /// Best first; equivalent answers still separate (see `collapsed`).
    var candidates: [Candidate]
    /// How many articles matched at all.
    var total: Int
    var wantedMask: UInt32
    var wantedAspects: Set<Aspect>
    var focusOf: [Int32: (key: String, specificity: Float)]
}

extension IndexSnapshot {
    /// Answers a question: ranked articles with their best section and a snippet.
    /// `category` keeps only articles of that category (by slug); `offset` skips the best ones,
    /// for later pages.
    func search(_ question: String, limit: Int = 10, offset: Int = 0, category: String? = nil,
                parameters: RankingParameters = RankingParameters(), model: RankingModel) -> SearchResponse {
        let ranked = rank(question, category: category, atLeast: offset + limit, parameters: parameters, model: model)
        let understood = ranked.understood, analysis = understood.analysis
        // Equivalent answers show once, at the place of the best of them, "also on" the others.
        var shown: [(candidate: Candidate, alsoOn: [Int32])] = []
        var placeOfCluster: [Int: Int] = [:]
        for c in ranked.candidates {
            if let at = placeOfCluster[c.cluster] { shown[at].alsoOn.append(c.doc); continue }
            placeOfCluster[c.cluster] = shown.count
            shown.append((c, []))
        }
        let top = shown.dropFirst(offset).prefix(limit)
        let queryTermIDs = understood.weights.keys.sorted()
        let forms = SurfaceForms(queryTermIDs.flatMap { termSurfaces[Int($0)] })
        let matchedTerms = Array(Set(understood.matchedTerms)).sorted()
        var results = top.map { c, alsoOn -> SearchResult in
            let d = c.doc
            let doc = document(d)
            let (section, snippet, highlights) = Passage.best(in: doc, termIDs: queryTermIDs, forms: forms, aspects: ranked.wantedAspects)
            return SearchResult(id: doc.id, slug: doc.slug, title: doc.title, categorySlug: doc.categorySlug, score: c.score,
                                section: .init(heading: section.heading, aspect: section.aspect),
                                snippet: snippet, highlights: highlights,
                                why: .init(focus: ranked.focusOf[d]?.key,
                                           type: docTypes[Int(d)] & ranked.wantedMask != 0 ? analysis.types.first?.rawValue : nil,
                                           terms: matchedTerms),
                                confidence: model.confidence(c.score),
                                alsoOn: alsoOn.map { other in
                                    let n = names(of: other)
                                    return .init(id: id(of: other), slug: n.slug, title: n.title, categorySlug: categorySlug(of: other))
                                })
        }
        // A help article's best passage may still speak of doses: it is not shown after a crisis notice.
        if understood.crisis { results.removeAll { !CrisisAnswers.shared.showsNoMeans($0.snippet) } }
        let best = ranked.candidates.first.map { model.confidence($0.score) } ?? 0
        // Under an urgent-care notice the answers stay, however unsure: they may be the ones that help.
        let understanding = understood.understanding
        return SearchResponse(query: question, types: analysis.types, focus: understood.focusKeys, didYouMean: analysis.didYouMean,
                              corrections: understanding.corrections, focusNames: understanding.focus,
                              focusWithoutArticle: understanding.focus.first.flatMap { $0.hasArticle ? nil : $0.words },
                              urgent: understood.urgent, total: ranked.total, results: results,
                              noGoodAnswer: understood.urgent == nil && liveCount >= RankingModel.calibratedFromArticles && best < model.threshold,
                              bestConfidence: best)
    }

    /// The first stage (BM25F and the hand-tuned boosts) keeps its best `model.candidates`
    /// articles (more when a later page needs them); the learned weights order those.
    func rank(_ question: String, category: String?, atLeast: Int, parameters: RankingParameters,
              model: RankingModel) -> RankedCandidates {
        let understood = understand(question, parameters: parameters)
        let analysis = understood.analysis
        let wantedAspects = Set(analysis.types.flatMap(\.aspects))
        var wantedMask: UInt32 = 0, firstMask: UInt32 = 0
        for (i, type) in QuestionType.allCases.enumerated() where analysis.types.contains(type) {
            wantedMask |= 1 << UInt32(i)
            if type == analysis.types.first { firstMask = 1 << UInt32(i) }
        }
        // Equivalent answers fold into one, so a page needs more candidates than it shows.
        let k = max(model.candidates, atLeast * 2)
        let stage: FirstStage
        if parameters.prune, category == nil, !understood.crisis, postingCount(understood.weights) > parameters.pruneAbove,
           let pruned = prunedFirstStage(understood.weights, focusKeys: understood.focusKeys, wantedMask: wantedMask, k: k, parameters) {
            stage = pruned
        } else {
            stage = exhaustiveFirstStage(understood, category: category, wantedMask: wantedMask, k: k, parameters)
        }
        let firstStage = stage.top, total = stage.total, focusOf = stage.focusOf
        let unknown = analysis.terms.filter { termIDs[$0] == nil }
        let rarest = log(1 + (Float(max(liveCount, 1)) + 0.5) / 0.5)
        let missing = unknown.reduce(Float(0)) { $0 + (Filler.words.contains($1) ? parameters.fillerWeight : 1) * rarest }
        let asked = AskedFor(terms: scoredTerms(understood.featureWeights), missingWeight: missing,
                             focusOf: focusOf, firstFocus: Set(understood.focusKeys.first.map { focusDocs.articles($0) } ?? []),
                             firstTypeMask: firstMask,
                             wantedMask: wantedMask, wantedAspects: wantedAspects)
        var candidates = features(of: firstStage, asked, parameters)
        let clusters = Duplicates.clusters(summaries: candidates.map(\.summary), group: firstStage.map { docGroups[Int($0)] },
                                           types: firstStage.map { docTypes[Int($0)] })
        for i in candidates.indices {
            candidates[i].cluster = clusters[i]
            candidates[i].score = model.score(candidates[i].features)
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.firstStageRank < $1.firstStageRank }
        return RankedCandidates(understood: understood, candidates: candidates, total: total, wantedMask: wantedMask,
                                wantedAspects: wantedAspects, focusOf: focusOf)
    }

    /// The first stage by scoring every article that shares a word with the question: for a
    /// category's search and after a crisis notice (which filter the articles), and when
    /// `prunedFirstStage` cannot bound the boosts.
    func exhaustiveFirstStage(_ understood: UnderstoodQuestion, category: String?, wantedMask: UInt32, k: Int,
                              _ parameters: RankingParameters) -> FirstStage {
        var (dense, touched) = scoreDocuments(understood.weights, parameters)
        let focusOf = addBoosts(&dense, &touched, focusKeys: understood.focusKeys, wantedMask: wantedMask, parameters)
        let written = touched
        if let category {
            let wanted = categoryIDs[category] ?? -1
            touched.removeAll { docCategory[Int($0)] != wanted }
        }
        // Reading articles is slow, so only the 500 best candidates are judged.
        if understood.crisis { touched = crisisAllowed(TopK.select(dense, touched, 500).map(\.key)) }
        let total = touched.reduce(0) { $0 + (dense[Int($1)] > 0 ? 1 : 0) }
        let top = TopK.select(dense, touched, k).map(\.key)
        scratch.give(consume dense, written: written)
        return FirstStage(top: top, total: total, focusOf: focusOf)
    }

    /// The category slug of article `n`.
    func categorySlug(of n: Int32) -> String {
        records.read(docRecord[Int(n)]) { r in
            IndexRecord.skipHead(&r)
            for _ in 0..<3 { r.skipBytes() }
            return r.string()
        }
    }
}

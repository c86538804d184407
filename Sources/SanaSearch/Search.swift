import SanaCore

extension IndexSnapshot {
    /// Answers a question: ranked articles with their best section and a snippet.
    /// `category` keeps only articles of that category (by slug); `offset` skips the best ones,
    /// for later pages.
    func search(_ question: String, limit: Int = 10, offset: Int = 0, category: String? = nil,
                parameters: RankingParameters = RankingParameters()) -> SearchResponse {
        let understood = understand(question, parameters: parameters)
        let analysis = understood.analysis, crisis = understood.crisis
        var (dense, touched) = scoreDocuments(understood.weights, parameters)
        let wantedAspects = Set(analysis.types.flatMap(\.aspects))
        var wantedMask: UInt32 = 0
        for (i, type) in QuestionType.allCases.enumerated() where analysis.types.contains(type) { wantedMask |= 1 << UInt32(i) }
        let focusOf = addBoosts(&dense, &touched, focusKeys: understood.focusKeys, wantedMask: wantedMask, parameters)
        let written = touched
        if let category {
            let wanted = categoryIDs[category] ?? -1
            touched.removeAll { docCategory[Int($0)] != wanted }
        }
        // Reading articles is slow, so only the 500 best candidates are judged.
        if crisis { touched = crisisAllowed(TopK.select(dense, touched, 500).map(\.key)) }
        let total = touched.reduce(0) { $0 + (dense[Int($1)] > 0 ? 1 : 0) }
        // Near-identical answers (MedQuAD repeats one text under several names) add nothing
        // after the first: they drop behind different answers.
        var seenText = Set<String>()
        var ranked = TopK.select(dense, touched, (offset + limit) * 3).map { entry -> (key: Int32, value: Float) in
            let first = seenText.insert(summary(of: entry.key)).inserted
            return first ? entry : (entry.key, entry.value * parameters.duplicatePenalty)
        }
        ranked.sort { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let top = ranked.dropFirst(offset).prefix(limit)
        let queryTermIDs = understood.weights.keys.sorted()
        let forms = SurfaceForms(queryTermIDs.flatMap { termSurfaces[Int($0)] })
        let matchedTerms = Array(Set(understood.matchedTerms)).sorted()
        var results = top.map { d, score -> SearchResult in
            let doc = document(d)
            let (section, snippet, highlights) = Passage.best(in: doc, termIDs: queryTermIDs, forms: forms, aspects: wantedAspects)
            return SearchResult(id: doc.id, slug: doc.slug, title: doc.title, categorySlug: doc.categorySlug, score: Double(score),
                                section: .init(heading: section.heading, aspect: section.aspect),
                                snippet: snippet, highlights: highlights,
                                why: .init(focus: focusOf[d], type: docTypes[Int(d)] & wantedMask != 0 ? analysis.types.first?.rawValue : nil,
                                           terms: matchedTerms))
        }
        // A help article's best passage may still speak of doses: it is not shown after a crisis notice.
        if crisis { results.removeAll { !CrisisAnswers.shared.showsNoMeans($0.snippet) } }
        scratch.give(consume dense, written: written)
        let understanding = understood.understanding
        return SearchResponse(query: question, types: analysis.types, focus: understood.focusKeys, didYouMean: analysis.didYouMean,
                              corrections: understanding.corrections, focusNames: understanding.focus,
                              focusWithoutArticle: understanding.focus.first.flatMap { $0.hasArticle ? nil : $0.words },
                              urgent: understood.urgent, total: total, results: results)
    }
}

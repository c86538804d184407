import SanaCore

/// One of the first stage's best articles, with what the learned ranking weighs.
struct Candidate {
    var doc: Int32
    /// Place in the first stage's order (0 = best): breaks ties of the learned score.
    var firstStageRank: Int
    /// In the order of `RankingFeature.allCases`.
    var features: [Double]
    /// The first-stage rank of the best member of its set of equivalent answers (see `Duplicates`).
    var cluster: Int = 0
    var score: Double = 0
    /// The article's summary, for finding equivalent answers.
    var summary: String = ""
}

/// What the question asks, as the feature pass needs it.
struct AskedFor {
    var terms: [(term: Int32, qw: Float, idf: Float)]
    /// Weight × idf of the question's words no article holds: shares count them as not covered
    /// (a question about a giraffe is not answered by the one article that shares its "cost").
    var missingWeight: Float
    var focusOf: [Int32: (key: String, specificity: Float)]
    /// The articles about the question's first focus name.
    var firstFocus: Set<Int32> = []
    var firstTypeMask: UInt32
    var wantedMask: UInt32
    var wantedAspects: Set<Aspect>
}

extension IndexSnapshot {
    /// The features of `ranked` (the first stage's best, best first). Each field's BM25 is read
    /// from the question's posting lists by binary search for the candidates only, so the cost
    /// grows with the candidates, not with the lists.
    func features(of ranked: [Int32], _ asked: AskedFor, _ p: RankingParameters) -> [Candidate] {
        let count = ranked.count
        guard count > 0 else { return [] }
        let n = Float(max(liveCount, 1))
        let average = lengthSums / n
        let safeAverage = SIMD4<Float>(max(average[0], 1), max(average[1], 1), max(average[2], 1), max(average[3], 1))
        let bOverAverage = p.fieldB / safeAverage, oneMinusB = 1 - p.fieldB, k1 = p.k1
        var fields = [SIMD4<Float>](repeating: .zero, count: count)
        var combined = [Float](repeating: 0, count: count), covered = [Float](repeating: 0, count: count)
        let byDoc = ranked.indices.sorted { ranked[$0] < ranked[$1] }
        let sortedDocs = byDoc.map { ranked[$0] }
        let total = max(asked.terms.reduce(asked.missingWeight) { $0 + $1.qw * $1.idf }, .leastNormalMagnitude)
        for (term, qw, idf) in asked.terms {
            let factor = qw * idf
            postings[Int(term)].forEachBlock { list in
                guard let first = list.first?.doc, let last = list.last?.doc else { return }
                var c = Self.lowerBound(sortedDocs, first)
                while c < sortedDocs.count && sortedDocs[c] <= last {
                    let doc = sortedDocs[c]
                    if let posting = Self.find(doc, in: list) {
                        let slot = byDoc[c]
                        let x = posting.tf / (oneMinusB + docLengths[Int(doc)] * bOverAverage)
                        fields[slot] += factor * x / (k1 + x)
                        let weighted = (p.fieldWeights * x).sum()
                        combined[slot] += factor * weighted / (k1 + weighted)
                        covered[slot] += factor
                    }
                    c += 1
                }
            }
        }
        var groupBest: [Int32: Float] = [:]
        for (i, d) in ranked.enumerated() { groupBest[docGroups[Int(d)]] = max(groupBest[docGroups[Int(d)], default: 0], combined[i]) }
        let weightOf = Self.sortedWeights(asked.terms)
        return ranked.enumerated().map { i, d in
            let best = bestSection(of: d, weightOf, total: total)
            let types = docTypes[Int(d)]
            let f = RankingFeature.allCases.map { feature -> Double in
                switch feature {
                case .bm25f: Double(combined[i] / total)
                case .bm25fRaw: Double(combined[i] / 10)
                case .title: Double(fields[i][Field.title.rawValue] / total)
                case .names: Double(fields[i][Field.names.rawValue] / total)
                case .headings: Double(fields[i][Field.headings.rawValue] / total)
                case .body: Double(fields[i][Field.body.rawValue] / total)
                case .coverage: Double(covered[i] / total)
                case .bestSection: Double(best.share)
                case .group: Double(groupBest[docGroups[Int(d)], default: 0] / 10)
                case .focus: Double(asked.focusOf[d]?.specificity ?? 0)
                case .typeFirst: types & asked.firstTypeMask != 0 ? 1 : 0
                case .typeAny: types & asked.wantedMask != 0 ? 1 : 0
                case .aspect: best.aspect.map { asked.wantedAspects.contains($0) } == true ? 1 : 0
                case .focusType: types & asked.firstTypeMask != 0 ? Double(asked.focusOf[d]?.specificity ?? 0) : 0
                case .focusFirst: asked.firstFocus.contains(d) ? 1 : 0
                }
            }
            return Candidate(doc: d, firstStageRank: i, features: f, summary: summary(of: d))
        }
    }

    /// The question's terms by term id, each with its weight × idf.
    static func sortedWeights(_ terms: [(term: Int32, qw: Float, idf: Float)]) -> [(term: Int32, weight: Float)] {
        var out: [(term: Int32, weight: Float)] = []
        for t in terms.sorted(by: { $0.term < $1.term }) {
            if let last = out.last, last.term == t.term { out[out.count - 1].weight += t.qw * t.idf } else { out.append((t.term, t.qw * t.idf)) }
        }
        return out
    }

    /// The share of the question's weight that the article's best section holds, and that
    /// section's aspect. Read straight from the record, nothing decoded into strings or arrays:
    /// decoding a hundred candidates whole cost more than the rest of a search.
    func bestSection(of d: Int32, _ weights: [(term: Int32, weight: Float)], total: Float) -> (share: Float, aspect: Aspect?) {
        records.read(docRecord[Int(d)]) { r in
            _ = r.int()  // the head's length
            for _ in 0..<r.int() { _ = r.int() }  // key terms
            var best = (share: Float(0), section: -1)
            for section in 0..<r.int() {
                var term: Int32 = 0, q = 0, sum: Float = 0
                for _ in 0..<r.int() {
                    term += Int32(r.int())
                    while q < weights.count && weights[q].term < term { q += 1 }
                    if q < weights.count && weights[q].term == term { sum += weights[q].weight }
                }
                if sum / total > best.share { best = (sum / total, section) }
            }
            guard best.section >= 0 else { return (0, nil) }
            for _ in 0..<5 { r.skipBytes() }  // id, slug, title, category, summary
            r.skipOptional()  // focus
            r.skipStrings()  // also called
            r.skipStrings()  // focus keys
            let sectionCount = r.int()
            guard best.section < sectionCount else { return (best.share, nil) }
            for _ in 0..<best.section {
                r.skipOptional()
                _ = r.int()
                r.skipBytes()
            }
            r.skipOptional()
            return (best.share, Aspect.allCases[r.int()])
        }
    }

    /// The first index of `sorted` whose value is at least `value`.
    static func lowerBound(_ sorted: [Int32], _ value: Int32) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The posting of article `doc` in a block sorted by article, if any.
    static func find(_ doc: Int32, in list: UnsafeBufferPointer<Posting>) -> Posting? {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].doc < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo].doc == doc ? list[lo] : nil
    }
}

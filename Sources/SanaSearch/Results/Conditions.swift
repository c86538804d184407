import SanaCore

/// The A–Z index of conditions.
extension IndexSnapshot {
    /// Every condition name (focus and also-called) of published articles, for the A–Z index:
    /// the article to open first (the one answering "what is it?" when there is one) and how
    /// many articles are about it.
    func conditionNames() -> [ConditionName] {
        let information = UInt32(1) << UInt32(QuestionType.allCases.firstIndex(of: .information) ?? 0)
        var byName: [String: ConditionName] = [:]
        for n in docRecord.indices where docAlive[n] {
            let d = names(of: Int32(n))
            guard let focus = d.focus else { continue }
            let answersWhatIs = docTypes[n] & information != 0
            for (i, name) in ([focus] + d.alsoCalled).enumerated() where !name.isEmpty {
                let key = name.lowercased()
                if var entry = byName[key] {
                    entry.articles += 1
                    if answersWhatIs && !entry.opensOverview { entry.slug = d.slug; entry.opensOverview = true }
                    entry.isAlias = entry.isAlias && i > 0
                    byName[key] = entry
                } else {
                    byName[key] = ConditionName(name: name, slug: d.slug, articles: 1, isAlias: i > 0, opensOverview: answersWhatIs)
                }
            }
        }
        // The keys are the names in lower case already: sorting by them lowers no name again
        // (at a million articles that was most of the A–Z directory's rebuild).
        return byName.sorted { ($0.key, $0.value.name) < ($1.key, $1.value.name) }.map(\.value)
    }
}

/// A condition's name in the A–Z index.
public struct ConditionName: Sendable, Equatable {
    public var name: String
    /// The article to open first.
    public var slug: String
    /// How many published articles are about it.
    public var articles: Int
    /// Only ever another name (also called) of the articles' focus.
    public var isAlias: Bool
    var opensOverview: Bool
}

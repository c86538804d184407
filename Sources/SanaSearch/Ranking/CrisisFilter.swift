/// After a crisis notice, only help and treatment may answer (see `CrisisAnswers`).
extension IndexSnapshot {
    /// The articles of `candidates` that may follow a crisis notice.
    func crisisAllowed(_ candidates: [Int32]) -> [Int32] {
        let lists = CrisisAnswers.shared
        var slugs = [Int32: String]()
        for (slug, id) in categoryIDs { slugs[id] = slug }
        return candidates.filter { d in
            let n = names(of: d)
            let text = ([n.title, n.focus ?? ""] + n.alsoCalled + [summary(of: d)]).joined(separator: " . ")
            return lists.allows(text, categorySlug: slugs[docCategory[Int(d)]] ?? "")
        }
    }
}

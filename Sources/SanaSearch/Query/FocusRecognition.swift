import Foundation
import SanaCore

/// A name found in a question, with what says whether it is the thing asked about.
struct FocusCandidate {
    /// The question's terms that name it, joined by spaces.
    var key: String
    /// The key as people say the name, without the form words or qualifier it was found without
    /// ("wellbutrin hcl xl" is "wellbutrin"); the key itself when it has none.
    var said: String
    /// The key of the name Sana knows it by (the generic of a brand, the medical name of a lay term).
    var knownAs: String
    /// The question's words that name it, as written (folded).
    var words: String
    var range: Range<Int>
    var hasArticle: Bool
    var isDrug: Bool
    var specificity: Double
    var score: Double = 0
    /// What the score was made of, for `sana understand --verbose`.
    var reasons = ""
}

/// Words that mark a name as the person's background rather than what they ask about
/// ("I have celiac disease and need to know if this drug contains gluten").
private let backgroundWords: Set<String> = ["have", "has", "had", "having", "diagnosed", "suffer", "suffering", "suffers",
                                            "suffered", "history", "with"]

/// Words that join two names inside a longer one ("graft versus host disease"): never the start of a name.
private let connectingWords: Set<String> = ["versus", "vs", "via", "per", "plus", "than", "like"]

/// Irregular plurals the stemmer leaves apart from their singulars ("abscess teeth").
private let irregularPlurals: [String: String] = [
    "teeth": "tooth", "feet": "foot", "lice": "lous", "mice": "mous", "women": "woman", "men": "man",
    "children": "child", "geese": "goos", "knives": "knive",
]

/// Question types about a medicine: with one of these, a drug the question names goes before a condition.
/// Words of degree that qualify a name without making a more particular one ("severe asthma").
private let degreeWords: Set<String> = Set(["severe", "mild", "moderate", "bad", "terrible", "early", "late", "worst", "little",
                                            "small", "big", "large", "new", "old", "current", "possible"].map(EnglishStemmer.stem))

private let drugTypes: Set<QuestionType> = [.sideEffects, .interactions, .dosage, .contraindication, .usage, .tapering, .storage]

extension IndexSnapshot {
    /// How a name key is known: the key Sana knows it by, whether an article is about it, whether it is a medicine.
    func lookUpName(_ key: String) -> (knownAs: String, hasArticle: Bool, isDrug: Bool)? {
        // The curated table gives an abbreviation's everyday sense: "NPH" is normal pressure
        // hydrocephalus, though a rare disease's page also gives NPH as its name.
        // Only when that sense has an article: "COPD" stays the page about COPD.
        if names.abbreviations.contains(key), let target = names.alias(key), target != key, hasLiveArticle(target) {
            return (target, true, isDrugName(target))
        }
        if hasLiveArticle(key) { return (key, true, isDrugName(key)) }
        if let target = names.alias(key) { return (target, hasLiveArticle(target), isDrugName(target)) }
        if unpublished.contains(key) { return (key, false, unpublished.isDrug(key)) }
        return nil
    }

    /// Whether a published article is about the name: removed articles keep their entries in
    /// `focusDocs` until the index compacts.
    func hasLiveArticle(_ key: String) -> Bool {
        focusDocs.articles(key).contains { docAlive[Int($0)] }
    }

    /// Whether a name key is a medicine's: a generic of the brand table, or the focus of an
    /// article (published or not) among medicines or herbs and supplements.
    func isDrugName(_ key: String) -> Bool {
        if names.drugs.contains(key) || unpublished.isDrug(key) { return true }
        // A brand of the curated table is a medicine whatever article also gives its name ("Tylenol").
        if let generic = names.alias(key), names.drugs.contains(generic) { return true }
        guard let first = focusDocs.articles(key).first else { return false }
        let category = docCategory[Int(first)]
        return category == categoryIDs["medicines"] || category == categoryIDs["herbs-and-supplements"]
    }

    /// Whether a one-word name is an everyday English word that only unpublished material gives as
    /// another name of something ("Tension" for "Stress and your health", "Physician" for "Doctor
    /// of medicine profession"): encyclopedia entries list such words loosely, so they are no name.
    /// A draft's own focus and the curated tables' names stay names.
    func isLooseOtherName(_ key: String, surface: String, hasArticle: Bool) -> Bool {
        !hasArticle && englishWords.contains(surface) && names.alias(key) == nil && !unpublished.isFocus(key)
    }

    /// Whether every name published articles give for `key` is written in capitals ("ODD",
    /// "MED", "FIVE"): an acronym, which the everyday word of the same letters does not name.
    func isAcronymOnly(_ key: String) -> Bool {
        var seen = false
        for d in focusDocs.articles(key).prefix(8) where docAlive[Int(d)] {
            let n = names(of: d)
            // Also a name that gives the key only without its qualifier ("ODD syndrome").
            for name in [n.focus].compactMap({ $0 }) + n.alsoCalled where FocusMatcher.variants([FocusMatcher.key(name)]).contains(key) {
                var words = name.split(whereSeparator: \.isWhitespace)
                while words.count > 1, let last = words.last,
                      TextAnalyzer.term(forToken: last.lowercased()).map(FocusMatcher.qualifiers.contains) == true { words.removeLast() }
                let letters = words.joined().filter(\.isLetter)
                guard letters.count >= 2, letters.allSatisfy(\.isUppercase) else { return false }
                seen = true
            }
        }
        return seen
    }

    /// `lookUpName` of the key, else of its forms without irregular plurals, trailing qualifiers
    /// ("illness", "disease") or word order.
    func lookUpNameOrVariant(_ key: String) -> (knownAs: String, hasArticle: Bool, isDrug: Bool)? {
        guard let exact = lookUpName(key) else { return lookUpVariant(key) }
        // A name only unpublished material gives yields to an article's name in other words
        // ("lewy body dementia" is "dementia with Lewy bodies").
        if !exact.hasArticle, let published = lookUpVariant(key), published.hasArticle { return published }
        return exact
    }

    /// `lookUpName` of the key's forms without irregular plurals, trailing qualifiers or word order.
    func lookUpVariant(_ key: String) -> (knownAs: String, hasArticle: Bool, isDrug: Bool)? {
        var words = key.split(separator: " ").map { irregularPlurals[String($0)] ?? String($0) }
        let singular = words.joined(separator: " ")
        if singular != key, let found = lookUpName(singular) { return found }
        // Form words ("patch", "dr") are a medicine's: without them the name must be one ("go dr." is not "go").
        if let short = FocusMatcher.withoutQualifiers(singular), let found = lookUpName(short),
           found.isDrug || FocusMatcher.withoutQualifiers(singular, formWords: false) == short { return found }
        if (2...3).contains(words.count) {
            words.sort()
            if let found = lookUpName(words.joined(separator: " ")) { return found }
        }
        return nil
    }

    /// The names a question is about, the thing asked about first: every known name (published
    /// or not, curated aliases included) as the longest runs of the question's terms, scored by
    /// specificity, length, place (question sentences, the opening) and role (a drug asked about
    /// goes before the person's background condition).
    func recognizeFocus(_ analysis: QueryAnalysis, explain: Bool = false) -> [FocusCandidate] {
        let terms = analysis.terms
        // A run can be a known name (or a variant of one) only when every word is a word of some
        // name, a plural of one, or a form word or qualifier that variants drop: checking each
        // word once spares building and looking up every run of a long message.
        let usable = terms.map { t in
            nameVocabulary.words.contains(t) || names.keyWords.contains(t) || FocusMatcher.formWords.contains(t)
                || FocusMatcher.qualifiers.contains(t) || irregularPlurals[t].map(nameVocabulary.words.contains) == true
        }
        var found: [FocusCandidate] = []
        // Everyday words that only spell an acronym's letters: no name, nor part of a longer one.
        var acronymWords = Set<Int>()
        var i = 0
        while i < terms.count {
            var matched = false
            var longest = 0
            while longest < 6 && i + longest < terms.count && usable[i + longest] { longest += 1 }
            for n in stride(from: longest, through: 1, by: -1) {
                let key = terms[i..<(i + n)].joined(separator: " ")
                if names.generic.contains(key) { i += n; matched = true; break }
                let surface = analysis.surface(of: i..<(i + n))
                // A word that ends known names ("cramp" of "muscle cramps") names the thing too, less surely.
                var partial = false
                var known = lookUpNameOrVariant(key)
                if known == nil, n == 1, key.count >= 4, nameVocabulary.heads.contains(key), !names.generic.contains(key),
                   !FocusMatcher.formWords.contains(key), !FocusMatcher.qualifiers.contains(key) {
                    known = (key, false, false)
                    partial = true
                }
                guard let known else { continue }
                // One word, alone or with qualifiers a variant drops ("learn all about the disease"
                // is "all"): the checks of a one-word name apply to it.
                // A qualifier right after the word makes it a name ("als disease", "pots syndrome");
                // one further on, past other words, does not.
                let adjacent = analysis.termToken[i + n - 1] - analysis.termToken[i] == n - 1
                let single: (key: String, surface: String)? = n == 1 ? (key, surface)
                    : lookUpName(key) != nil || adjacent ? nil
                    : FocusMatcher.withoutQualifiers(key).flatMap { $0.contains(" ") ? nil : ($0, analysis.surface(of: i..<(i + 1))) }
                if let (key, surface) = single {
                    if Filler.words.contains(key) { continue }
                    // A common English word is a name only as an article's own focus ("diabetes"), not as an
                    // encyclopedia entry or another name ("back", "able").
                    if englishWords.contains(surface), !focusDocs.contains(key), let id = termIDs[key],
                       Double(postings[Int(id)].count) > 0.03 * Double(max(liveCount, 1)) { continue }
                    if !partial, isLooseOtherName(key, surface: surface, hasArticle: known.hasArticle) { continue }
                    let short = surface.count < 4 || names.abbreviations.contains(key)
                    if short && !(analysis.inCapitals(surface) || (names.abbreviations.contains(key) && !englishWords.contains(surface))) { continue }
                    // An everyday word is no acronym's name unless written in capitals ("odds" is not ODD).
                    if !short, known.knownAs == key, !analysis.inCapitals(surface),
                       englishWords.contains(surface) || (surface.hasSuffix("s") && englishWords.contains(String(surface.dropLast()))),
                       isAcronymOnly(key) { acronymWords.insert(i); continue }
                }
                let spoken = partial || lookUpName(key) != nil ? key
                    : FocusMatcher.withoutQualifiers(key).flatMap { lookUpName($0) == nil ? nil : $0 } ?? key
                var candidate = FocusCandidate(key: key, said: spoken, knownAs: known.knownAs, words: surface, range: i..<(i + n),
                                               hasArticle: known.hasArticle, isDrug: known.isDrug,
                                               specificity: specificity(of: Array(terms[i..<(i + n)])))
                if partial { candidate.score = -2 }
                found.append(candidate)
                i += n
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        found = spellingOutAcronyms(extendedLeft(found, analysis, notNames: acronymWords), analysis)
        let asksAboutDrug = analysis.types.contains(where: drugTypes.contains)
        let backgroundOf = found.map { c -> Bool in
            let token = analysis.termToken[c.range.lowerBound]
            return analysis.tokens[max(0, token - 3)..<token].contains(where: backgroundWords.contains)
        }
        // Evidence is the name's, pooled over its mentions: asked about anywhere, named in the opening
        // line, and how often the message comes back to it.
        let sentenceOf = found.map { analysis.tokenSentence[analysis.termToken[$0.range.lowerBound]] }
        let drugNamed = found.indices.contains { found[$0].isDrug && !backgroundOf[$0] }
        // The terms of a subject line, when it has any.
        let subjectTerms = analysis.subjectLine.map { line in terms.indices.filter { analysis.sentence(ofTerm: $0) == line } } ?? []
        let keyWords = found.map { $0.key.split(separator: " ") }
        for c in found.indices {
            let candidate = found[c]
            // A subject line that is only this name ("cramp.") says what the question is about, even
            // when the name is only a word that ends known names.
            let titled = !subjectTerms.isEmpty && Array(candidate.range) == subjectTerms
            // A later name that ends this one ("jock itch … the itch") mentions it again: its head
            // noun refers back to it.
            let named = found.indices.filter { found[$0].knownAs == candidate.knownAs }
            let firstNamed = named.map { found[$0].range.lowerBound }.min() ?? candidate.range.lowerBound
            let mentionIndexes = named + found.indices.filter { o in
                found[o].knownAs != candidate.knownAs && found[o].range.lowerBound > firstNamed
                    && keyWords[o].count < keyWords[c].count && keyWords[c].suffix(keyWords[o].count).elementsEqual(keyWords[o])
            }
            let asks = mentionIndexes.contains { analysis.questionSentences.contains(sentenceOf[$0]) }
            let opening = mentionIndexes.contains { sentenceOf[$0] == analysis.firstSentence }
            let mentions = mentionIndexes.count
            // The person's own condition, when they name a medicine too ("I have celiac disease: does zolmitriptan contain gluten?").
            let background = backgroundOf[c] && drugNamed && !candidate.isDrug
            let drugAsked = candidate.isDrug && asksAboutDrug
            var score = (titled ? max(candidate.score, 0) : candidate.score) + candidate.specificity + 0.25 * Double(candidate.range.count - 1)
            if asks { score += 0.5 }
            if opening { score += 0.4 }
            score += 0.3 * log2(Double(mentions))
            if background { score -= 0.4 }
            if drugAsked { score += 0.5 }
            // A name known only from unpublished material is a little less sure (the encyclopedia names everyday things).
            if !candidate.hasArticle { score -= 0.2 }
            score -= 0.001 * Double(candidate.range.lowerBound)
            found[c].score = score
            // Spelt out only for `sana understand --verbose`: formatting it for every name of
            // every search cost more than scoring them.
            guard explain else { continue }
            found[c].reasons = String(format: "%.2f spec=%.2f n=%d", score, candidate.specificity, candidate.range.count)
                + (candidate.score < 0 ? " partial" : "") + (asks ? " asks" : "") + (opening ? " opening" : "")
                + " mentions=\(mentions)" + (background ? " background" : "") + (drugAsked ? " drugAsked" : "")
                + (candidate.isDrug ? " drug" : "") + (backgroundOf[c] ? " bgword" : "")
                + (candidate.hasArticle ? "" : " draft") + (titled ? " titled" : "") + " at=\(candidate.range.lowerBound)" + candidate.reasons
        }
        // One entry per name, the best-scored mention.
        var seen = Set<String>()
        let ranked = found.sorted { $0.score > $1.score }
        return inMessageWords(ranked.filter { seen.insert($0.knownAs).inserted }, mentions: ranked, analysis)
    }

    /// A subject line's name that the message names again, in full or more particularly, or by an
    /// alias, goes first in the message's words: "diabetes. … type 1 diabetes" is about "type 1
    /// diabetes", "Esophageal Cancer. … Cancer of the Esophagus" about the latter, "Gastroesophageal
    /// Reflux Disease. Can GERD be cured?" about "GERD". A title names the topic; the message says
    /// which. A shorter restatement ("Lyme disease. … Lyme") says less, and does not count.
    func inMessageWords(_ ranked: [FocusCandidate], mentions: [FocusCandidate], _ analysis: QueryAnalysis) -> [FocusCandidate] {
        guard let subject = analysis.subjectLine, let first = ranked.first,
              analysis.sentence(ofTerm: first.range.lowerBound) == subject else { return ranked }
        let firstWords = first.key.split(separator: " ").map(String.init)
        let distinguishing = rarest(of: firstWords)
        // Every mention, also those of the same name in other words ("GERD" of the table's full name).
        let restatements = mentions.filter { other in
            guard analysis.sentence(ofTerm: other.range.lowerBound) != subject, other.key != first.key else { return false }
            if names.alias(other.key) == first.knownAs || names.alias(first.key) == other.knownAs { return true }
            let words = other.key.split(separator: " ").map(String.init)
            return words.contains { Self.extends($0, distinguishing) } && firstWords.allSatisfy { w in words.contains { Self.extends($0, w) } }
        }
        guard let restated = restatements.min(by: { $0.range.lowerBound < $1.range.lowerBound }) else { return ranked }
        var moved = restated
        moved.score = max(first.score, restated.score)
        moved.reasons += " restates \(first.key)"
        return [moved] + ranked.filter { $0.knownAs != restated.knownAs }
    }

    /// Whether index term `word` is `stem` or a longer form of it ("esophagus" of "esophag", the
    /// term of "esophageal"); never shorter ("asbestos" is not "asbestosis").
    static func extends(_ word: String, _ stem: String) -> Bool {
        word == stem || (stem.count >= 5 && word.hasPrefix(stem))
    }

    /// The term of `terms` fewest published articles use.
    func rarest(of terms: [String]) -> String {
        terms.min { a, b in
            (termIDs[a].map { postings[Int($0)].count } ?? 0) < (termIDs[b].map { postings[Int($0)].count } ?? 0)
        } ?? ""
    }

    /// A name preceded, word against word, by uncommon words of known names is something more
    /// particular ("cardiac" + "amyloidosis", "teen" + "pregnancy"): the run takes them in, up to two words.
    func extendedLeft(_ found: [FocusCandidate], _ analysis: QueryAnalysis, notNames: Set<Int> = []) -> [FocusCandidate] {
        var out = found
        var absorbed = Set<Int>()
        for c in out.indices where !absorbed.contains(c) {
            var start = out[c].range.lowerBound
            while start > 0, out[c].range.upperBound - start < out[c].range.count + 2,
                  analysis.termToken[start] - analysis.termToken[start - 1] == 1 {
                let term = analysis.terms[start - 1]
                // Only an uncommon word of names, never a word of what is asked ("reduce", "cause") nor a
                // verb ("impact asthma").
                guard !notNames.contains(start - 1), nameVocabulary.words.contains(term), !Filler.words.contains(term), !connectingWords.contains(term), !degreeWords.contains(term),
                      !names.generic.contains(term), !QuestionType.cueStems.contains(term),
                      !englishWords.isVerbForm(analysis.tokens[analysis.termToken[start - 1]]),
                      Double(termIDs[term].map { postings[Int($0)].count } ?? 0) <= 0.02 * Double(max(liveCount, 1)) else { break }
                // Another name is a name of its own, unless it is a single word known only as the end of
                // names or from unpublished material ("teen" of "teen pregnancy", "varicose" of "varicose
                // ulcer"); a word with a digit is a count, a dose or a model ("100 heart attacks", "a2").
                let other = out.indices.first { $0 != c && out[$0].range.contains(start - 1) }
                if let other, out[other].range.count > 1 || (out[other].hasArticle && out[other].score >= 0) { break }
                guard term.allSatisfy(\.isLetter) else { break }
                if let other { absorbed.insert(other) }
                start -= 1
            }
            if start < out[c].range.lowerBound {
                let range = start..<out[c].range.upperBound
                out[c].range = range
                out[c].key = analysis.terms[range].joined(separator: " ")
                out[c].said = out[c].key
                out[c].words = analysis.surface(of: range)
                out[c].specificity = max(out[c].specificity, specificity(of: Array(analysis.terms[range])))
                // Two words of names together name a thing more surely than one word that ends names.
                out[c].score = max(out[c].score, 0)
            }
        }
        return out.indices.filter { !absorbed.contains($0) }.map { out[$0] }
    }

    /// How specific a name is, 0…1: the rarest of its words, by how few published articles use it.
    func specificity(of terms: [String]) -> Double {
        let n = Double(max(liveCount, 1))
        let best = terms.map { term -> Double in
            let df = termIDs[term].map { Double(postings[Int($0)].count) } ?? 0
            return log(1 + n / (1 + df))
        }.max() ?? 0
        return min(1, best / log(1 + n))
    }
}

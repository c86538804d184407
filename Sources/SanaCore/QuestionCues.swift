/// A question split into sentences, the way question types read it: a sentence ends at ".", "!"
/// or "?" followed by a space, or at a line end; message headers ("General health",
/// "ClinicalTrials.gov - Question - general information") are left out.
public struct QuestionSentence: Sendable, Equatable {
    /// The sentence's folded tokens.
    public var tokens: [String]
    /// Asks something: ends with "?", starts with a question word, or makes a request ("please tell me").
    public var isQuestion: Bool
    /// A message header that says nothing of the question ("General health").
    public var isHeader: Bool
}

public enum QuestionSentences {
    static let questionWords: Set<String> = [
        "what", "how", "why", "is", "are", "can", "could", "does", "do", "should", "will", "where", "which", "who",
        "when", "would", "has", "have", "did", "any", "was", "am",
    ]
    static let requests: [[String]] = [
        ["please"], ["want", "to", "know"], ["like", "to", "know"], ["wondering"], ["need", "to", "know"], ["tell", "me"],
        ["let", "me", "know"], ["looking", "for"], ["need", "help"], ["need", "information"], ["need", "advice"],
    ]
    /// Words that open a statement about the person ("My father had surgery."), never a subject line.
    static let personal: Set<String> = ["i", "my", "me", "we", "our", "im", "ive", "id"]
    /// Words of message headers that say nothing of the question ("General health", "Question").
    static let headerWords: Set<String> = [
        "general", "health", "question", "questions", "clinicaltrials", "gov", "complaint", "suggestion", "information",
        "inquiry", "enquiry", "query", "help", "hello", "hi", "re", "fw", "fwd", "medical", "urgent", "request",
        "subject", "customer", "service", "dear", "sir", "madam",
    ]

    /// Whether a first sentence reads as a subject line ("Causes of peripheral neuropathy"): short,
    /// and not a statement about the person ("My father had surgery.").
    public static func isSubjectLine(_ sentence: QuestionSentence) -> Bool {
        !sentence.isHeader && !personal.contains(sentence.tokens[0]) && sentence.tokens.count <= QuestionType.subjectLineWords
    }

    /// The sentences of `text`; headers are left out unless `keepingHeaders` (then their tokens
    /// and those of the other sentences are exactly the text's tokens, in order).
    public static func split(_ text: String, keepingHeaders: Bool = false) -> [QuestionSentence] {
        var sentences: [QuestionSentence] = []
        var current = ""
        var previous: Character = " "
        func close(_ asks: Bool) {
            let tokens = TextAnalyzer.tokens(current)
            current = ""
            guard !tokens.isEmpty else { return }
            let header = tokens.allSatisfy(headerWords.contains)
            guard keepingHeaders || !header else { return }
            let request = requests.contains { r in tokens.indices.contains { i in tokens[i...].starts(with: r) } }
            sentences.append(QuestionSentence(tokens: tokens, isQuestion: asks || questionWords.contains(tokens[0]) || request,
                                              isHeader: header))
        }
        let characters = Array(text)
        for (i, c) in characters.enumerated() {
            let next: Character = i + 1 < characters.count ? characters[i + 1] : " "
            if c == "?" { close(true) } else if c.isNewline || c == "!" || c == ";" {
                close(false)
            } else if c == ".", next.isWhitespace || next == "." , !previous.isNumber || !next.isNumber {
                close(false)
            } else {
                current.append(c)
            }
            previous = c
        }
        close(false)
        return sentences
    }
}

/// The cue phrases of `QuestionType.cues`, compiled. A cue is words in a row, each compared by
/// its stem ("gets worse" finds "get worse") unless written "=word" (exactly that word:
/// "diagnosed" in "I was diagnosed with" is not a diagnosis question, "how … diagnosed" is);
/// "…" skips up to three words. Cues are whole words: "gene" is not found in "general". A cue
/// written "?phrase" counts only in a sentence that asks: "the specialists say" tells a story,
/// "which specialist should I see?" asks. A cue just after "after", "since" or "following" is a
/// time in the story ("it came back after treatment"), not what is asked. A cue written "~phrase"
/// is a plea for help more than a type ("please help me"): in its sentence any other cue goes
/// first, "information" included ("help me find an article about …").
struct QuestionCues: Sendable {
    enum Word: Sendable, Equatable { case stem(String), exact(String), gap }
    let cues: [(type: QuestionType, order: Int, words: [Word], askedOnly: Bool, weak: Bool)]

    /// Words that make the cue after them a time in the story.
    static let timeWords: Set<String> = ["after", "since", "following"]

    static let shared = QuestionCues(QuestionType.cues)

    /// The stems of every cue word: words that say what is asked, not what it is asked about.
    let stems: Set<String>
    /// Cues by their first word (its stem, or the exact word), so a sentence is read once, not once per cue.
    private let byStem: [String: [Int]], byWord: [String: [Int]]
    /// Cues that start with a gap: tried at every word.
    private let anywhere: [Int]

    init(_ table: [(QuestionType, [String])]) {
        var cues: [(QuestionType, Int, [Word], Bool, Bool)] = []
        for (order, (type, phrases)) in table.enumerated() {
            for marked in phrases {
                let weak = marked.hasPrefix("~")
                let written = weak ? String(marked.dropFirst()) : marked
                let askedOnly = written.hasPrefix("?")
                let phrase = askedOnly ? String(written.dropFirst()) : written
                let words: [Word] = phrase.split(separator: " ").flatMap { part -> [Word] in
                    if part == "…" { return [.gap] }
                    if part.hasPrefix("=") { return TextAnalyzer.tokens(String(part.dropFirst())).map { .exact($0) } }
                    return TextAnalyzer.tokens(String(part)).map { .stem(EnglishStemmer.stem($0)) }
                }
                cues.append((type, order, words, askedOnly, weak))
            }
        }
        self.cues = cues
        var byStem: [String: [Int]] = [:], byWord: [String: [Int]] = [:], anywhere: [Int] = []
        for (c, cue) in cues.enumerated() {
            switch cue.2.first {
            case let .stem(s): byStem[s, default: []].append(c)
            case let .exact(w): byWord[w, default: []].append(c)
            default: anywhere.append(c)
            }
        }
        (self.byStem, self.byWord, self.anywhere) = (byStem, byWord, anywhere)
        stems = Set(cues.flatMap { $0.2 }.compactMap { if case let .stem(s) = $0 { s } else if case let .exact(w) = $0 { EnglishStemmer.stem(w) } else { nil } })
    }

    /// Whether `words` occur in a sentence from word index `at` on.
    static func matches(_ words: [Word], at: Int, tokens: [String], stems: [String]) -> Bool {
        func from(_ p: Int, _ i: Int) -> Bool {
            if p == words.count { return true }
            switch words[p] {
            case .gap: return (0...3).contains { i + $0 <= tokens.count && from(p + 1, i + $0) }
            case let .stem(s): return i < tokens.count && stems[i] == s && from(p + 1, i + 1)
            case let .exact(w): return i < tokens.count && tokens[i] == w && from(p + 1, i + 1)
            }
        }
        return from(0, at)
    }

    func find(in sentences: [QuestionSentence]) -> [QuestionType] {
        // Sort key: question sentences first, then sentence, specific before generic before weak, position, table order.
        var best: [QuestionType: (Int, Int, Int, Int, Int)] = [:]
        for (s, sentence) in sentences.enumerated() {
            let asks = sentence.isQuestion || (s == 0 && QuestionSentences.isSubjectLine(sentence))
            let stems = sentence.tokens.map(EnglishStemmer.stem)
            for at in sentence.tokens.indices {
                for c in (byStem[stems[at]] ?? []) + (byWord[sentence.tokens[at]] ?? []) + anywhere {
                    let cue = cues[c]
                    guard asks || !cue.askedOnly, at == 0 || !Self.timeWords.contains(sentence.tokens[at - 1]),
                          Self.matches(cue.words, at: at, tokens: sentence.tokens, stems: stems) else { continue }
                    let tier = cue.weak ? 2 : QuestionType.generic.contains(cue.type) ? 1 : 0
                    let key = (asks ? 0 : 1, s, tier, at, cue.order)
                    if let old = best[cue.type], old <= key { continue }
                    best[cue.type] = key
                }
            }
        }
        return best.sorted { $0.value < $1.value }.map(\.key)
    }
}

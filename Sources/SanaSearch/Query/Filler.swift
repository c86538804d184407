import SanaCore

/// Words of a message that are courtesy or story rather than the question itself.
enum Filler {
    static let words: Set<String> = Set([
        "hello", "hi", "hey", "dear", "thank", "thanks", "please", "help", "question", "questions", "doctor", "dr",
        "sir", "madam", "regards", "know", "want", "like", "need", "tell", "wondering", "wonder", "ask", "asking",
        "anyone", "someone", "anybody", "info", "advice", "appreciate", "appreciated", "kindly", "sincerely",
        "good", "morning", "afternoon", "evening", "year", "years", "old", "month", "months", "day", "days",
        "week", "weeks", "time", "times", "now", "ago", "currently", "recently", "since", "still", "much",
        "many", "lot", "really", "thing", "things", "way", "something", "anything", "make", "made", "going",
        "go", "went", "take", "took", "taking", "told", "said", "say", "see", "saw", "found", "find", "send",
        "email", "mail", "contact", "number", "name", "please", "let", "could", "would", "answer", "reply",
        "son", "daughter", "mother", "father", "mom", "dad", "wife", "husband", "friend", "sister", "brother",
        "child", "children", "kid", "kids", "baby", "family", "patient", "people", "person", "aunt", "uncle",
        "grandmother", "grandfather", "grandson", "granddaughter", "niece", "nephew", "cousin", "boyfriend", "girlfriend",
    ].map { EnglishStemmer.stem($0) })
}

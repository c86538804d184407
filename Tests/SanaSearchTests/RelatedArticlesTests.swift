import Testing
@testable import SanaSearch

@Suite struct RelatedArticlesTests {
    let category = (1...12).map { RelatedArticles.Candidate(id: "a\($0)", position: $0) }

    @Test func namedArticlesComeFirstThenTheNearestInReadingOrder() {
        let ids = RelatedArticles.pick(for: "a6", at: 6, named: ["x", "a12"], sameCategory: category, limit: 6)
        #expect(ids == ["x", "a12", "a5", "a7", "a4", "a8"])
    }

    @Test func neverListsTheArticleItselfOrRepeats() {
        let ids = RelatedArticles.pick(for: "a1", at: 1, named: ["a1", "a2", "a2"], sameCategory: category)
        #expect(!ids.contains("a1"))
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 8)
        #expect(ids.prefix(3) == ["a2", "a3", "a4"])
    }

    @Test func aSmallCategoryGivesFewerThanTheLimit() {
        let ids = RelatedArticles.pick(for: "a1", at: 1, named: [], sameCategory: Array(category.prefix(3)))
        #expect(ids == ["a2", "a3"])
    }
}

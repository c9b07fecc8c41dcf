import Testing
import ForumModel
@testable import ForumRules

@Suite struct CatalogueTests {
    @Test func everyRuleHasAUniqueIdAndASentence() {
        let ids = RuleID.allCases.map(\.definition.id.rawValue)
        #expect(Set(ids).count == ids.count)
        for id in RuleID.allCases {
            #expect(id.definition.sentence.hasSuffix("."))
            #expect(id.definition.weight > 0)
        }
    }

    @Test func settingsOverrideTheCatalogue() {
        let book = RuleBook(settings: ["room-too-small": RuleSetting(weight: 3, hard: false), "day-balance": RuleSetting(enabled: false)])
        #expect(book[.roomTooSmall].hard == false)
        #expect(book[.roomTooSmall].weight == 3)
        #expect(!book.isEnabled(.dayBalance))
        #expect(book[.roomConflict].hard)
    }
}

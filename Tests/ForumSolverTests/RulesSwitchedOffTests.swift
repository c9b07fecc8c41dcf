import Foundation
import Testing
import ForumModel
import ForumRules
import ForumFormats
@testable import ForumSolver

/// Switching a rule off is a documented setting: the solver's neighbourhoods (moves, swaps,
/// Kempe chains) must not assume the rule, or the occupancy it keeps, exists (issue 12).
@Suite struct RulesSwitchedOffTests {
    /// Athens with a no-overlap group, so that `group-conflict` has something to switch off.
    func athensWithAGroup() throws -> Programme {
        var programme = try athens()
        let ids = programme.sessions.filter { !$0.pinned }.prefix(3).map(\.id)
        programme.groups.append(SessionGroup(id: "hostile-track", title: "Track", sessions: Array(ids), noOverlap: true, compact: true))
        return programme
    }

    func expectValid(_ input: Programme, _ result: SolveResult, _ context: String) {
        let report = validate(result.programme)
        #expect(!report.hasHardViolations, "\(context): \(report.violations.filter(\.hard).map(\.message))")
        #expect(report.score == result.score, "\(context)")
        for session in result.programme.sessions { #expect(session.placements.count <= session.parts, "\(context)") }
        #expect(result.programme.sessions.count == input.sessions.count)
    }

    @Test(arguments: RuleID.allCases.map(\.rawValue))
    func solvesWithTheRuleSwitchedOff(rule: String) throws {
        var input = try athensWithAGroup()
        input.ruleSettings[rule] = RuleSetting(enabled: false)
        let result = solve(input, options: budget(3_000))
        expectValid(input, result, rule)
        #expect(result.stats.moves <= 3_000)
    }

    /// Every rule that keeps people, groups or themes off at once (only rooms and room sizes
    /// left), so the search runs with none of those occupancy indices.
    @Test func solvesWithAlmostEveryRuleSwitchedOff() throws {
        var input = try athensWithAGroup()
        for rule in RuleID.allCases where !["room-conflict", "unplaced", "room-size-fit"].contains(rule.rawValue) {
            input.ruleSettings[rule.rawValue] = RuleSetting(enabled: false)
        }
        let result = solve(input, options: budget(3_000))
        expectValid(input, result, "almost all off")
        #expect(result.unplaced.isEmpty)
    }
}

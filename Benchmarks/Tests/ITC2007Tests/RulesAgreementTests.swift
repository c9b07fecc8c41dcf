import Testing
import ForumModel
import ForumRules
@testable import ITC2007

/// The library's rules, with `ITCProgramme.ruleSettings`, must score a placed programme
/// exactly as UD2 does. These tests put solutions on the mapped programme, run the
/// library's `validate`, and compare its per-rule penalties with the independent evaluator.
@Suite struct RulesAgreementTests {
    /// The library's soft penalties as (S1, S2, S3, S4), and its hard penalty.
    func libraryCosts(_ solution: CTTSolution, _ instance: CTTInstance) -> (soft: [Int], hard: Int, other: [RuleID]) {
        let programme = ITCProgramme.place(solution, on: ITCProgramme.programme(for: instance), instance: instance)
        let report = validate(programme)
        var penalty: [RuleID: Int] = [:]
        for row in report.perRule { penalty[row.rule] = row.penalty }
        let ud2: [RuleID] = [.roomTooSmall, .seriesSpread, .groupIsolated, .seriesRoomChange]
        let other = report.perRule.map(\.rule).filter { !ud2.contains($0) && !(RuleBook(settings: programme.ruleSettings)[$0].hard) }
        return (ud2.map { penalty[$0] ?? 0 }, report.score.hard, other)
    }

    @Test(arguments: ["comp01-cost5.sol", "comp01-cost57.sol", "comp01-cost463.sol"])
    func publishedSolutionsScoreTheSame(_ file: String) throws {
        let instance = try CTTInstance.load(path: instancePath("comp01"))
        let solution = try CTTSolution.load(path: fixturePath(file), instance: instance)
        let e = UD2Evaluator(instance: instance).evaluate(solution)
        let lib = libraryCosts(solution, instance)
        #expect(lib.soft == [e.s1, e.s2, e.s3, e.s4])
        #expect(lib.hard == 0 && e.isFeasible)
        #expect(lib.other.isEmpty)
    }

    /// Random lecture moves from a published solution (each course keeps its lectures in
    /// distinct periods; rooms may clash and curricula may overlap) on every instance: the
    /// four soft components agree after every move, and the library finds a hard violation
    /// exactly when the evaluator does.
    @Test(arguments: ["comp01", "comp05", "comp07"])
    func randomTimetablesScoreTheSame(_ name: String) throws {
        let instance = try CTTInstance.load(path: instancePath(name))
        var rng = SeededGenerator(seed: 20070)
        // A start that places every lecture: round-robin over periods and rooms.
        var assignments: [CTTAssignment] = []
        var slot = 0
        for (c, course) in instance.courses.enumerated() {
            for _ in 0..<course.lectures {
                let p = slot % instance.periods
                assignments.append(CTTAssignment(course: c, room: (slot / instance.periods) % instance.rooms.count,
                                                 day: p / instance.periodsPerDay, period: p % instance.periodsPerDay))
                slot += 1
            }
        }
        for step in 0..<12 {
            for _ in 0..<(step == 0 ? 0 : 40) {
                let i = rng.int(below: assignments.count)
                let c = assignments[i].course
                let p = rng.int(below: instance.periods)
                let d = p / instance.periodsPerDay, q = p % instance.periodsPerDay
                if assignments.contains(where: { $0.course == c && $0.day == d && $0.period == q }) { continue }
                assignments[i] = CTTAssignment(course: c, room: rng.int(below: instance.rooms.count), day: d, period: q)
            }
            let solution = CTTSolution(assignments: assignments)
            let e = UD2Evaluator(instance: instance).evaluate(solution)
            let lib = libraryCosts(solution, instance)
            #expect(lib.soft == [e.s1, e.s2, e.s3, e.s4], "\(name) step \(step)")
            #expect((lib.hard == 0) == e.isFeasible, "\(name) step \(step)")
        }
    }
}

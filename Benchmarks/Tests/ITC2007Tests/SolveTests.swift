import Testing
import ForumModel
import ForumRules
@testable import ITC2007

@Suite struct SolveTests {
    @Test func theSolverFindsTheTinyOptimumAndTheEvaluatorAgrees() throws {
        let instance = try tiny()
        let result = try solveITC(instance, seed: 3, timeLimit: nil, maxMoves: 20_000)
        let e = UD2Evaluator(instance: instance).evaluate(result.solution)
        #expect(e.isFeasible)
        #expect(result.solution.assignments.count == instance.totalLectures)
        // Zero is reachable (the evaluator tests' base timetable), and the library's score is UD2's.
        #expect(e.total == 0)
        #expect(result.libraryScore == Score(hard: 0, soft: e.total))
    }

    @Test func sameSeedAndMoveBudgetGiveTheSameFile() throws {
        let instance = try CTTInstance.load(path: instancePath("comp01"))
        let a = try solveITC(instance, seed: 7, timeLimit: nil, maxMoves: 30_000)
        let b = try solveITC(instance, seed: 7, timeLimit: nil, maxMoves: 30_000)
        #expect(a.solution.text(for: instance) == b.solution.text(for: instance))
        let e = UD2Evaluator(instance: instance).evaluate(a.solution)
        #expect(e.isFeasible)
        #expect(a.libraryScore == Score(hard: 0, soft: e.total))
    }
}

import Foundation
import ForumModel
import ForumRules
import ForumSolver

/// What one solver run produced, in both worlds.
public struct ITCSolveResult: Sendable {
    /// The solved programme, as `forum solve` would write it.
    public var programme: Programme
    /// Its placements as `.sol` lectures.
    public var solution: CTTSolution
    /// The library's own score of `programme` (its rules, its weights).
    public var libraryScore: Score
    public var stats: SolverStats
}

/// Solves `instance` with the library's solver, the same one `forum solve` runs, on the
/// programme `ITCProgramme.programme(for:)` builds. `maxMoves` makes the run depend only
/// on the instance and the seed.
public func solveITC(_ instance: CTTInstance, seed: UInt64, timeLimit: Double?, maxMoves: Int? = nil,
                     progress: (@Sendable (SolverProgress) -> Void)? = nil) throws -> ITCSolveResult {
    let programme = ITCProgramme.programme(for: instance)
    let options = SolverOptions(seed: seed, timeLimit: timeLimit, maxMoves: maxMoves, progress: progress,
                                progressInterval: 5)
    let result = Solver(programme: programme, options: options).solve()
    return ITCSolveResult(programme: result.programme,
                          solution: try ITCProgramme.solution(from: result.programme, instance: instance),
                          libraryScore: result.score, stats: result.stats)
}

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
    public var seconds: Double
}

/// Solves `instance` with the library's solver, the same one `forum solve` runs, on the
/// programme `ITCProgramme.programme(for:)` builds.
public func solveITC(_ instance: CTTInstance, seed: UInt64, timeLimit: Double) throws -> ITCSolveResult {
    let programme = ITCProgramme.programme(for: instance)
    let clock = ContinuousClock.now
    let solved = try solveWithForumSolver(programme, seed: seed, timeLimit: timeLimit)
    let elapsed = ContinuousClock.now - clock
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return ITCSolveResult(programme: solved, solution: try ITCProgramme.solution(from: solved, instance: instance),
                          seconds: seconds)
}

/// The one call into ForumSolver; everything else here is the benchmark's own.
func solveWithForumSolver(_ programme: Programme, seed: UInt64, timeLimit: Double) throws -> Programme {
    throw SolverUnavailable()
}

struct SolverUnavailable: Error, CustomStringConvertible {
    var description: String { "ForumSolver has no public solve API on main yet; `itc2007 evaluate` works meanwhile" }
}

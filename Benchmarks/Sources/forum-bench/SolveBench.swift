import Foundation
import ForumModel
import ForumRules
import ForumSolver
import ForumFormats

/// The solver's targets (issue 3), each on one core in release:
/// - `solve-athens`: Athens 2006 with every placement removed except the pinned main sessions;
///   time to the first programme without a hard penalty (target < 0.2 s).
/// - `solve-350`: a generated IGF-2023-size programme (350 sessions, 18 rooms, 5 days); time
///   to feasible (target < 5 s) and the soft penalty after `SOLVE_SECONDS` (default 60).
/// - `solve-2000`: 2,000 sessions; time to feasible (target < 60 s) and peak memory (< 500 MB).
/// - `solve-speed`: move evaluations per second on the 350-session programme (target >= 1M).
func solveAthensBenchmark() throws {
    let programme = try ProgrammeReader.read(path: repositoryPath("Schedules/athens-2006.yaml"))
    var times: [Double] = []
    var last: SolveResult?
    for seed in 1...5 {
        // Stops as soon as the programme is feasible and nothing soft is left to gain, or at the budget.
        let result = solve(programme, options: SolverOptions(seed: UInt64(seed), timeLimit: 2, fresh: true))
        times.append(result.stats.feasibleAfterSeconds ?? .infinity)
        last = result
    }
    times.sort()
    let r = last!
    print("solve-athens: \(programme.sessions.count) sessions, fresh: feasible after median \(ms(times[2])) ms (max \(ms(times[4])) ms) over 5 seeds; "
        + "after 2 s \(r.score) (\(r.perRule.map { "\($0.rule.rawValue) \($0.penalty)" }.joined(separator: ", "))); "
        + "\(Int(r.stats.movesPerSecond)) moves/s")
}

func solveGenerated(_ sessions: Int, rooms: Int, days: Int, seconds: Double) throws -> (Programme, SolveResult) {
    let programme = try ProgrammeGenerator.generate(GeneratorOptions(sessions: sessions, rooms: rooms, days: days, seed: 1))
    let result = solve(programme, options: SolverOptions(seed: 1, timeLimit: seconds))
    let hard = validate(result.programme).hasHardViolations
    print("solve-\(sessions): \(sessions) sessions, \(rooms) rooms, \(days) days: constructed \(result.stats.constructed) in \(ms(result.stats.constructionSeconds)) ms; "
        + "feasible after \(result.stats.feasibleAfterSeconds.map { "\(ms($0)) ms" } ?? "never"); "
        + "after \(seconds) s \(result.score) (\(result.perRule.map { "\($0.rule.rawValue) \($0.penalty)" }.joined(separator: ", "))); "
        + "validate: \(hard ? "HARD VIOLATIONS" : "no hard violation"); \(result.stats.moves) moves, \(Int(result.stats.movesPerSecond)) moves/s; peak RSS \(peakResidentMegabytes()) MB")
    return (programme, result)
}

func solve350Benchmark() throws {
    let seconds = Double(ProcessInfo.processInfo.environment["SOLVE_SECONDS"] ?? "") ?? 60
    _ = try solveGenerated(350, rooms: 18, days: 5, seconds: seconds)
}

func solve2000Benchmark() throws {
    let seconds = Double(ProcessInfo.processInfo.environment["SOLVE_SECONDS"] ?? "") ?? 60
    _ = try solveGenerated(2_000, rooms: 100, days: 5, seconds: seconds)
}

func solveSpeedBenchmark() throws {
    let programme = try ProgrammeGenerator.generate(GeneratorOptions(sessions: 350, rooms: 18, days: 5, seed: 1))
    // The machine is shared: CPU time of this thread says what one core does, wall time what we got.
    let cpu0 = threadCPUSeconds()
    let result = solve(programme, options: SolverOptions(seed: 1, timeLimit: 10))
    let cpu = threadCPUSeconds() - cpu0
    let searchWall = result.stats.seconds - result.stats.constructionSeconds
    let searchCPU = cpu * searchWall / max(result.stats.seconds, 1e-9)
    print("solve-speed: 350 sessions: \(result.stats.moves) move evaluations in \(String(format: "%.1f", searchWall)) s of search = "
        + "\(Int(result.stats.movesPerSecond)) per wall second, ~\(Int(Double(result.stats.moves) / max(searchCPU, 1e-9))) per CPU second "
        + "(CPU \(String(format: "%.1f", cpu)) s of \(String(format: "%.1f", result.stats.seconds)) s wall)")
}

/// CPU seconds this thread has used.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

private func ms(_ seconds: Double) -> String { String(format: "%.0f", seconds * 1000) }

/// A path inside the repository (the benchmarks package sits in `Benchmarks/`).
func repositoryPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(relative).path
}

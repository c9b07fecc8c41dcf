import Foundation
import ForumModel
import ForumRules
import ForumFormats

/// `forum-bench validate`: validation of generated, placed IGF-like programmes of 1,000 and
/// 10,000 sessions. Prints, per size, the median wall time of several `validate` runs, the
/// fastest and slowest run, what the rules found, the time to generate and place the
/// programme, and the process's peak resident memory (getrusage maxrss).
func validateBenchmark() throws {
    let sizes: [(sessions: Int, rooms: Int, days: Int, runs: Int)] = [
        (1_000, 50, 5, 15),
        (10_000, 250, 10, 7),
    ]
    for size in sizes {
        let clock = ContinuousClock()
        var programme: Programme?
        let generation = try clock.measure {
            programme = try ProgrammeGenerator.generate(GeneratorOptions(sessions: size.sessions, rooms: size.rooms, days: size.days,
                                                                         seed: 1, placed: true))
        }
        let placedProgramme = programme!
        var report = validate(placedProgramme) // warm-up, and the report to print
        var times: [Duration] = []
        for _ in 0..<size.runs {
            times.append(clock.measure { report = validate(placedProgramme) })
        }
        times.sort()
        let hard = report.violations.filter(\.hard).count
        // Where the time goes, median of the same runs: compiling to indices, scoring every
        // placement, and listing the violations with their messages.
        var compile: [Duration] = [], score: [Duration] = [], explain: [Duration] = []
        for _ in 0..<size.runs {
            var problem: Problem?
            compile.append(clock.measure { problem = Problem(placedProgramme) })
            let state = ScoreState(problem: problem!)
            score.append(clock.measure {
                for p in 0..<problem!.partCount { if let pos = problem!.initial[p] { state.add(p, at: pos) } }
            })
            explain.append(clock.measure { _ = state.violations() })
        }
        let perRule = report.perRule.map { "\($0.rule.rawValue) \($0.count)" }.joined(separator: ", ")
        print("validate \(size.sessions) sessions (\(size.rooms) rooms, \(size.days) days): "
            + "median \(milliseconds(times[times.count / 2])) ms over \(size.runs) runs "
            + "(min \(milliseconds(times[0])), max \(milliseconds(times[times.count - 1]))); "
            + "\(report.violations.count) violations (\(hard) hard); "
            + "generate+place \(milliseconds(generation)) ms; peak RSS \(peakResidentMegabytes()) MB\n"
            + "  phases (median): compile \(milliseconds(median(compile))) ms, score \(milliseconds(median(score))) ms, "
            + "list violations \(milliseconds(median(explain))) ms\n"
            + "  per rule: \(perRule)")
    }
}

private func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

private func milliseconds(_ d: Duration) -> String {
    let c = d.components
    return String(format: "%.1f", Double(c.seconds) * 1_000 + Double(c.attoseconds) / 1e15)
}

/// Peak resident set size of this process so far, in MB (Linux reports kilobytes).
func peakResidentMegabytes() -> String {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return String(format: "%.1f", Double(usage.ru_maxrss) / 1024)
    #else
    getrusage(RUSAGE_SELF, &usage)
    return String(format: "%.1f", Double(usage.ru_maxrss) / 1_048_576)
    #endif
}

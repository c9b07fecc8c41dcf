import Foundation
import ForumFormats
import ForumModel
import ForumSolver
import ITC2007

// itc2007: the library's solver on ITC-2007 track 3 (curriculum-based course timetabling),
// scored by an evaluator independent of the library's rules. Run in release:
//   swift run -c release --package-path Benchmarks itc2007 INSTANCE.ctt --time-limit S --seed N -o OUT.sol
//   swift run -c release --package-path Benchmarks itc2007 evaluate INSTANCE.ctt SOLUTION.sol
//   swift run -c release --package-path Benchmarks itc2007 run DIR --seeds 1,2,3 --time-limit S [--jobs 2] [--out DIR]

let usage = """
usage: itc2007 INSTANCE.ctt [--time-limit SECONDS] [--seed N] [--max-moves N] [-o OUT.sol] [--quiet] [--progress]
       itc2007 evaluate INSTANCE.ctt SOLUTION.sol
       itc2007 run DIR [--seeds 1,2,3] [--time-limit SECONDS | --max-moves N] [--jobs N] [--out DIR] [--only comp01,comp02]

  solve      solves one instance with ForumSolver (single-threaded), writes the .sol and
             prints the hard violations and UD2 components from the independent evaluator
  evaluate   scores a .sol against an instance like the official validator (UD2)
  run        solves every *.ctt in DIR for each seed, JOBS processes at a time, and prints
             min / median cost per instance beside Müller's average and the best known value
"""

/// Writes to standard error (progress and diagnostics never mix with the report on stdout).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct UsageError: Error, CustomStringConvertible { var description: String }

/// Options after the positional arguments: `--name value` pairs and bare flags.
struct Options {
    var positional: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ args: ArraySlice<String>, flags known: Set<String>) throws {
        var i = args.startIndex
        while i < args.endIndex {
            let a = args[i]
            if known.contains(a) {
                flags.insert(a)
            } else if a.hasPrefix("-") && a.count > 1 {
                guard i + 1 < args.endIndex else { throw UsageError(description: "\(a) needs a value") }
                values[a] = args[i + 1]
                i += 1
            } else {
                positional.append(a)
            }
            i += 1
        }
    }

    func double(_ name: String, default value: Double) throws -> Double {
        guard let text = values[name] else { return value }
        guard let v = Double(text), v > 0 else { throw UsageError(description: "\(name) expects a positive number, got `\(text)`") }
        return v
    }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = values[name] else { return value }
        guard let v = Int(text), v > 0 else { throw UsageError(description: "\(name) expects a positive whole number, got `\(text)`") }
        return v
    }

    func check(allowed: Set<String>) throws {
        for key in values.keys.sorted() where !allowed.contains(key) {
            throw UsageError(description: "unknown option \(key)")
        }
    }
}

func report(_ e: UD2Evaluation) -> String {
    """
    hard violations: \(e.hardViolations) (lectures \(e.lectures), repeated \(e.repeatedEntries), conflicts \(e.conflicts), \
    availability \(e.availability), room occupancy \(e.roomOccupancy))
    S1 room capacity    \(e.s1)  (\(e.roomCapacity) students over)
    S2 min working days \(e.s2)  (\(e.minWorkingDays) days short × 5)
    S3 compactness      \(e.s3)  (\(e.isolatedLectures) isolated lectures × 2)
    S4 room stability   \(e.s4)  (\(e.roomStability) room changes)
    UD2 cost            \(e.total)\(e.isFeasible ? "" : "  (infeasible)")
    """
}

/// User + system CPU seconds of this process: on a shared machine a wall-clock limit buys
/// less CPU than it says, and the runner's table reports both.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func solveCommand(_ args: ArraySlice<String>) throws -> Int32 {
    let o = try Options(args, flags: ["--quiet", "--progress"])
    try o.check(allowed: ["--time-limit", "--seed", "-o", "--max-moves"])
    guard o.positional.count == 1 else { throw UsageError(description: "give one instance file") }
    let path = o.positional[0]
    let timeLimit = try o.double("--time-limit", default: 60)
    let maxMoves = try o.values["--max-moves"].map { _ in try o.int("--max-moves", default: 1) }
    guard let seed = UInt64(o.values["--seed"] ?? "1") else { throw UsageError(description: "--seed expects a whole number") }
    let instance = try CTTInstance.load(path: path)
    let progress: (@Sendable (SolverProgress) -> Void)?
    if o.flags.contains("--progress") {
        progress = { (p: SolverProgress) in
            let elapsed = String(format: "%6.1f", p.elapsed)
            let rate = Int(p.movesPerSecond)
            printError("  \(elapsed) s  \(p.phase)  best \(p.best)  current \(p.current)  \(rate) moves/s")
        }
    } else {
        progress = nil
    }
    // With --max-moves the budget is in moves only, so the run is reproducible byte for byte.
    let result = try solveITC(instance, seed: seed, timeLimit: maxMoves == nil ? timeLimit : nil, maxMoves: maxMoves,
                              progress: progress)
    if let out = o.values["-o"] {
        try writeAtomically(result.solution.text(for: instance), to: out, inputs: [path])
    }
    let e = UD2Evaluator(instance: instance).evaluate(result.solution)
    if !o.flags.contains("--quiet") {
        let st = result.stats
        print("\(instance.name) (\(path)), seed \(seed): \(String(format: "%.1f", st.seconds)) s, "
              + "\(st.moves) moves (\(String(format: "%.0f", st.movesPerSecond))/s), stopped by \(st.stopReason.rawValue)")
        print("process CPU time \(String(format: "%.1f", cpuSeconds())) s")
        print("library score \(result.libraryScore) (constructed \(st.constructed)"
              + (st.feasibleAfterSeconds.map { String(format: ", feasible after %.2f s", $0) } ?? ", never feasible") + ")")
        print(report(e))
    }
    // The library's rules are set to be UD2 exactly; a difference is a bug in one of them.
    if e.isFeasible && (result.libraryScore.hard != 0 || result.libraryScore.soft != e.total) {
        printError("itc2007: the library scores this timetable \(result.libraryScore) but UD2 gives \(e.total)")
        return 3
    }
    return e.isFeasible ? 0 : 1
}

func evaluateCommand(_ args: ArraySlice<String>) throws -> Int32 {
    let o = try Options(args, flags: [])
    try o.check(allowed: [])
    guard o.positional.count == 2 else { throw UsageError(description: "give an instance and a solution file") }
    let instance = try CTTInstance.load(path: o.positional[0])
    let solution = try CTTSolution.load(path: o.positional[1], instance: instance)
    let e = UD2Evaluator(instance: instance).evaluate(solution)
    print(report(e))
    return e.isFeasible ? 0 : 1
}

/// Runs finished so far, filled from the child processes' termination handlers.
final class RunCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ITCRun] = []
    func append(_ run: ITCRun) { lock.lock(); items.append(run); lock.unlock() }
    var runs: [ITCRun] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Runs each (instance, seed) as a child process of this executable, `jobs` at a time, so
/// every run is single-threaded and runs never share a heap.
func runCommand(_ args: ArraySlice<String>) throws -> Int32 {
    let o = try Options(args, flags: [])
    try o.check(allowed: ["--seeds", "--time-limit", "--max-moves", "--jobs", "--out", "--only"])
    guard o.positional.count == 1 else { throw UsageError(description: "give one folder of .ctt instances") }
    let folder = o.positional[0]
    let timeLimit = try o.double("--time-limit", default: 60)
    let jobs = try o.int("--jobs", default: 1)
    let seeds: [UInt64] = try (o.values["--seeds"] ?? "1,2,3").split(separator: ",").map {
        guard let s = UInt64($0) else { throw UsageError(description: "--seeds expects numbers like 1,2,3") }
        return s
    }
    let out = o.values["--out"] ?? "itc2007-runs"
    let only = o.values["--only"].map { Set($0.split(separator: ",").map(String.init)) }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ctt") }.sorted()
        .filter { only?.contains(String($0.dropLast(4))) ?? true }
    guard !files.isEmpty else { throw UsageError(description: "no .ctt instances in \(folder)") }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

    var loaded: [String: CTTInstance] = [:]
    for file in files { loaded[file] = try CTTInstance.load(path: folder + "/" + file) }
    let instances = loaded
    let tasks = files.flatMap { file in seeds.map { (file: file, seed: $0) } }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()

    let slots = DispatchSemaphore(value: jobs)
    let group = DispatchGroup()
    let collected = RunCollector()
    let budgetText = o.values["--max-moves"].map { "\($0) moves" } ?? "\(Int(timeLimit)) s"
    if let moves = o.values["--max-moves"] { _ = try o.int("--max-moves", default: Int(moves) ?? 1) }
    printError("itc2007 run: \(tasks.count) runs of \(budgetText), \(jobs) at a time, .sol files in \(out)/")
    for task in tasks {
        slots.wait()
        let stem = String(task.file.dropLast(4))
        let solPath = "\(out)/\(stem)-seed\(task.seed).sol"
        try? FileManager.default.removeItem(atPath: solPath)
        let process = Process()
        process.executableURL = executable
        // A budget in moves (instead of seconds) makes each run reproducible and independent
        // of how busy the machine is.
        let budget = o.values["--max-moves"].map { ["--max-moves", $0] } ?? ["--time-limit", String(timeLimit)]
        process.arguments = [folder + "/" + task.file] + budget + ["--seed", String(task.seed), "-o", solPath]
        let logPath = "\(out)/\(stem)-seed\(task.seed).txt"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: logPath)
        group.enter()
        process.terminationHandler = { p in
            let instance = instances[task.file]!
            // A run that wrote nothing is scored as an empty timetable: every lecture missing.
            let solution = (try? CTTSolution.load(path: solPath, instance: instance)) ?? CTTSolution(assignments: [])
            let e = UD2Evaluator(instance: instance).evaluate(solution)
            collected.append(ITCRun(instance: stem, seed: task.seed, evaluation: e))
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            let cpu = log.split(separator: "\n").first { $0.hasPrefix("process CPU time") }.map(String.init) ?? "no CPU figure"
            printError("  \(stem) seed \(task.seed): cost \(e.total), hard \(e.hardViolations), \(cpu)"
                       + (p.terminationStatus > 1 ? " (exit \(p.terminationStatus))" : ""))
            slots.signal()
            group.leave()
        }
        try process.run()
    }
    group.wait()
    var runs = collected.runs
    runs.sort { ($0.instance, $0.seed) < ($1.instance, $1.seed) }
    print(resultTable(runs))
    print("")
    print("Budget \(budgetText) per run, seeds \(seeds.map(String.init).joined(separator: ",")), "
          + "\(jobs) single-threaded run(s) at a time.")
    print("Per run (instance seed: S1/S2/S3/S4 = cost); the solver's own figures are in \(out)/*.txt:")
    for run in runs {
        let e = run.evaluation
        print("  \(run.instance) \(run.seed): \(e.s1)/\(e.s2)/\(e.s3)/\(e.s4) = \(e.total)"
              + (e.isFeasible ? "" : " INFEASIBLE (\(e.hardViolations) hard)"))
    }
    return runs.allSatisfy { $0.evaluation.isFeasible } ? 0 : 1
}

var arguments = CommandLine.arguments.dropFirst()
let status: Int32
do {
    // `--help` anywhere (`itc2007 run --help`) asks for the usage, not for a run.
    let wantsHelp = arguments.contains("-h") || arguments.contains("--help")
    switch wantsHelp ? "--help" : arguments.first {
    case nil, "-h", "--help", "help":
        print(usage)
        status = arguments.isEmpty ? 64 : 0
    case "evaluate":
        status = try evaluateCommand(arguments.dropFirst())
    case "run":
        status = try runCommand(arguments.dropFirst())
    case "solve":
        status = try solveCommand(arguments.dropFirst())
    default:
        status = try solveCommand(arguments)
    }
} catch let e as UsageError {
    printError("itc2007: \(e)\n\n\(usage)")
    status = 64
} catch let e as InputError {
    printError(e.description)
    status = 2
} catch let e as InputErrors {
    printError(e.description)
    status = 2
} catch {
    printError("itc2007: \(error)")
    status = 1
}
exit(status)

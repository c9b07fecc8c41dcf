import ArgumentParser
import Dispatch
import Foundation
import ForumFormats
import ForumModel
import ForumRules
import ForumSolver

/// `forum solve FILE -o OUT`: places every session without breaking a hard rule.
public struct SolveCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Place every session in a room and a time, breaking no hard rule and as few soft ones as possible.",
        discussion: """
        Pinned sessions stay where they are; placed sessions start where they are (or \
        anywhere with --fresh); the rest are placed, then the whole programme is improved \
        until the time limit, the move budget, a score of zero, or Ctrl-C (which keeps the \
        best programme found). The result is written in the programme file format and the \
        score per rule is printed.

        Late changes: --keep PUBLISHED makes every move away from the published programme \
        cost `moved-from-published` (weight 1000), and lists what moved.

        When no programme without a broken hard rule is found, it says why (in rooms, \
        slots, equipment, people), lists the sessions it could not place and the rule that \
        blocks each, exits 1, and writes the rest of the programme only with --allow-unplaced.

        The same input, --seed and --max-moves give a byte-identical output file.

        Checking mode (--check, slow, for developers): after every accepted move each rule's \
        incremental count is compared with its plain recount from scratch; a difference stops \
        the search with the rule, the move and both counts, writes nothing and exits 70.

        Examples:
          forum solve Schedules/athens-2006.yaml --fresh -o out/athens-solved.yaml
          forum solve programme.yaml --keep published.yaml -o programme-v2.yaml
          forum solve big.yaml --seed 3 --max-moves 5000000 -o big-solved.yaml
          forum solve Schedules/athens-2006.yaml --fresh --check --max-moves 200000 -o /tmp/checked.yaml

        Exit codes: 0 every session placed without a broken hard rule, 1 not possible (or \
        not found), 2 the input cannot be used or the output cannot be written, 130 a \
        second Ctrl-C (stops at once, writes nothing), 70 checking mode found a drift.
        """
    )

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "Where to write the solved programme (.yaml or .json).")
    public var output: String

    @Option(help: "Seed of the search.")
    public var seed: UInt64 = 1

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds (default 60 unless --max-moves is given).")
    public var timeLimit: Double?

    @Option(name: .customLong("max-moves"), help: "Stop after this many evaluated moves (deterministic).")
    public var maxMoves: Int?

    @Flag(help: "Ignore every placement that is not pinned.")
    public var fresh = false

    @Option(help: "The published programme: move as few of its sessions as possible.")
    public var keep: String?

    @Option(help: "Searches in parallel (default: the machine's cores). With --max-moves (each thread's budget) the result depends on the input, --seed and --threads.")
    public var threads: Int?

    @Option(name: .customLong("exchange-every"), help: "Moves each thread makes between exchanges of the best programme (default 500000).")
    public var exchangeEvery: Int?

    @Flag(name: .customLong("allow-unplaced"), help: "Write the programme even when some sessions cannot be placed.")
    public var allowUnplaced = false

    @Flag(help: "No progress on standard error.")
    public var quiet = false

    @Option(help: "text for people, json for machines.")
    public var format: Format = .text

    @Flag(help: "Checking mode: recount every rule from scratch after every accepted move (slow).")
    public var check = false

    public init() {}

    public func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a finite, positive number of seconds, not \(timeLimit)")
        }
        if let maxMoves, maxMoves < 0 { throw ValidationError("--max-moves must not be negative, not \(maxMoves)") }
        if let exchangeEvery, exchangeEvery < 1 { throw ValidationError("--exchange-every must be at least 1, not \(exchangeEvery)") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256, not \(threads)") }
    }

    public func run() throws {
        let programme = try ProgrammeInput.load(path: file)
        let published = try keep.map { try ProgrammeInput.load(path: $0) }
        // Refuse to overwrite an input before spending a minute solving.
        let inputs = [file] + (keep.map { [$0] } ?? [])
        try refuseOverwriting(inputs, with: output)

        let cancellation = SolverCancellation()
        let interrupt = Interrupt(cancellation)
        let display = quiet ? nil : ProgressDisplay()
        var options = SolverOptions(seed: seed, timeLimit: timeLimit ?? (maxMoves == nil ? 60 : nil), maxMoves: maxMoves, fresh: fresh,
                                    published: published, cancellation: cancellation)
        options.checking = check
        options.threads = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        if let exchangeEvery { options.exchangeMoves = exchangeEvery }
        // The checking mode's own test (Tests/ForumCLITests) breaks one rule's count on purpose.
        if check, let name = ProcessInfo.processInfo.environment["FORUM_CHECK_INJECT_FAULT"], let rule = RuleID(rawValue: name) {
            options.injectFault = rule
        }
        if let display {
            options.progress = { display.show($0) }
            options.progressInterval = display.interval
        }
        let result = ForumSolver.solve(programme, options: options)
        display?.finish()
        interrupt.restore()
        if let drift = result.drift {
            printError("solve: checking mode: the incremental score drifted from the rules' recount \(drift)")
            printError("  hint: this is a bug in the rule named; please report it with the programme file")
            throw ExitCode(70)
        }

        let write = result.feasible || allowUnplaced
        if write {
            try writeAtomically(ProgrammeWriter.text(result.programme, format: ProgrammeFileFormat(path: output)), to: output, inputs: inputs)
        }
        switch format {
        case .text: print(SolveReport.text(result, file: file, output: write ? output : nil, keep: published != nil), terminator: "")
        case .json: print(SolveReport.json(result, file: file, output: write ? output : nil), terminator: "")
        }
        if !result.feasible { throw ExitCode(1) }
    }
}

/// Ctrl-C stops the search and keeps the best programme (a second Ctrl-C ends the process).
final class Interrupt: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private var count = 0

    init(_ cancellation: SolverCancellation) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global())
        source.setEventHandler { [unowned self] in
            count += 1
            if count > 1 { exit(130) }
            printError("\nstopping: keeping the best programme found (Ctrl-C again to quit at once)")
            cancellation.cancel()
        }
        source.resume()
    }

    func restore() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// Progress on standard error: one line updated in place on a terminal, a plain line every
/// few seconds otherwise.
final class ProgressDisplay: @unchecked Sendable {
    let terminal = isatty(2) != 0
    var interval: Double { terminal ? 0.2 : 5 }
    private var shown = false

    func show(_ p: SolverProgress) {
        let line = String(format: "%6.1fs  %@  best %@  current %@  %@ moves/s",
                          p.elapsed, p.phase.padding(toLength: 9, withPad: " ", startingAt: 0),
                          p.best.description, p.current.description, SolveReport.compact(p.movesPerSecond))
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            shown = true
        } else {
            printError(line)
        }
    }

    func finish() {
        if terminal && shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

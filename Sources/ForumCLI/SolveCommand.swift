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

        Examples:
          forum solve Schedules/athens-2006.yaml --fresh -o out/athens-solved.yaml
          forum solve programme.yaml --keep published.yaml -o programme-v2.yaml
          forum solve big.yaml --seed 3 --max-moves 5000000 -o big-solved.yaml

        Exit codes: 0 every session placed without a broken hard rule, 1 not possible (or \
        not found), 2 the input cannot be used or the output cannot be written, 130 a \
        second Ctrl-C (stops at once, writes nothing).
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

    @Flag(name: .customLong("allow-unplaced"), help: "Write the programme even when some sessions cannot be placed.")
    public var allowUnplaced = false

    @Flag(help: "No progress on standard error.")
    public var quiet = false

    @Option(help: "text for people, json for machines.")
    public var format: Format = .text

    public init() {}

    public func validate() throws {
        if let timeLimit, timeLimit <= 0 { throw ValidationError("--time-limit must be positive, not \(timeLimit)") }
        if let maxMoves, maxMoves < 0 { throw ValidationError("--max-moves must not be negative, not \(maxMoves)") }
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
        if let display {
            options.progress = { display.show($0) }
            options.progressInterval = display.interval
        }
        let result = ForumSolver.solve(programme, options: options)
        display?.finish()
        interrupt.restore()

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

/// The final report of `forum solve`.
enum SolveReport {
    static func compact(_ n: Double) -> String {
        n >= 1e6 ? String(format: "%.2fM", n / 1e6) : n >= 1e3 ? String(format: "%.0fk", n / 1e3) : String(format: "%.0f", n)
    }

    static func text(_ r: SolveResult, file: String, output: String?, keep: Bool) -> String {
        var out = ""
        if r.feasible {
            out += "\(file): every session placed, no hard rule broken.\n"
        } else {
            out += "\(file): no programme without a broken hard rule was found.\n"
            for line in r.explanation { out += "  why: \(line)\n" }
            if !r.unplaced.isEmpty {
                out += "Sessions not placed (\(r.unplaced.count)):\n"
                for u in r.unplaced {
                    let title = r.programme.session(u.session)?.title ?? ""
                    let part = (r.programme.session(u.session)?.parts ?? 1) > 1 ? " (part \(u.part + 1))" : ""
                    out += "  \(u.session) '\(title)'\(part): \(u.blockedBy.rawValue): \(u.reason)\n"
                }
            }
        }
        if keep {
            out += r.moved.isEmpty ? "Nothing moved from the published programme.\n" : "Moved from the published programme (\(r.moved.count)):\n"
            for m in r.moved {
                let from = m.from.map { "\($0.day) \($0.start) \($0.room)" } ?? "unplaced"
                let to = m.to.map { "\($0.day) \($0.start) \($0.room)" } ?? "unplaced"
                out += "  \(m.session): \(from) -> \(to)\n"
            }
        }
        out += "Score per rule:\n"
        if r.perRule.isEmpty { out += "  (no penalty)\n" }
        for line in r.perRule {
            out += "  \(line.rule.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(line.hard ? "hard" : "soft")  \(String(line.units).leftPad(6)) units  penalty \(line.penalty)\n"
        }
        let s = r.stats
        out += "Score: \(r.score) (constructed \(s.constructed)); \(s.moves) moves in \(String(format: "%.1f", s.seconds)) s (\(compact(s.movesPerSecond)) moves/s), stopped: \(s.stopReason.rawValue)\n"
        if let output { out += "Wrote \(output)\n" } else { out += "Nothing written (use --allow-unplaced to write the sessions that could be placed).\n" }
        return out
    }

    struct JSONReport: Encodable {
        var file: String
        var output: String?
        var feasible: Bool
        var score: Score
        var perRule: [RuleScore]
        var unplaced: [UnplacedPart]
        var explanation: [String]
        var moved: [Moved]
        var stats: SolverStats
        struct Moved: Encodable { var session: String; var part: Int; var from: String?; var to: String? }
    }

    static func json(_ r: SolveResult, file: String, output: String?) -> String {
        let moved = r.moved.map { m in
            JSONReport.Moved(session: m.session, part: m.part, from: m.from.map { "\($0.day) \($0.start) \($0.room)" }, to: m.to.map { "\($0.day) \($0.start) \($0.room)" })
        }
        let report = JSONReport(file: file, output: output, feasible: r.feasible, score: r.score, perRule: r.perRule, unplaced: r.unplaced,
                                explanation: r.explanation, moved: moved, stats: r.stats)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

import Foundation
import ForumModel
import ForumRules
import ForumSolver

/// Renders a ``SolveResult`` for organisers (text) or machines (JSON): whether every
/// session found a place, why not and what blocks each unplaced part, what moved from the
/// published programme, the penalty per rule, the score and the run's figures. What
/// `forum solve` prints.
public enum SolveReport {
    /// A rate for people: `1.23M`, `161k`, `950`.
    public static func compact(_ n: Double) -> String {
        n >= 1e6 ? String(format: "%.2fM", n / 1e6) : n >= 1e3 ? String(format: "%.0fk", n / 1e3) : String(format: "%.0f", n)
    }

    /// A placement as `2006-10-31 09:30 plato-hall`.
    static func place(_ placement: Placement) -> String { "\(placement.day) \(placement.start) \(placement.room)" }

    /// The report for people. `file` is the programme solved, `output` the file written (nil:
    /// nothing written), `keep` whether the result was compared with a published programme.
    public static func text(_ r: SolveResult, file: String, output: String?, keep: Bool) -> String {
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
                out += "  \(m.session): \(m.from.map(place) ?? "unplaced") -> \(m.to.map(place) ?? "unplaced")\n"
            }
        }
        out += "Score per rule:\n"
        if r.perRule.isEmpty { out += "  (no penalty)\n" }
        for line in r.perRule {
            let units = String(line.units)
            out += "  \(line.rule.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(line.hard ? "hard" : "soft")  "
                + "\(String(repeating: " ", count: max(0, 6 - units.count)) + units) units  penalty \(line.penalty)\n"
        }
        let s = r.stats
        out += "Score: \(r.score) (constructed \(s.constructed)); \(s.moves) moves in \(String(format: "%.1f", s.seconds)) s "
            + "(\(compact(s.movesPerSecond)) moves/s\(s.threads > 1 ? " on \(s.threads) threads" : "")), stopped: \(s.stopReason.rawValue)\n"
        out += boundLine(s) + "\n"
        if let output { out += "Wrote \(output)\n" } else { out += "Nothing written (use --allow-unplaced to write the sessions that could be placed).\n" }
        return out
    }

    /// "Bound: 0hard/44soft: optimal, no programme can score lower", or how far above the
    /// bound the result may be.
    public static func boundLine(_ s: SolverStats) -> String {
        if s.provenOptimal { return "Bound: \(s.lowerBound): optimal, no programme can score lower" }
        if s.best.hard > s.lowerBound.hard {
            return "Bound: \(s.lowerBound): hard penalties remain that the bound does not prove unavoidable"
        }
        let gap = s.lowerBound.soft > 0 ? String(format: "%.0f%%", 100 * Double(s.best.soft - s.lowerBound.soft) / Double(s.lowerBound.soft)) : "∞"
        return "Bound: \(s.lowerBound) (no programme scores lower); this one is within \(s.best.soft - s.lowerBound.soft) soft (\(gap)) of it"
    }

    /// The report for machines, written like every JSON report (``Tree/json()``). Members in
    /// alphabetical order, camel-case names; absent values (no output, no first feasible
    /// programme, a part placed nowhere) are left out.
    public static func json(_ r: SolveResult, file: String, output: String?) -> String {
        tree(r, file: file, output: output).json()
    }

    /// The JSON report as a document, for callers that add members of their own.
    public static func tree(_ r: SolveResult, file: String, output: String?) -> Tree {
        func score(_ s: Score) -> Tree { .map([.init("hard", .integer(s.hard)), .init("soft", .integer(s.soft))]) }
        func present(_ entries: [Tree.Entry?]) -> Tree { .map(entries.compactMap { $0 }) }
        let moved: [Tree] = r.moved.map { m in
            present([
                m.from.map { .init("from", .text(place($0))) },
                .init("part", .integer(m.part)),
                .init("session", .text(m.session)),
                m.to.map { .init("to", .text(place($0))) },
            ])
        }
        let perRule: [Tree] = r.perRule.map { line in
            .map([
                .init("hard", .bool(line.hard)),
                .init("penalty", .integer(line.penalty)),
                .init("rule", .text(line.rule.rawValue)),
                .init("units", .integer(line.units)),
            ])
        }
        let unplaced: [Tree] = r.unplaced.map { u in
            .map([
                .init("blockedBy", .text(u.blockedBy.rawValue)),
                .init("part", .integer(u.part)),
                .init("reason", .text(u.reason)),
                .init("session", .text(u.session)),
            ])
        }
        let s = r.stats
        let stats = present([
            .init("accepted", .integer(s.accepted)),
            .init("best", score(s.best)),
            .init("constructed", score(s.constructed)),
            .init("constructionSeconds", .number(s.constructionSeconds)),
            s.feasibleAfterMoves.map { .init("feasibleAfterMoves", .integer($0)) },
            s.feasibleAfterSeconds.map { .init("feasibleAfterSeconds", .number($0)) },
            .init("improvements", .integer(s.improvements)),
            .init("lowerBound", score(s.lowerBound)),
            .init("optimal", .bool(s.provenOptimal)),
            .init("moves", .integer(s.moves)),
            .init("movesPerSecond", .number(s.movesPerSecond)),
            .init("seconds", .number(s.seconds)),
            .init("stopReason", .text(s.stopReason.rawValue)),
            .init("threads", .integer(s.threads)),
        ])
        return present([
            .init("explanation", .list(r.explanation.map(Tree.text))),
            .init("feasible", .bool(r.feasible)),
            .init("file", .text(file)),
            .init("moved", .list(moved)),
            output.map { .init("output", .text($0)) },
            .init("perRule", .list(perRule)),
            .init("score", score(r.score)),
            .init("stats", stats),
            .init("unplaced", .list(unplaced)),
        ])
    }
}

import ArgumentParser
import Foundation
import ForumFormats
import ForumModel
import ForumSolver

/// `forum select PROPOSALS -o ACCEPTED`: chooses the proposals to accept under caps.
public struct SelectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Choose the proposals to accept: the best by score or rank that fit the rooms and keep every cap.",
        discussion: """
        Every session of the file is a proposal; pinned and placed sessions are always \
        accepted. The value of a proposal is its `score`, or, from its `rank` in its main \
        theme, 10000·(N + 1 − rank)/N (N: the theme's largest rank), so the best of each \
        theme counts the same (--by chooses; by default score when any proposal has one). \
        The selection maximises the total value under the caps and the room-slots, by an \
        exact branch and bound (Lagrangian bound, local search), not a greedy pass; among \
        selections of equal value the one with more sessions wins.

        Caps:
          --places N                    at most N sessions in all (pinned ones included)
          --per-organisation N          at most N sessions per organisation of their organisers
          --per-person N                at most N sessions per person (any role)
          --basket "NAME=60%:t1,t2"     the themes t1, t2 (main theme of a session) get 60% of the
                                        sessions of all baskets, ± --share-tolerance points;
                                        "NAME=55-65%:t1,t2" gives the range itself (repeatable)
          --share-by count|minutes      what a share counts (default count)
          --min-region "NAME=N"         at least N sessions with an organiser from region NAME
          --min-group "NAME=N"          at least N with an organiser of stakeholder group NAME

        A session counts for the organisations, regions and groups of its organisers (of all \
        its people when it names no organiser). Room-slots: each session needs the grid starts \
        it covers in a room it may use (the solver's own domains); then the accepted programme \
        is solved, and if the solver cannot place everything, the capacity is tightened and the \
        selection made again.

        The report lists every accepted and rejected session with the reason (capacity, \
        organisation cap, person cap, theme share); the accepted programme (frame, accepted \
        sessions and the people they use, unplaced except pinned and placed ones) is written to \
        -o, the rejected ones with --rejected. The same input and options give the same bytes.

        Examples:
          forum select proposals.yaml --places 355 --per-organisation 3 -o accepted.yaml
          forum select proposals.yaml --basket "policy=60%:t-ai,t-rights" --basket "tech=40%:t-infra" \\
              --min-region "African Group=5" --rejected rejected.yaml -o accepted.yaml

        Exit codes: 0 selected (and placed by the solver), 1 the caps cannot all be kept (the \
        message names them) or the selection cannot be placed, 2 the input cannot be used or \
        the output cannot be written, 64 a wrong command line.
        """
    )

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

    @Argument(help: "The programme file of proposals (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "Where to write the accepted programme (.yaml or .json).")
    public var output: String

    @Option(help: "Where to write the rejected proposals (a programme file).")
    public var rejected: String?

    @Option(help: "At most this many sessions in all.")
    public var places: Int?

    @Option(name: .customLong("per-organisation"), help: "At most this many sessions per organisation.")
    public var perOrganisation: Int?

    @Option(name: .customLong("per-person"), help: "At most this many sessions per person.")
    public var perPerson: Int?

    @Option(help: "A basket of themes and its share: NAME=60%:theme,theme or NAME=55-65%:theme,theme.")
    public var basket: [String] = []

    @Option(name: .customLong("share-tolerance"), help: "Percentage points a single-valued share may move (default 5).")
    public var shareTolerance: Double = 5

    @Option(name: .customLong("share-by"), help: "What a share counts: count or minutes.")
    public var shareBy: ShareMeasure = .count

    @Option(name: .customLong("min-region"), help: "At least N sessions from a region: NAME=N.")
    public var minRegion: [String] = []

    @Option(name: .customLong("min-group"), help: "At least N sessions from a stakeholder group: NAME=N.")
    public var minGroup: [String] = []

    @Option(help: "Value from score, rank or auto.")
    public var by: SelectionValueSource = .auto

    @Option(name: .customLong("max-nodes"), help: "Branch-and-bound nodes per round (deterministic budget).")
    public var maxNodes: Int = 2_000_000

    @Option(name: .customLong("time-limit"), help: "Seconds per round at most (results may then depend on the machine).")
    public var timeLimit: Double?

    @Option(name: .customLong("solve-moves"), help: "Solver moves for the placement check.")
    public var solveMoves: Int = 100_000

    @Option(help: "Seed of the placement check.")
    public var seed: UInt64 = 1

    @Flag(name: .customLong("no-check"), help: "Skip the solver's placement check (the capacity bound only).")
    public var noCheck = false

    @Option(help: "text for people, json for machines.")
    public var format: Format = .text

    public init() {}

    public func validate() throws {
        for (name, value) in [("--places", places), ("--per-organisation", perOrganisation), ("--per-person", perPerson)] {
            if let value, value < 0 { throw ValidationError("\(name) must not be negative, not \(value)") }
        }
        if !(shareTolerance.isFinite && shareTolerance >= 0 && shareTolerance <= 100) {
            throw ValidationError("--share-tolerance must be between 0 and 100 percentage points, not \(shareTolerance)")
        }
        if maxNodes < 1 { throw ValidationError("--max-nodes must be positive, not \(maxNodes)") }
        if solveMoves < 0 { throw ValidationError("--solve-moves must not be negative, not \(solveMoves)") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a finite, positive number of seconds, not \(timeLimit)")
        }
        _ = try parsedBaskets()
        _ = try Self.minima(minRegion, option: "--min-region")
        _ = try Self.minima(minGroup, option: "--min-group")
    }

    /// `NAME=60%:a,b` or `NAME=55-65%:a,b`.
    func parsedBaskets() throws -> [ThemeBasket] {
        try basket.map { text in
            let bad = "--basket wants NAME=PERCENT:THEME,THEME (e.g. \"policy=60%:theme-a,theme-b\" or \"policy=55-65%:theme-a\"), not `\(text)`"
            guard let eq = text.firstIndex(of: "="), let colon = text[eq...].firstIndex(of: ":") else { throw ValidationError(bad) }
            let name = text[..<eq].trimmingCharacters(in: .whitespaces)
            let share = text[text.index(after: eq)..<colon].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            let themes = text[text.index(after: colon)...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !name.isEmpty, !themes.isEmpty else { throw ValidationError(bad) }
            func number(_ s: Substring) throws -> Double {
                guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0, v <= 100 else {
                    throw ValidationError("--basket \(name): a share is a percentage from 0 to 100, not `\(s)`")
                }
                return v
            }
            let bounds = share.split(separator: "-", omittingEmptySubsequences: false)
            let low: Double, high: Double
            switch bounds.count {
            case 1:
                let v = try number(bounds[0])
                low = max(0, v - shareTolerance); high = min(100, v + shareTolerance)
            case 2:
                low = try number(bounds[0]); high = try number(bounds[1])
                guard low <= high else { throw ValidationError("--basket \(name): the range \(share)% runs backwards") }
            default: throw ValidationError(bad)
            }
            return ThemeBasket(name: name, themes: themes, minimumPercent: low, maximumPercent: high)
        }
    }

    static func minima(_ texts: [String], option: String) throws -> [GroupMinimum] {
        try texts.map { text in
            guard let eq = text.lastIndex(of: "="), let count = Int(text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)), count >= 0 else {
                throw ValidationError("\(option) wants NAME=COUNT (e.g. \"African Group=5\"), not `\(text)`")
            }
            let name = text[..<eq].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ValidationError("\(option) wants NAME=COUNT, not `\(text)`") }
            return GroupMinimum(name: name, count: count)
        }
    }

    /// Checks the caps' names against the programme: unknown themes, regions and groups are
    /// command-line mistakes (exit 64) with the closest name.
    func caps(for programme: Programme) throws -> SelectionCaps {
        let baskets = try parsedBaskets()
        let themeIDs = programme.themes.map(\.id)
        var owner: [String: String] = [:]
        for b in baskets {
            for t in b.themes {
                if !themeIDs.contains(t) {
                    let hint = closestMatch(to: t, in: themeIDs).map { " (did you mean `\($0)`?)" } ?? ""
                    throw ValidationError("--basket \(b.name): the programme has no theme `\(t)`\(hint)")
                }
                if let other = owner[t], other != b.name { throw ValidationError("--basket: theme `\(t)` is in both \(other) and \(b.name)") }
                owner[t] = b.name
            }
        }
        if baskets.count > 1 {
            let low = baskets.map(\.minimumPercent).reduce(0, +), high = baskets.map(\.maximumPercent).reduce(0, +)
            if low > 100 || high < 100 {
                throw ValidationError("--basket: the shares cannot add up to 100% (minimums \(low)%, maximums \(high)%)")
            }
        }
        func known(_ minima: [GroupMinimum], values: [String?], option: String) throws {
            var names: [String] = []
            for v in values { if let v = v?.trimmingCharacters(in: .whitespaces), !v.isEmpty, !names.contains(v) { names.append(v) } }
            for m in minima where !names.contains(m.name) {
                let hint = closestMatch(to: m.name, in: names).map { " (did you mean `\($0)`?)" } ?? ""
                throw ValidationError("\(option): nobody in the programme has `\(m.name)`\(hint)")
            }
        }
        let regions = try Self.minima(minRegion, option: "--min-region")
        let groups = try Self.minima(minGroup, option: "--min-group")
        try known(regions, values: programme.people.map(\.region), option: "--min-region")
        try known(groups, values: programme.people.map(\.stakeholderGroup), option: "--min-group")
        return SelectionCaps(places: places, perOrganisation: perOrganisation, perPerson: perPerson, baskets: baskets,
                             shareBy: shareBy, minimumPerRegion: regions, minimumPerGroup: groups)
    }

    public func run() throws {
        let programme = try ProgrammeInput.load(path: file)
        let inputs = [file]
        try refuseOverwriting(inputs, with: output, suffix: "accepted")
        if let rejected { try refuseOverwriting(inputs + [output], with: rejected, suffix: "rejected") }
        let caps = try caps(for: programme)
        let options = SelectionOptions(caps: caps, valueSource: by, maxNodes: maxNodes, timeLimit: timeLimit,
                                       checkPlacement: !noCheck, solveMoves: solveMoves, seed: seed)
        let result: SelectionResult
        do {
            result = try select(programme, options: options)
        } catch let error as SelectionInfeasible {
            printError("select: the caps cannot all be kept:")
            for line in error.reasons { printError("  \(line)") }
            throw ExitCode(1)
        }
        printError(String(format: "select: %d rounds, %.2f s", result.rounds.count, result.seconds))
        if result.placementChecked == false {
            print(SelectionReport.text(result, caps: caps, file: file, output: nil), terminator: "")
            printError("select: the solver could not place every accepted session; nothing written")
            printError("  hint: give more rooms or slots, fewer --places, or a larger --solve-moves")
            throw ExitCode(1)
        }
        try writeAtomically(ProgrammeWriter.text(result.programme, format: ProgrammeFileFormat(path: output)), to: output, inputs: inputs)
        if let rejected {
            try writeAtomically(ProgrammeWriter.text(result.rejected, format: ProgrammeFileFormat(path: rejected)), to: rejected, inputs: inputs + [output])
        }
        switch format {
        case .text: print(SelectionReport.text(result, caps: caps, file: file, output: output), terminator: "")
        case .json: print(SelectionReport.json(result, file: file, output: output), terminator: "")
        }
    }
}

extension ShareMeasure: ExpressibleByArgument {}
extension SelectionValueSource: ExpressibleByArgument {}

/// The report of `forum select`, deterministic (no times, file order).
enum SelectionReport {
    static func number(_ v: Double, _ source: SelectionValueSource) -> String {
        source == .rank ? String(Int(v.rounded())) : String(format: "%.2f", v)
    }

    static func text(_ r: SelectionResult, caps: SelectionCaps, file: String, output: String?) -> String {
        let accepted = r.decisions.filter(\.accepted), rejected = r.decisions.filter { !$0.accepted }
        let forced = accepted.filter(\.forced).count
        var out = "Selection from \(file): \(r.decisions.count) proposals, \(accepted.count) accepted (\(forced) pinned or placed), \(rejected.count) rejected.\n"
        let unit = r.valueSource == .rank ? "rank value" : "score"
        if r.optimal {
            out += "Value: \(number(r.value, r.valueSource)) (\(unit)), proven best under the caps.\n"
        } else {
            let gap = r.bound > 0 ? (r.bound - r.value) / r.bound * 100 : 0
            out += "Value: \(number(r.value, r.valueSource)) (\(unit)), best found; no selection is worth more than \(number(r.bound, r.valueSource)) (gap \(String(format: "%.2f", gap))%).\n"
        }
        var capLines: [String] = []
        if let p = caps.places { capLines.append("places \(p)") }
        if let o = caps.perOrganisation { capLines.append("per organisation \(o)") }
        if let p = caps.perPerson { capLines.append("per person \(p)") }
        for b in caps.baskets { capLines.append("basket \(b.name) \(pct(b.minimumPercent))–\(pct(b.maximumPercent)) by \(caps.shareBy.rawValue)") }
        for m in caps.minimumPerRegion { capLines.append("region \(m.name) ≥ \(m.count)") }
        for m in caps.minimumPerGroup { capLines.append("group \(m.name) ≥ \(m.count)") }
        out += "Caps: " + (capLines.isEmpty ? "none (room-slots only)" : capLines.joined(separator: ", ")) + ".\n"
        switch r.placementChecked {
        case true?: out += "Placement: the solver placed every accepted session (\(r.rounds.count) round\(r.rounds.count == 1 ? "" : "s")).\n"
        case false?: out += "Placement: the solver could not place \(r.rounds.last?.unplaced.joined(separator: ", ") ?? "").\n"
        case nil: out += "Placement: not checked (--no-check).\n"
        }
        if r.rounds.count > 1 {
            for (k, round) in r.rounds.enumerated() {
                out += "  round \(k + 1): \(round.accepted) accepted, value \(number(round.value, r.valueSource))"
                out += round.unplaced.isEmpty ? ", all placed\n" : ", unplaced \(round.unplaced.joined(separator: ", "))\n"
            }
        }
        if !caps.baskets.isEmpty {
            let theme = Dictionary(r.programme.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var totals: [Int] = Array(repeating: 0, count: caps.baskets.count)
            for d in accepted {
                guard let s = theme[d.session], let t = s.themes.first, let b = caps.baskets.firstIndex(where: { $0.themes.contains(t) }) else { continue }
                totals[b] += caps.shareBy == .count ? 1 : s.duration * max(1, s.parts)
            }
            let all = totals.reduce(0, +)
            for (b, basket) in caps.baskets.enumerated() {
                let share = all > 0 ? Double(totals[b]) / Double(all) * 100 : 0
                out += "Share: \(basket.name) \(totals[b]) of \(all) \(caps.shareBy == .count ? "sessions" : "minutes") (\(String(format: "%.1f", share))%).\n"
            }
        }
        out += "\nAccepted (\(accepted.count)):\n"
        for d in accepted { out += "  \(d.session)  \(number(d.value, r.valueSource))  \(d.reasons.joined(separator: "; "))\n" }
        out += "\nRejected (\(rejected.count)):\n"
        for d in rejected { out += "  \(d.session)  \(number(d.value, r.valueSource))  \(d.reasons.joined(separator: "; "))\n" }
        if let output { out += "\nWrote \(output): \(r.programme.sessions.count) sessions, \(r.programme.people.count) people.\n" }
        return out
    }

    static func pct(_ p: Double) -> String { p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p) }

    static func json(_ r: SelectionResult, file: String, output: String) -> String {
        struct Out: Encodable {
            var file: String
            var output: String
            var valueSource: String
            var value: Double
            var bound: Double
            var optimal: Bool
            var placementChecked: Bool?
            var rounds: [SelectionRound]
            var decisions: [SelectionDecision]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Out(file: file, output: output, valueSource: r.valueSource.rawValue, value: r.value, bound: r.bound,
                                            optimal: r.optimal, placementChecked: r.placementChecked, rounds: r.rounds,
                                            decisions: r.decisions))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

import ForumModel

/// `series-spread`: the parts of a series spread over at least as many days as it asks.
public final class SeriesSpread: Rule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "series-spread", title: "Series on too few days", hard: false, weight: 5,
                       unit: "per day short of the series' minimum",
                       sentence: "The parts of a series spread over at least as many days as it asks.")
    }

    /// Units of each session now.
    @exclusivity(unchecked) var units: [Int32]

    public init(_ problem: Problem) {
        units = Array(repeating: 0, count: problem.sessionCount)
    }

    /// Days short for session `s`, with part `p` at `pos` when given.
    @inline(__always) func short(_ e: ScoreState, _ s: Int, part p: Int = -1, at pos: Pos = ScoreState.unplacedPos) -> Int32 {
        let pr = e.problem
        let minDays = Int(pr.sessionMinDays[s])
        guard minDays > 1 else { return 0 }
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        var days = 0
        for i in first..<(first + count) {
            let a = i == p ? pos : e.at[i]
            guard a.day >= 0 else { continue }
            var newDay = true
            for j in first..<i where (j == p ? pos : e.at[j]).day == a.day { newDay = false }
            if newDay { days += 1 }
        }
        return days == 0 ? 0 : Int32(max(0, minDays - days))
    }

    public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        guard e.problem.sessionMinDays[s] > 1 else { return 0 }
        let now = short(e, s)
        defer { units[s] = now }
        return Int(now - units[s])
    }

    public func delta(_ e: ScoreState, _ m: Move) -> Int {
        guard e.problem.sessionMinDays[m.s] > 1 else { return 0 }
        return Int(short(e, m.s, part: m.p, at: m.new) - units[m.s])
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for si in 0..<pr.sessionCount where units[si] > 0 {
            let parts = e.placedParts(si)
            let usedDays = Set(parts.map { e.at[$0].day }).sorted().map { e.dayText($0) }
            out.emit(units: Int(units[si]), parts: parts, pos: nil,
                     message: "The series \(e.sessionLabel(si)) meets on \(usedDays.count) day(s) (\(usedDays.joined(separator: ", "))) but should spread over at least \(pr.sessionMinDays[si]).",
                     fix: "move a part that shares a day with another to a day the series does not use yet")
        }
    }

    /// For each session with a minimum above one and a placed part: days short of it.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for s in 0..<problem.sessionCount where problem.sessionMinDays[s] > 1 {
            let days = Set(at.indices.filter { at[$0].day >= 0 && problem.partSession[$0] == Int32(s) }.map { at[$0].day })
            if !days.isEmpty { n += max(0, Int(problem.sessionMinDays[s]) - days.count) }
        }
        return n
    }
}

extension RuleID {
    /// `series-spread`
    public static var seriesSpread: RuleID { SeriesSpread.definition.id }
}

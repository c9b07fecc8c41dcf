import ForumModel

/// `day-balance`: sessions are spread evenly over the days.
public final class DayBalance: Rule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "day-balance", title: "Days unbalanced", hard: false, weight: 1,
                       unit: "per session on a day beyond an even share (sessions not pinned and not main, opening or closing)",
                       sentence: "Sessions are spread evenly over the days.")
    }

    /// Balanced parts placed on each day with a grid, placed in all, and the units now.
    @exclusivity(unchecked) var onDay: [Int32]
    @exclusivity(unchecked) var placed = 0
    @exclusivity(unchecked) var units = 0

    public init(_ problem: Problem) {
        onDay = Array(repeating: 0, count: problem.dayCount)
    }

    /// The even share per grid day.
    func share(_ pr: Problem) -> Int {
        let d = pr.gridDayCount
        return d == 0 ? 0 : (placed + d - 1) / d
    }

    func total(_ pr: Problem) -> Int {
        let share = share(pr)
        var total = 0
        for d in 0..<pr.dayCount where pr.dayHasGrid[d] { total += max(0, Int(onDay[d]) - share) }
        return total
    }

    /// Day `d`'s part of the units at `share`, with `change` more balanced parts on it.
    @inline(__always) func excess(_ pr: Problem, _ d: Int, _ share: Int, _ change: Int32 = 0) -> Int {
        pr.dayHasGrid[d] ? max(0, Int(onDay[d] + change) - share) : 0
    }

    /// Only the day that changes counts anew while the even share stays; a new share
    /// recounts every day.
    public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        let pr = e.problem
        guard pr.gridDayCount > 0 && pr.sessionBalanced[s] else { return 0 }
        let day = Int(pos.day)
        let before = share(pr)
        placed += sign
        let now: Int
        if share(pr) == before {
            let old = excess(pr, day, before)
            if pr.dayHasGrid[day] { onDay[day] += Int32(sign) }
            now = units - old + excess(pr, day, before)
        } else {
            if pr.dayHasGrid[day] { onDay[day] += Int32(sign) }
            now = total(pr)
        }
        defer { units = now }
        return now - units
    }

    /// A move between days keeps the number placed, so the share: only its two days change.
    public func delta(_ e: ScoreState, _ m: Move) -> Int {
        let pr = e.problem
        guard pr.gridDayCount > 0 && pr.sessionBalanced[m.s] && m.old.day != m.new.day else { return 0 }
        let a = Int(m.old.day), b = Int(m.new.day)
        let share = share(pr)
        return excess(pr, a, share, -1) - excess(pr, a, share) + excess(pr, b, share, 1) - excess(pr, b, share)
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        guard pr.gridDayCount > 0 else { return }
        let share = share(pr)
        for d in 0..<days where pr.dayHasGrid[d] && Int(onDay[d]) > share {
            let parts = (0..<pr.partCount).filter { e.at[$0].day == Int32(d) && pr.sessionBalanced[Int(pr.partSession[$0])] }
            let lightest = (0..<days).filter { pr.dayHasGrid[$0] }.min { (onDay[$0], out.dayRank($0)) < (onDay[$1], out.dayRank($1)) }!
            out.emit(units: Int(onDay[d]) - share, parts: parts, pos: Pos(day: Int32(d), start: 0, end: 0, room: -1, slot: -1), timed: false,
                     message: "\(e.dayText(Int32(d))) has \(onDay[d]) sessions, \(Int(onDay[d]) - share) beyond an even share of \(share) (counting sessions that are not pinned and not main, opening or closing sessions).",
                     fix: "move \(Int(onDay[d]) - share) of them to a lighter day such as \(e.dayText(Int32(lightest))) (\(onDay[lightest]) sessions)")
        }
    }

    /// Balanced parts beyond ⌈placed / grid days⌉ on each grid day.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let gridDays = (0..<problem.dayCount).filter { problem.dayHasGrid[$0] }
        guard !gridDays.isEmpty else { return 0 }
        let balanced = at.indices.filter { at[$0].day >= 0 && problem.sessionBalanced[Int(problem.partSession[$0])] }
        let share = Int((Double(balanced.count) / Double(gridDays.count)).rounded(.up))
        return gridDays.reduce(0) { total, d in total + max(0, balanced.filter { at[$0].day == Int32(d) }.count - share) }
    }
}

extension RuleID {
    /// `day-balance`
    public static var dayBalance: RuleID { DayBalance.definition.id }
}

import ForumModel

/// `theme-parallel`: sessions of one theme do not run against each other.
public final class ThemeParallel: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "theme-parallel", title: "Same theme in parallel", hard: false, weight: 10,
                       unit: "per pair of overlapping sessions sharing a theme",
                       sentence: "Sessions of one theme do not run against each other, so participants can follow a theme.")
    }
    public static var needs: OccupancyNeeds { .themes }

    public init(_ problem: Problem) {}

    /// Overlapping parts of other sessions sharing a non-cross-cutting theme with `s`,
    /// counted in the bucket of the first theme they share (so once per pair).
    @inline(__always) func pairs(_ e: ScoreState, _ s: Int, _ pos: Pos) -> Int {
        e.overlapsOnce(.themes, e.problem.sessionThemes[s], of: s, at: pos, sharing: e.problem.sessionThemes)
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { sign * pairs(e, s, pos) }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { pairs(e, m.s, m.new) - pairs(e, m.s, m.old) }

    /// Two sessions that start at the same instant overlap. Taking one part per session and
    /// grouping sessions by their first theme, each group's movable sessions go, longest
    /// first, each onto the least used start instant where its duration fits the run of
    /// back-to-back slots: the sets of such instants are nested (a longer session fits in
    /// fewer), and for nested sets and a convex count (pairs grow by the sessions already
    /// there) filling the lowest level first is the fewest same-start pairs. They meet the
    /// fixed sessions and each other at least that often; pairs among fixed sessions are
    /// `fixedOnly`'s own count.
    public func unavoidableUnits(_ fixedOnly: ScoreState, canMove: [Bool]) -> Int? {
        let pr = fixedOnly.problem
        guard pr.startCount > 0 else { return nil }
        // Grid starts are instants: one per day and minute.
        var startOf: [Int: Int] = [:]
        for t in 0..<pr.startCount { startOf[Int(pr.startDay[t]) * 1440 + Int(pr.startMinute[t])] = t }
        var fixedAt = [[Int]](repeating: [], count: pr.themeCount)          // per theme: grid starts of fixed sessions
        var movable = [[Int32]](repeating: [], count: pr.themeCount)        // per theme: durations of movable sessions
        for s in 0..<pr.sessionCount where pr.sessionPartCount[s] > 0 {
            guard let theme = pr.sessionThemes[s].first else { continue }
            let p = Int(pr.sessionFirstPart[s])
            if canMove[p] { movable[Int(theme)].append(pr.sessionDuration[s]); continue }
            let pos = fixedOnly.at[p]
            if pos.day >= 0, let t = startOf[Int(pos.day) * 1440 + Int(pos.start)] { fixedAt[Int(theme)].append(t) }
        }
        var extra = 0
        for theme in 0..<pr.themeCount where !movable[theme].isEmpty {
            var count = [Int](repeating: 0, count: pr.startCount)
            for t in fixedAt[theme] { count[t] += 1 }
            for duration in movable[theme].sorted(by: >) {
                var least = -1
                for t in 0..<pr.startCount where pr.startRun[t] >= duration && pr.dayInProgramme[Int(pr.startDay[t])] {
                    if least < 0 || count[t] < count[least] { least = t }
                }
                // A session that fits nowhere is placed anyway (its domain is the whole grid):
                // it may then meet nobody, so it adds nothing here.
                guard least >= 0 else { continue }
                extra += count[least]
                count[least] += 1
            }
        }
        return fixedOnly.units[Self.index] + extra
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        for t in 0..<pr.themeCount where !pr.themeCrossCutting[t] {
            let theme = pr.programme.themes[t]
            for d in 0..<days {
                e.forEachOverlappingPair(e.themeBuckets[t * days + d]) { a, b in
                    let sa = Int(pr.partSession[a]), sb = Int(pr.partSession[b])
                    guard sa != sb, e.firstShared(pr.sessionThemes[sa], pr.sessionThemes[sb]) == Int32(t) else { return }
                    let (s, end) = e.overlap(a, b), m = e.mover(a, b)
                    out.emit(units: 1, parts: [a, b], pos: e.at[a], start: s, end: end,
                             message: "\(e.partLabel(a)) and \(e.partLabel(b)), both on \(theme.title), run in parallel on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(end)).",
                             fix: "move \(e.partLabel(m)) to a time without another \(theme.title) session")
                }
            }
        }
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for a in at.indices where at[a].day >= 0 {
            let sa = Int(problem.partSession[a])
            for b in at.indices where b > a && at[b].day == at[a].day {
                let sb = Int(problem.partSession[b])
                guard sa != sb, at[a].start < at[b].end, at[b].start < at[a].end else { continue }
                if problem.sessionThemes[sa].contains(where: problem.sessionThemes[sb].contains) { n += 1 }
            }
        }
        return n
    }
}

extension RuleID {
    /// `theme-parallel`
    public static var themeParallel: RuleID { ThemeParallel.definition.id }
}

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
    /// grouping sessions by their first theme, each group's movable sessions spread as evenly
    /// as can be over the grid's start instants (the fewest same-start pairs: a convex count,
    /// so one at a time onto the emptiest instant is best) meet the fixed ones and each other
    /// at least that often; pairs among fixed sessions are `fixedOnly`'s own count.
    public func unavoidableUnits(_ fixedOnly: ScoreState, canMove: [Bool]) -> Int? {
        let pr = fixedOnly.problem
        var instants: [Int: Int] = [:]    // day·1440 + minute → index
        for t in 0..<pr.startCount {
            let key = Int(pr.startDay[t]) * 1440 + Int(pr.startMinute[t])
            if instants[key] == nil { instants[key] = instants.count }
        }
        guard !instants.isEmpty else { return nil }
        var fixedAt = [[Int]](repeating: [], count: pr.themeCount)     // per theme: instants of fixed sessions
        var movableCount = [Int](repeating: 0, count: pr.themeCount)
        for s in 0..<pr.sessionCount where pr.sessionPartCount[s] > 0 {
            guard let theme = pr.sessionThemes[s].first else { continue }
            let p = Int(pr.sessionFirstPart[s])
            if canMove[p] { movableCount[Int(theme)] += 1; continue }
            let pos = fixedOnly.at[p]
            if pos.day >= 0, let i = instants[Int(pos.day) * 1440 + Int(pos.start)] { fixedAt[Int(theme)].append(i) }
        }
        var extra = 0
        for t in 0..<pr.themeCount where movableCount[t] > 0 {
            var count = [Int](repeating: 0, count: instants.count)
            for i in fixedAt[t] { count[i] += 1 }
            // One at a time onto the instant with the fewest: the new pairs are that count.
            var byCount = [Int](repeating: 0, count: (fixedAt[t].count + movableCount[t]) + 1)
            for c in count { byCount[c] += 1 }
            var level = 0
            for _ in 0..<movableCount[t] {
                while byCount[level] == 0 { level += 1 }
                extra += level
                byCount[level] -= 1
                byCount[level + 1] += 1
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

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

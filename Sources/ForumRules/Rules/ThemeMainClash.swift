import ForumModel

/// `theme-main-clash`: no session runs against the main session of one of its themes. A
/// main session is the main session of every (non-cross-cutting) theme it lists.
public final class ThemeMainClash: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "theme-main-clash", title: "Against its theme's main session", hard: false, weight: 30,
                       unit: "per session and overlapping main session of one of its (non-cross-cutting) themes",
                       sentence: "No session runs against the main session of its own theme.")
    }
    public static var needs: OccupancyNeeds { [.themes, .mainThemes] }

    public init(_ problem: Problem) {}

    /// Session `s` at `pos` against main sessions of its themes, and (for a main session)
    /// the sessions of its themes against it; a pair sharing several themes counts once.
    @inline(__always) func clashes(_ e: ScoreState, _ s: Int, _ pos: Pos) -> Int {
        let pr = e.problem
        return e.overlapsOnce(.mainThemes, pr.sessionThemes[s], of: s, at: pos, sharing: pr.sessionMainThemes)
            + e.overlapsOnce(.themes, pr.sessionMainThemes[s], of: s, at: pos, sharing: pr.sessionThemes)
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { sign * clashes(e, s, pos) }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { clashes(e, m.s, m.new) - clashes(e, m.s, m.old) }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        for m in 0..<pr.partCount where e.at[m].day >= 0 {
            let mains = pr.sessionMainThemes[Int(pr.partSession[m])]
            // A session sharing several themes with the main session is listed once, under the first.
            for t0 in mains.map(Int.init) {
                let theme = pr.programme.themes[t0]
                for q in e.themeBuckets[t0 * days + Int(e.at[m].day)].map(Int.init).sorted()
                where pr.partSession[q] != pr.partSession[m] && e.at[q].overlaps(e.at[m])
                    && e.firstShared(mains, pr.sessionThemes[Int(pr.partSession[q])]) == Int32(t0) {
                    let (s, end) = e.overlap(q, m)
                    out.emit(units: 1, parts: [q, m], pos: e.at[q], start: s, end: end,
                             message: "\(e.partLabel(q)) runs against \(e.partLabel(m)), the main session of its theme \(theme.title), on \(e.dayText(e.at[q].day)) \(e.clock(s))–\(e.clock(end)).",
                             fix: "move \(e.partLabel(q)) out of \(e.clock(e.at[m].start))–\(e.clock(e.at[m].end)) on \(e.dayText(e.at[m].day))")
                }
            }
        }
    }

    /// Ordered pairs (part, overlapping part of a main session of one of its themes).
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for q in at.indices where at[q].day >= 0 {
            let sq = Int(problem.partSession[q])
            for m in at.indices where at[m].day == at[q].day {
                let sm = Int(problem.partSession[m])
                guard sq != sm, at[q].start < at[m].end, at[m].start < at[q].end else { continue }
                if problem.sessionThemes[sq].contains(where: problem.sessionMainThemes[sm].contains) { n += 1 }
            }
        }
        return n
    }
}

extension RuleID {
    /// `theme-main-clash`
    public static var themeMainClash: RuleID { ThemeMainClash.definition.id }
}

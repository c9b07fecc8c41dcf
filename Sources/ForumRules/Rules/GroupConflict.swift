import ForumModel

/// `group-conflict`: sessions of a group that one audience follows together never overlap;
/// the parts of a series are such a group.
public final class GroupConflict: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "group-conflict", title: "Group sessions overlap", hard: true, weight: 1,
                       unit: "per pair of overlapping sessions sharing a no-overlap group (the parts of a series are one)",
                       sentence: "Sessions of a group that one audience follows together never overlap.")
    }
    public static var needs: OccupancyNeeds { .groups }

    public init(_ problem: Problem) {}

    /// Other parts of the series overlapping `pos`, and overlapping parts of other sessions
    /// sharing a no-overlap group (in the bucket of the first shared group).
    @inline(__always) func pairs(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos) -> Int {
        let pr = e.problem
        var n = 0
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        if count > 1 {
            for q in first..<(first + count) where q != p && e.at[q].overlaps(pos) { n += 1 }
        }
        return n + e.overlapsOnce(.groups, pr.sessionNoOverlapGroups[s], of: s, at: pos, sharing: pr.sessionNoOverlapGroups)
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { sign * pairs(e, p, s, pos) }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { pairs(e, m.p, m.s, m.new) - pairs(e, m.p, m.s, m.old) }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        for g in 0..<pr.groupCount where pr.groupNoOverlap[g] {
            let group = pr.programme.groups[g]
            for d in 0..<days {
                e.forEachOverlappingPair(e.groupBuckets[g * days + d]) { a, b in
                    let sa = Int(pr.partSession[a]), sb = Int(pr.partSession[b])
                    guard sa != sb, e.firstShared(pr.sessionNoOverlapGroups[sa], pr.sessionNoOverlapGroups[sb]) == Int32(g) else { return }
                    let (s, t) = e.overlap(a, b), m = e.mover(a, b)
                    out.emit(units: 1, parts: [a, b], pos: e.at[a], start: s, end: t,
                             message: "\(e.partLabel(a)) and \(e.partLabel(b)) of group '\(group.title)' (\(group.id)) overlap on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(t)); its audience cannot attend both.",
                             fix: "move \(e.partLabel(m)) to another time; \(e.suggestion(m, sameTime: false))")
                }
            }
        }
        for si in 0..<pr.sessionCount where pr.sessionPartCount[si] > 1 {
            let parts = e.placedParts(si)
            for (i, a) in parts.enumerated() {
                for b in parts[(i + 1)...] where e.at[a].overlaps(e.at[b]) {
                    let (s, t) = e.overlap(a, b)
                    out.emit(units: 1, parts: [a, b], pos: e.at[a], start: s, end: t,
                             message: "Parts \(pr.partIndex[a] + 1) and \(pr.partIndex[b] + 1) of the series \(e.sessionLabel(si)) overlap on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(t)).",
                             fix: "move \(e.partLabel(b)) to another time; \(e.suggestion(b, sameTime: false))")
                }
            }
        }
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for a in at.indices where at[a].day >= 0 {
            let sa = Int(problem.partSession[a])
            for b in at.indices where b > a && at[b].day == at[a].day {
                guard at[a].start < at[b].end, at[b].start < at[a].end else { continue }
                let sb = Int(problem.partSession[b])
                if sa == sb || problem.sessionNoOverlapGroups[sa].contains(where: problem.sessionNoOverlapGroups[sb].contains) { n += 1 }
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "another session of its group (or of its series) runs whenever a suitable room is free"
    }

    /// Groups with more sessions than the grid has times that do not overlap.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        let pr = e.problem
        let times = grid.disjointTimes
        var lines: [String] = []
        for (g, group) in pr.programme.groups.enumerated() where group.noOverlap {
            let n = (0..<pr.sessionCount).filter { pr.sessionNoOverlapGroups[$0].contains(Int32(g)) }.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
            if n > times {
                lines.append("Group '\(group.title)' (\(group.id)) has \(n) sessions that must not overlap, but the grid has only \(times) times that do not overlap.")
            }
        }
        return lines
    }
}

extension RuleID {
    /// `group-conflict`
    public static var groupConflict: RuleID { GroupConflict.definition.id }
}

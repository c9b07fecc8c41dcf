import ForumModel

/// `group-isolated`: sessions of a compact group sit next to each other on their day.
public final class GroupIsolated: Rule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "group-isolated", title: "Isolated session in a compact group", hard: false, weight: 2,
                       unit: "per session with no session of its compact group just before or after on its day",
                       sentence: "Sessions of a compact group sit next to each other, so its audience has no idle gaps.")
    }
    public static var needs: OccupancyNeeds { .groups }

    /// Per part and compact group of its session (from `Problem.partCompactBase`): how many
    /// parts of the group sit just before or after it.
    @exclusivity(unchecked) var adjacent: [Int32]

    public init(_ problem: Problem) {
        adjacent = Array(repeating: 0, count: problem.compactSlots)
    }

    @inline(__always) static func touching(_ a: Pos, _ b: Pos) -> Bool { a.day == b.day && (a.end == b.start || a.start == b.end) }

    @inline(__always) func slot(_ pr: Problem, _ q: Int, _ g: Int32) -> Int {
        Int(pr.partCompactBase[q]) + pr.sessionCompactGroups[Int(pr.partSession[q])].firstIndex(of: g)!
    }

    /// Updates the counters of `p` at `pos` and its neighbours; returns the change in isolated parts.
    public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        let pr = e.problem
        let groups = pr.sessionCompactGroups[s]
        guard !groups.isEmpty else { return 0 }
        let base = Int(pr.partCompactBase[p])
        var isolated = 0
        for (i, g) in groups.enumerated() {
            var mine: Int32 = 0
            for q in e.groupBuckets[Int(g) * pr.dayCount + Int(pos.day)] where Int(q) != p && Self.touching(e.at[Int(q)], pos) {
                mine += 1
                let k = slot(pr, Int(q), g)
                let before = adjacent[k]
                adjacent[k] = before + Int32(sign)
                if sign > 0 && before == 0 { isolated -= 1 }        // q was isolated, no longer
                if sign < 0 && before == 1 { isolated += 1 }        // q becomes isolated
            }
            if sign > 0 {
                adjacent[base + i] = mine
                if mine == 0 { isolated += 1 }
            } else {
                if adjacent[base + i] == 0 { isolated -= 1 }
                adjacent[base + i] = 0
            }
        }
        return isolated
    }

    /// Neighbours at `old` may become isolated, those at `new` stop being isolated (unless
    /// only `p` at `old` kept them company), and `p` itself may change.
    public func delta(_ e: ScoreState, _ m: Move) -> Int {
        let pr = e.problem
        let groups = pr.sessionCompactGroups[m.s]
        guard !groups.isEmpty else { return 0 }
        let base = Int(pr.partCompactBase[m.p])
        let days = pr.dayCount
        var delta = 0
        for (i, g) in groups.enumerated() {
            for q in e.groupBuckets[Int(g) * days + Int(m.old.day)] where Int(q) != m.p && Self.touching(e.at[Int(q)], m.old) {
                if adjacent[slot(pr, Int(q), g)] == 1 { delta += 1 }
            }
            if adjacent[base + i] == 0 { delta -= 1 }
            var mine = 0
            for q in e.groupBuckets[Int(g) * days + Int(m.new.day)] where Int(q) != m.p && Self.touching(e.at[Int(q)], m.new) {
                mine += 1
                let after = Int(adjacent[slot(pr, Int(q), g)]) - (Self.touching(e.at[Int(q)], m.old) ? 1 : 0)
                if after == 0 { delta -= 1 }
            }
            if mine == 0 { delta += 1 }
        }
        return delta
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for p in 0..<pr.partCount where e.at[p].day >= 0 {
            let si = Int(pr.partSession[p])
            for (i, g) in pr.sessionCompactGroups[si].enumerated() where adjacent[Int(pr.partCompactBase[p]) + i] == 0 {
                let group = pr.programme.groups[Int(g)]
                out.emit(units: 1, parts: [p], pos: e.at[p],
                         message: "\(e.partLabel(p)) on \(e.dayText(e.at[p].day)) \(e.clock(e.at[p].start))–\(e.clock(e.at[p].end)) has no other session of group '\(group.title)' (\(group.id)) just before or after it.",
                         fix: "move it next to another session of \(group.id) on that day, or move one next to it")
            }
        }
    }

    /// Per placed part and compact group of its session: 1 when no other placed part of the
    /// group ends as it starts or starts as it ends, on its day.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            for g in problem.sessionCompactGroups[Int(problem.partSession[p])] {
                let company = at.indices.contains { q in
                    q != p && at[q].day == at[p].day && problem.sessionCompactGroups[Int(problem.partSession[q])].contains(g)
                        && (at[q].end == at[p].start || at[q].start == at[p].end)
                }
                if !company { n += 1 }
            }
        }
        return n
    }
}

extension RuleID {
    /// `group-isolated`
    public static var groupIsolated: RuleID { GroupIsolated.definition.id }
}

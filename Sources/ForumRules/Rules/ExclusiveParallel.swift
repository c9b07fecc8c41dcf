import ForumModel

/// `exclusive-parallel`: nothing runs at the same time as an exclusive session (`exclusive:
/// true`, or a kind whose policy is exclusive, like the opening ceremony), online sessions included.
public final class ExclusiveParallel: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "exclusive-parallel", title: "Session in parallel with an exclusive one", hard: true, weight: 1,
                       unit: "per pair of overlapping sessions, one of them exclusive",
                       sentence: "Nothing runs at the same time as an exclusive session (the opening ceremony, or one marked `exclusive: true`).")
    }

    /// Whether each session is exclusive, and the parts of exclusive sessions (few: the opening).
    let exclusive: [Bool]
    let exclusiveParts: [Int32]

    public init(_ problem: Problem) {
        let exclusive = ExclusiveParallel.exclusiveSessions(problem.programme)
        self.exclusive = exclusive
        exclusiveParts = (0..<problem.partCount).filter { exclusive[Int(problem.partSession[$0])] }.map(Int32.init)
    }

    /// Sessions marked exclusive, or of a kind whose policy is.
    static func exclusiveSessions(_ programme: Programme) -> [Bool] {
        programme.sessions.map { $0.exclusive || programme.policy(for: $0.kind)?.exclusive == true }
    }

    /// Parts of other sessions overlapping `pos` that make a pair with session `s`: every one
    /// when `s` is exclusive, else the exclusive ones.
    @inline(__always) func pairs(_ e: ScoreState, _ s: Int, _ pos: Pos) -> Int {
        let pr = e.problem
        var n = 0
        if exclusive[s] {
            let days = pr.dayCount, day = Int(pos.day)
            for r in 0..<pr.roomCount {
                e.roomBuckets[r * days + day].withUnsafeBufferPointer { bucket in
                    for q in bucket where e.at[Int(q)].overlaps(pos) && Int(pr.partSession[Int(q)]) != s { n += 1 }
                }
            }
        } else {
            for q in exclusiveParts where e.at[Int(q)].overlaps(pos) && Int(pr.partSession[Int(q)]) != s { n += 1 }
        }
        return n
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        if exclusiveParts.isEmpty { return 0 }
        return sign * pairs(e, s, pos)
    }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int {
        if exclusiveParts.isEmpty { return 0 }
        return pairs(e, m.s, m.new) - pairs(e, m.s, m.old)
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        // Each pair once: under its exclusive part (the lower-numbered one when both are).
        for a in exclusiveParts.map(Int.init) where e.at[a].day >= 0 {
            let sa = Int(pr.partSession[a])
            for b in 0..<pr.partCount where b != a && e.at[b].overlaps(e.at[a]) && Int(pr.partSession[b]) != sa {
                if exclusive[Int(pr.partSession[b])] && b < a { continue }
                let (s, end) = e.overlap(a, b), m = e.mover(a, b)
                out.emit(units: 1, parts: [a, b], pos: e.at[a], room: Int(e.at[b].room), start: s, end: end,
                         message: "\(e.partLabel(b)) (\(e.roomLabel(Int(e.at[b].room)))) runs during \(e.partLabel(a)), which nothing may run against, on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(end)).",
                         fix: "move \(e.partLabel(m)) to another time\(m == b ? "" : ", or the exclusive session to a time with nothing else"); or drop `exclusive` if parallel sessions are intended")
            }
        }
    }

    /// Every pair of overlapping parts of different sessions, at least one of them exclusive.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let exclusive = exclusiveSessions(problem.programme)
        var n = 0
        for a in at.indices where at[a].day >= 0 {
            let sa = Int(problem.partSession[a])
            for b in at.indices where b > a && at[b].day == at[a].day {
                let sb = Int(problem.partSession[b])
                guard sa != sb, exclusive[sa] || exclusive[sb], at[a].start < at[b].end, at[b].start < at[a].end else { continue }
                n += 1
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        exclusive[Int(e.problem.partSession[p])] ? "no time is free of other sessions" : "every free room and time runs against an exclusive session"
    }
}

extension RuleID {
    /// `exclusive-parallel`
    public static var exclusiveParallel: RuleID { ExclusiveParallel.definition.id }
}

import ForumModel

/// `order-missed`: a session comes after the sessions it is meant to follow (`after:`).
public final class OrderMissed: Rule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "order-missed", title: "Order missed", hard: false, weight: 20,
                       unit: "per session and each session it should follow that has not ended when it starts",
                       sentence: "A session comes after the sessions it is meant to follow.")
    }

    /// Whether each order pair of the problem is broken now.
    @exclusivity(unchecked) var violated: [Bool]

    public init(_ problem: Problem) {
        violated = Array(repeating: false, count: problem.orderPairs.count)
    }

    /// Whether `pair` is broken, with part `p` at `pos` when given.
    @inline(__always) func broken(_ e: ScoreState, _ pair: Int, part p: Int = -1, at pos: Pos = ScoreState.unplacedPos) -> Bool {
        let (f, a) = e.problem.orderPairs[pair]
        guard let follower = e.span(ofSession: Int(f), part: p, at: pos), let predecessor = e.span(ofSession: Int(a), part: p, at: pos) else { return false }
        return follower.start < predecessor.end
    }

    public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        var change = 0
        for pair in e.problem.sessionOrderPairs[s] {
            let now = broken(e, Int(pair))
            if now != violated[Int(pair)] {
                change += now ? 1 : -1
                violated[Int(pair)] = now
            }
        }
        return change
    }

    public func delta(_ e: ScoreState, _ m: Move) -> Int {
        var change = 0
        for pair in e.problem.sessionOrderPairs[m.s] {
            let now = broken(e, Int(pair), part: m.p, at: m.new)
            if now != violated[Int(pair)] { change += now ? 1 : -1 }
        }
        return change
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for (i, pair) in pr.orderPairs.enumerated() where violated[i] {
            let f = Int(pair.follower), a = Int(pair.predecessor)
            let key = { (q: Int, minute: Int32) in pr.timeKey(day: e.at[q].day, minute: minute) }
            let fp = e.placedParts(f).min { key($0, e.at[$0].start) < key($1, e.at[$1].start) }!
            let ap = e.placedParts(a).max { key($0, e.at[$0].end) < key($1, e.at[$1].end) }!
            out.emit(units: 1, parts: [fp, ap], pos: e.at[fp],
                     message: "\(e.sessionLabel(f)) should come after \(e.sessionLabel(a)), but starts \(e.dayText(e.at[fp].day)) \(e.clock(e.at[fp].start)), before it ends \(e.dayText(e.at[ap].day)) \(e.clock(e.at[ap].end)).",
                     fix: "move \(e.sessionLabel(f)) after \(e.dayText(e.at[ap].day)) \(e.clock(e.at[ap].end)) or \(e.sessionLabel(a)) earlier")
        }
    }

    /// Pairs whose follower has a part starting before some part of its predecessor ends.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        func minutes(_ pos: Pos, _ m: Int32) -> Int { problem.dayDates[Int(pos.day)].dayNumber * 1440 + Int(m) }
        var n = 0
        for (f, a) in problem.orderPairs {
            let followerStarts = at.indices.filter { at[$0].day >= 0 && problem.partSession[$0] == f }.map { minutes(at[$0], at[$0].start) }
            let predecessorEnds = at.indices.filter { at[$0].day >= 0 && problem.partSession[$0] == a }.map { minutes(at[$0], at[$0].end) }
            if followerStarts.contains(where: { s in predecessorEnds.contains { s < $0 } }) { n += 1 }
        }
        return n
    }
}

extension RuleID {
    /// `order-missed`
    public static var orderMissed: RuleID { OrderMissed.definition.id }
}

import ForumModel

/// `person-conflict`: nobody is scheduled in two sessions that overlap.
public final class PersonConflict: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "person-conflict", title: "Person in two places", hard: true, weight: 1,
                       unit: "per person and pair of overlapping sessions",
                       sentence: "Nobody is scheduled in two sessions that overlap.")
    }
    public static var needs: OccupancyNeeds { .people }

    public init(_ problem: Problem) {}

    /// Per person of session `s`, parts of other sessions overlapping `pos`.
    @inline(__always) func pairs(_ e: ScoreState, _ s: Int, _ pos: Pos) -> Int {
        let pr = e.problem
        var n = 0
        let day = Int(pos.day)
        for person in pr.sessionPeople[s] {
            e.personBuckets[Int(person) * pr.dayCount + day].withUnsafeBufferPointer { bucket in
                for q in bucket where e.at[Int(q)].overlaps(pos) && Int(pr.partSession[Int(q)]) != s { n += 1 }
            }
        }
        return n
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { sign * pairs(e, s, pos) }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { pairs(e, m.s, m.new) - pairs(e, m.s, m.old) }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        for person in 0..<pr.personCount {
            for d in 0..<days {
                e.forEachOverlappingPair(e.personBuckets[person * days + d]) { a, b in
                    guard pr.partSession[a] != pr.partSession[b] else { return }
                    let (s, t) = e.overlap(a, b), m = e.mover(a, b)
                    out.emit(units: 1, parts: [a, b], pos: e.at[a], room: Int(e.at[m].room), person: person, start: s, end: t,
                             message: "\(e.personLabel(person)) is in two sessions at once on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(t)): \(e.partLabel(a)) (\(e.span(a)), \(e.roomLabel(Int(e.at[a].room)))) and \(e.partLabel(b)) (\(e.span(b)), \(e.roomLabel(Int(e.at[b].room)))).",
                             fix: "move \(e.partLabel(m)) to a time when \(pr.programme.people[person].name) is free (\(e.suggestion(m, sameTime: false))), or ask someone else to take the part")
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
                n += problem.sessionPeople[sa].filter { problem.sessionPeople[sb].contains($0) }.count
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        let pr = e.problem
        let s = Int(pr.partSession[p])
        var busy = Set<Int>()
        for pos in domain {
            for person in pr.sessionPeople[s] {
                for q in e.personBuckets[Int(person) * pr.dayCount + Int(pos.day)] where Int(q) != p && e.at[Int(q)].overlaps(pos) {
                    busy.insert(Int(person))
                }
            }
        }
        let names = busy.sorted().map { pr.programme.people[$0].name }
        return "\(names.isEmpty ? "its people are" : names.joined(separator: ", ") + (names.count == 1 ? " is" : " are")) busy in other sessions whenever a suitable room is free"
    }

    /// People in more sessions than the grid has times that do not overlap.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        let pr = e.problem
        let times = grid.disjointTimes
        var partsOf = Array(repeating: 0, count: pr.personCount)
        for s in 0..<pr.sessionCount { for person in pr.sessionPeople[s] { partsOf[Int(person)] += Int(pr.sessionPartCount[s]) } }
        return partsOf.enumerated().filter { $0.element > times }.map { person, n in
            "\(pr.programme.people[person].name) (\(pr.programme.people[person].id)) is in \(n) sessions, but the grid has only \(times) times that do not overlap."
        }
    }
}

extension RuleID {
    /// `person-conflict`
    public static var personConflict: RuleID { PersonConflict.definition.id }
}

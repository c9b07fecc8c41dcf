import ForumModel

/// `person-day-load`: nobody takes part in more than `limit` sessions on one day (any role but
/// organiser; a session with several parts that day counts once). It keeps its own counts:
/// placed parts per session and day, and sessions per person and day.
public final class PersonDayLoad: Rule {
    /// A day's load over the limit only grows as parts are placed (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "person-day-load", title: "Person's day too full", hard: false, weight: 1,
                       unit: "per session beyond the limit, per person and day",
                       sentence: "Nobody takes part in more than 2 sessions on one day (the limit; any role but organiser).",
                       limit: 2, limitMeaning: "most sessions one person takes part in on a day")
    }

    let limit: Int
    /// People of each session in a role other than organiser, and each person's sessions.
    let people: [[Int32]]
    let sessionsOf: [[Int32]]
    /// Placed parts per session and day (`s * dayCount + day`); sessions per person and day.
    /// Fixed-size buffers: `link` runs on every accepted move and paid for copy-on-write checks.
    let partsOn: UnsafeMutablePointer<Int32>
    let load: UnsafeMutablePointer<Int32>
    let days: Int

    public init(_ problem: Problem) {
        limit = problem.book[.personDayLoad].limit ?? 2
        let roles = SessionRoles(problem)
        people = (0..<problem.sessionCount).map { roles.takingPart($0) }
        var of = Array(repeating: [Int32](), count: problem.personCount)
        for s in 0..<problem.sessionCount { for person in people[s] { of[Int(person)].append(Int32(s)) } }
        sessionsOf = of
        days = problem.dayCount
        partsOn = .allocate(capacity: max(1, problem.sessionCount * problem.dayCount))
        partsOn.initialize(repeating: 0, count: max(1, problem.sessionCount * problem.dayCount))
        load = .allocate(capacity: max(1, problem.personCount * problem.dayCount))
        load.initialize(repeating: 0, count: max(1, problem.personCount * problem.dayCount))
    }

    deinit {
        partsOn.deallocate()
        load.deallocate()
    }

    /// The session enters a day it had no part on (sign 1) or leaves one (sign -1).
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        let list = people[s]
        guard !list.isEmpty else { return 0 }
        let day = Int(pos.day), k = s * days + day
        let before = partsOn[k]
        partsOn[k] += Int32(sign)
        var change = 0
        if sign > 0 && before == 0 {
            for person in list {
                let i = Int(person) * days + day
                if Int(load[i]) >= limit { change += 1 }
                load[i] += 1
            }
        } else if sign < 0 && before == 1 {
            for person in list {
                let i = Int(person) * days + day
                if Int(load[i]) > limit { change -= 1 }
                load[i] -= 1
            }
        }
        return change
    }

    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int {
        let list = people[m.s]
        guard !list.isEmpty && m.old.day != m.new.day else { return 0 }
        let a = Int(m.old.day), b = Int(m.new.day)
        var change = 0
        if partsOn[m.s * days + a] == 1 { for person in list where Int(load[Int(person) * days + a]) > limit { change -= 1 } }
        if partsOn[m.s * days + b] == 0 { for person in list where Int(load[Int(person) * days + b]) >= limit { change += 1 } }
        return change
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for person in 0..<pr.personCount {
            for d in 0..<days where Int(load[person * days + d]) > limit {
                let sessions = sessionsOf[person].map(Int.init).filter { partsOn[$0 * days + d] > 0 }
                let parts = sessions.flatMap { s in e.placedParts(s).filter { e.at[$0].day == Int32(d) } }
                let n = Int(load[person * days + d])
                out.emit(units: n - limit, parts: parts, pos: Pos(day: Int32(d), start: 0, end: 0, room: -1, slot: -1), person: person, timed: false,
                         message: "\(e.personLabel(person)) takes part in \(n) sessions on \(e.dayText(Int32(d))), more than \(limit): \(parts.map { "\(e.partLabel($0)) (\(e.span($0)))" }.joined(separator: ", ")).",
                         fix: "move \(n - limit == 1 ? "one of them" : "\(n - limit) of them") to another day, or ask someone else to take the part")
            }
        }
    }

    /// Per person and day, distinct sessions with a part placed that day that name the person
    /// in a role other than organiser, beyond the limit.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.personDayLoad].limit ?? 2
        var n = 0
        var seen = Set<String>()
        for person in problem.programme.people where seen.insert(person.id).inserted {
            for d in 0..<problem.dayCount {
                var sessions = Set<Int>()
                for p in at.indices where at[p].day == Int32(d) {
                    let s = Int(problem.partSession[p])
                    if problem.programme.sessions[s].people.contains(where: { $0.person == person.id && $0.role != .organiser }) { sessions.insert(s) }
                }
                n += max(0, sessions.count - limit)
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its people already have a full day whenever a suitable room is free"
    }
}

extension RuleID {
    /// `person-day-load`
    public static var personDayLoad: RuleID { PersonDayLoad.definition.id }
}

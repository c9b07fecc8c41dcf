import ForumModel

/// `person-unavailable`: nobody is scheduled when they said they cannot come.
public final class PersonUnavailable: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "person-unavailable", title: "Person unavailable", hard: true, weight: 1,
                       unit: "per person and placement",
                       sentence: "Nobody is scheduled when they said they cannot come.")
    }
    public static var factors: PlacementFactors { .sessionTime }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 {
        let date = pr.dayDates[day]
        let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
        var n: Int32 = 0
        for person in pr.sessionPeople[s] where pr.programme.people[Int(person)].unavailable.contains(where: { $0.overlaps(day: date, range: range) }) {
            n += 1
        }
        return n
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let pr = e.problem
        let session = pr.session(ofPart: p)
        let range = TimeRange(start: TimeOfDay(minutes: Int(pos.start)), end: TimeOfDay(minutes: Int(pos.end)))
        for person in pr.sessionPeople[Int(pr.partSession[p])] {
            let who = pr.programme.people[Int(person)]
            guard let window = who.unavailable.first(where: { $0.overlaps(day: pr.dayDates[Int(pos.day)], range: range) }) else { continue }
            let role = session.people.first { $0.person == who.id }?.role.rawValue ?? "participant"
            out.emit(units: 1, parts: [p], pos: pos, person: Int(person),
                     message: "\(e.personLabel(Int(person))), \(role) of \(e.partLabel(p)) on \(e.when(pos)), is unavailable then (\(window)).",
                     fix: "move \(e.partLabel(p)) to a time when \(who.name) can come; \(e.suggestion(p, sameTime: false))")
        }
    }

    /// Per placement, the distinct people of the session with an unavailability overlapping it.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            let range = TimeRange(start: TimeOfDay(minutes: Int(at[p].start)), end: TimeOfDay(minutes: Int(at[p].end)))
            var ids: [String] = []
            for who in problem.session(ofPart: p).people where !ids.contains(who.person) { ids.append(who.person) }
            for id in ids {
                guard let person = problem.programme.people.first(where: { $0.id == id }) else { continue }
                if person.unavailable.contains(where: { $0.overlaps(day: problem.dayDates[Int(at[p].day)], range: range) }) { n += 1 }
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "one of its people is unavailable whenever a suitable room is free"
    }
}

extension RuleID {
    /// `person-unavailable`
    public static var personUnavailable: RuleID { PersonUnavailable.definition.id }
}

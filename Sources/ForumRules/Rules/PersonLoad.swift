import ForumModel

/// `person-load`: nobody takes part in more than `limit` sessions over the event (any role
/// but organiser; a series counts once). It does not depend on the placement.
public final class PersonLoad: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "person-load", title: "Person in too many sessions", hard: false, weight: 10,
                       unit: "per session beyond the limit, per person",
                       sentence: "Nobody takes part in more than 3 sessions over the event (the limit; any role but organiser).",
                       limit: 3, limitMeaning: "most sessions one person takes part in")
    }

    /// The people over the limit, with their sessions in programme order.
    let over: [(person: Int, sessions: [Int])]
    let limit: Int

    public init(_ problem: Problem) {
        let limit = problem.book[.personLoad].limit ?? 3
        self.limit = limit
        let roles = SessionRoles(problem)
        var of = Array(repeating: [Int](), count: problem.personCount)
        for s in 0..<problem.sessionCount { for person in roles.takingPart(s) { of[Int(person)].append(s) } }
        over = of.enumerated().filter { $0.element.count > limit }.map { ($0.offset, $0.element) }
    }

    public func initialUnits(_ e: ScoreState) -> Int { over.reduce(0) { $0 + $1.sessions.count - limit } }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for (person, sessions) in over {
            let parts = sessions.flatMap { s in (0..<Int(pr.sessionPartCount[s])).map { Int(pr.sessionFirstPart[s]) + $0 } }
            out.emit(units: sessions.count - limit, parts: parts, pos: nil, person: person,
                     message: "\(e.personLabel(person)) takes part in \(sessions.count) sessions, more than \(limit): \(sessions.map { e.sessionLabel($0) }.joined(separator: ", ")).",
                     fix: "ask someone else to take \(sessions.count - limit == 1 ? "one of these parts" : "\(sessions.count - limit) of these parts"), or raise the limit (`rules: person-load: limit:`)")
        }
    }

    /// Per person, distinct sessions naming them in a role other than organiser, beyond the limit.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.personLoad].limit ?? 3
        var seen = Set<String>()
        var n = 0
        for person in problem.programme.people where seen.insert(person.id).inserted {
            let count = problem.programme.sessions.filter { s in s.people.contains { $0.person == person.id && $0.role != .organiser } }.count
            n += max(0, count - limit)
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "one of its people is in too many sessions; no placement changes that"
    }
}

extension RuleID {
    /// `person-load`
    public static var personLoad: RuleID { PersonLoad.definition.id }
}

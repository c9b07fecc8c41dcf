import ForumModel

/// `organisation-load`: no organisation organises more than `limit` sessions (a session counts
/// once per organisation of its organisers). It does not depend on the placement.
public final class OrganisationLoad: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "organisation-load", title: "Organisation organises too many sessions", hard: false, weight: 1,
                       unit: "per session beyond the limit, per organisation",
                       sentence: "No organisation organises more than 3 sessions (the limit; the organisations of each session's organisers).",
                       limit: 3, limitMeaning: "most sessions one organisation organises")
    }

    /// The organisations over the limit, with their sessions in programme order.
    let over: [(organisation: String, sessions: [Int])]
    let limit: Int

    public init(_ problem: Problem) {
        let limit = problem.book[.organisationLoad].limit ?? 3
        self.limit = limit
        let roles = SessionRoles(problem)
        let people = problem.programme.people
        var order: [String] = []
        var of: [String: [Int]] = [:]
        for s in 0..<problem.sessionCount {
            var orgs: [String] = []
            for person in roles.people(s, .organiser) {
                guard let org = people[Int(person)].organisation, !org.isEmpty, !orgs.contains(org) else { continue }
                orgs.append(org)
            }
            for org in orgs {
                if of[org] == nil { order.append(org) }
                of[org, default: []].append(s)
            }
        }
        over = order.filter { of[$0]!.count > limit }.map { ($0, of[$0]!) }
    }

    public func initialUnits(_ e: ScoreState) -> Int { over.reduce(0) { $0 + $1.sessions.count - limit } }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for (org, sessions) in over {
            let parts = sessions.flatMap { s in (0..<Int(pr.sessionPartCount[s])).map { Int(pr.sessionFirstPart[s]) + $0 } }
            out.emit(units: sessions.count - limit, parts: parts, pos: nil,
                     message: "\(org) organises \(sessions.count) sessions, more than \(limit): \(sessions.map { e.sessionLabel($0) }.joined(separator: ", ")).",
                     fix: "merge some of them or give them other organisers, or raise the limit (`rules: organisation-load: limit:`)")
        }
    }

    /// Per organisation, distinct sessions with an organiser from it, beyond the limit.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.organisationLoad].limit ?? 3
        let organisations = Set(problem.programme.people.compactMap(\.organisation).filter { !$0.isEmpty })
        var n = 0
        for org in organisations {
            let count = problem.programme.sessions.filter { s in
                s.people.contains { who in
                    who.role == .organiser && problem.programme.people.first { $0.id == who.person }?.organisation == org
                }
            }.count
            n += max(0, count - limit)
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its organisation organises too many sessions; no placement changes that"
    }
}

extension RuleID {
    /// `organisation-load`
    public static var organisationLoad: RuleID { OrganisationLoad.definition.id }
}

import ForumModel

/// `onsite-moderator`: in a hybrid event a session that has moderators has one in the room
/// (IGF 2022 asked for at least one onsite moderator). It does not depend on the placement,
/// so only the organisers can fix it, by changing who moderates. An `online-moderator` moderates
/// from online whatever their attendance.
public final class OnsiteModerator: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "onsite-moderator", title: "No moderator onsite", hard: true, weight: 1,
                       unit: "per session whose moderators all take part online",
                       sentence: "A session that has a moderator has one who is onsite.")
    }

    /// The sessions whose moderators are all online.
    let remoteOnly: [Int]

    public init(_ problem: Problem) {
        let people = problem.programme.people
        var index: [String: Int] = [:]
        for (i, person) in people.enumerated() where index[person.id] == nil { index[person.id] = i }
        remoteOnly = problem.programme.sessions.indices.filter { s in
            let roles = problem.programme.sessions[s].people.filter { $0.role.moderates }
            return !roles.isEmpty && !roles.contains { $0.role == .moderator && index[$0.person].map { people[$0].attendance == .onsite } == true }
        }
    }

    public func initialUnits(_ e: ScoreState) -> Int { remoteOnly.count }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for s in remoteOnly {
            let first = Int(pr.sessionFirstPart[s])
            let placed = pr.sessionPartCount[s] > 0 && e.at[first].day >= 0
            let names = pr.programme.sessions[s].people.filter { $0.role.moderates }.map(\.person)
            out.emit(units: 1, parts: pr.sessionPartCount[s] > 0 ? [first] : [], pos: placed ? e.at[first] : nil,
                     message: "\(e.sessionLabel(s)) has only online moderators (\(names.joined(separator: ", "))); someone must moderate in the room.",
                     fix: "add an onsite moderator, or make one of them onsite (`attendance: onsite`)")
        }
    }

    /// Sessions with at least one moderator, every one of whom is online.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        problem.programme.sessions.filter { session in
            let moderating = session.people.filter { $0.role == .moderator || $0.role == .onlineModerator }
            let onsite = moderating.filter { m in
                m.role == .moderator && problem.programme.people.first { $0.id == m.person }?.attendance == .onsite
            }
            return !moderating.isEmpty && onsite.isEmpty
        }.count
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its moderators all take part online; no placement changes that"
    }
}

extension RuleID {
    /// `onsite-moderator`
    public static var onsiteModerator: RuleID { OnsiteModerator.definition.id }
}

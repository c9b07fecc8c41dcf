import ForumModel

/// `onsite-speakers`: in a hybrid event a session with speakers has at least `limit` of them
/// in the room (all of them when it has fewer). Online sessions are exempt. It does not
/// depend on the placement: only the organisers can fix it, by changing who speaks or how.
public final class OnsiteSpeakers: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "onsite-speakers", title: "Too few speakers onsite", hard: false, weight: 1,
                       unit: "per speaker missing onsite",
                       sentence: "A session in the venue has at least 2 of its speakers onsite (the limit), or all of them when it has fewer.",
                       limit: 2, limitMeaning: "minimum speakers onsite per session")
    }

    /// Per session that falls short: the units, and its speakers taking part online.
    let short: [(session: Int, units: Int, speakers: Int, online: [Int32])]
    let limit: Int

    public init(_ problem: Problem) {
        let limit = problem.book[.onsiteSpeakers].limit ?? 2
        self.limit = limit
        let roles = SessionRoles(problem)
        let people = problem.programme.people
        var short: [(session: Int, units: Int, speakers: Int, online: [Int32])] = []
        for (s, session) in problem.programme.sessions.enumerated() where !session.online {
            let speakers = roles.people(s, .speaker)
            let onsite = speakers.filter { people[Int($0)].attendance == .onsite }.count
            let missing = min(limit, speakers.count) - onsite
            if missing > 0 { short.append((s, missing, speakers.count, speakers.filter { people[Int($0)].attendance != .onsite })) }
        }
        self.short = short
    }

    public func initialUnits(_ e: ScoreState) -> Int { short.reduce(0) { $0 + $1.units } }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        for (s, units, total, online) in short {
            let (parts, pos) = e.firstPlacement(s)
            let need = min(limit, total)
            out.emit(units: units, parts: parts, pos: pos,
                     message: "\(e.sessionLabel(s)) has \(need - units) of its \(total) speakers onsite, fewer than \(need); online: \(online.map { e.personLabel(Int($0)) }.joined(separator: ", ")).",
                     fix: "add a speaker who is in the venue, or ask \(units == 1 ? "one" : "\(units)") of the online speakers to attend onsite (`attendance: onsite`)")
        }
    }

    /// Per session not online: min(limit, speakers) less its onsite speakers, when positive.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.onsiteSpeakers].limit ?? 2
        var n = 0
        for session in problem.programme.sessions where !session.online {
            var ids: [String] = []
            for who in session.people where who.role == .speaker && !ids.contains(who.person) { ids.append(who.person) }
            let known = ids.compactMap { id in problem.programme.people.first { $0.id == id } }
            let onsite = known.filter { $0.attendance == .onsite }.count
            n += max(0, min(limit, known.count) - onsite)
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "too few of its speakers are onsite; no placement changes that"
    }
}

extension RuleID {
    /// `onsite-speakers`
    public static var onsiteSpeakers: RuleID { OnsiteSpeakers.definition.id }
}

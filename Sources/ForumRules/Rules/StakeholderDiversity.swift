import ForumModel

/// `stakeholder-diversity`: the speakers of a session come from at least `limit` stakeholder
/// groups. Speakers with no group recorded are not counted; a session is judged when two or
/// more speakers have one, and never asked for more groups than it has such speakers. It does
/// not depend on the placement.
public final class StakeholderDiversity: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "stakeholder-diversity", title: "Speakers from too few stakeholder groups", hard: false, weight: 1,
                       unit: "per stakeholder group missing",
                       sentence: "The speakers of a session come from at least 2 stakeholder groups (the limit; counting speakers with one recorded).",
                       limit: 2, limitMeaning: "minimum stakeholder groups among a session's speakers")
    }

    let short: [DiversityShortfall]

    public init(_ problem: Problem) {
        short = DiversityShortfall.find(problem, \.stakeholderGroup, limit: problem.book[.stakeholderDiversity].limit ?? 2)
    }

    public func initialUnits(_ e: ScoreState) -> Int { short.reduce(0) { $0 + $1.units } }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        for f in short {
            let (parts, pos) = e.firstPlacement(f.session)
            out.emit(units: f.units, parts: parts, pos: pos,
                     message: "\(e.sessionLabel(f.session)): its \(f.counted) speakers with a stakeholder group recorded come from \(f.groups.count == 1 ? "one group" : "\(f.groups.count) groups") (\(f.groups.joined(separator: ", "))), fewer than \(f.groups.count + f.units).",
                     fix: "invite a speaker from another stakeholder group (government, private sector, civil society, technical community, academia…)")
        }
    }

    /// Per session: min(limit, speakers with a group) less its distinct groups, when two or more speakers have one.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.stakeholderDiversity].limit ?? 2
        var n = 0
        for session in problem.programme.sessions {
            var ids: [String] = []
            for who in session.people where who.role == .speaker && !ids.contains(who.person) { ids.append(who.person) }
            let groups = ids.compactMap { id in problem.programme.people.first { $0.id == id }?.stakeholderGroup }.filter { !$0.isEmpty }
            if groups.count >= 2 { n += max(0, min(limit, groups.count) - Set(groups).count) }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its speakers come from too few stakeholder groups; no placement changes that"
    }
}

extension RuleID {
    /// `stakeholder-diversity`
    public static var stakeholderDiversity: RuleID { StakeholderDiversity.definition.id }
}

import ForumModel

/// `region-diversity`: the speakers of a session come from at least `limit` regions. Speakers
/// with no region recorded are not counted; a session is judged when two or more speakers have
/// one, and never asked for more regions than it has such speakers. It does not depend on the
/// placement.
public final class RegionDiversity: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "region-diversity", title: "Speakers from too few regions", hard: false, weight: 1,
                       unit: "per region missing",
                       sentence: "The speakers of a session come from at least 2 regions (the limit; counting speakers with one recorded).",
                       limit: 2, limitMeaning: "minimum regions among a session's speakers")
    }

    let short: [DiversityShortfall]

    public init(_ problem: Problem) {
        short = DiversityShortfall.find(problem, \.region, limit: problem.book[.regionDiversity].limit ?? 2)
    }

    public func initialUnits(_ e: ScoreState) -> Int { short.reduce(0) { $0 + $1.units } }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        for f in short {
            let (parts, pos) = e.firstPlacement(f.session)
            out.emit(units: f.units, parts: parts, pos: pos,
                     message: "\(e.sessionLabel(f.session)): its \(f.counted) speakers with a region recorded come from \(f.groups.count == 1 ? "one region" : "\(f.groups.count) regions") (\(f.groups.joined(separator: ", "))), fewer than \(f.groups.count + f.units).",
                     fix: "invite a speaker from another region")
        }
    }

    /// Per session: min(limit, speakers with a region) less its distinct regions, when two or more speakers have one.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.regionDiversity].limit ?? 2
        var n = 0
        for session in problem.programme.sessions {
            var ids: [String] = []
            for who in session.people where who.role == .speaker && !ids.contains(who.person) { ids.append(who.person) }
            let regions = ids.compactMap { id in problem.programme.people.first { $0.id == id }?.region }.filter { !$0.isEmpty }
            if regions.count >= 2 { n += max(0, min(limit, regions.count) - Set(regions).count) }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its speakers come from too few regions; no placement changes that"
    }
}

extension RuleID {
    /// `region-diversity`
    public static var regionDiversity: RuleID { RegionDiversity.definition.id }
}

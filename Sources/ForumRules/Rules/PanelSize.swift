import ForumModel

/// `panel-size`: a session that lists speakers has at least `limit` of them, except the
/// kinds that are not panels (opening, closing, networking, lightning talks). It does not
/// depend on the placement.
public final class PanelSize: Rule {
    /// Its count comes from the input alone, not from placements (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "panel-size", title: "Panel too small", hard: false, weight: 1,
                       unit: "per speaker missing",
                       sentence: "A session that lists speakers has at least 3 of them (the limit; not openings, closings, networking sessions or lightning talks).",
                       limit: 3, limitMeaning: "minimum speakers per session")
    }

    /// The kinds this rule leaves alone.
    static let exempt: [SessionKind] = [.opening, .closing, .networking, .lightningTalk]

    /// Per session that falls short: its speakers.
    let short: [(session: Int, speakers: Int)]
    let limit: Int

    public init(_ problem: Problem) {
        let limit = problem.book[.panelSize].limit ?? 3
        self.limit = limit
        let roles = SessionRoles(problem)
        short = problem.programme.sessions.indices.compactMap { s in
            guard !PanelSize.exempt.contains(problem.programme.sessions[s].kind) else { return nil }
            let n = roles.people(s, .speaker).count
            return n > 0 && n < limit ? (s, n) : nil
        }
    }

    public func initialUnits(_ e: ScoreState) -> Int { short.reduce(0) { $0 + limit - $1.speakers } }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { 0 }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        for (s, n) in short {
            let (parts, pos) = e.firstPlacement(s)
            out.emit(units: limit - n, parts: parts, pos: pos,
                     message: "\(e.sessionLabel(s)) has \(n) speaker\(n == 1 ? "" : "s"), fewer than \(limit).",
                     fix: "add \(limit - n) speaker\(limit - n == 1 ? "" : "s"), or lower the limit (`rules: panel-size: limit:`)")
        }
    }

    /// Per session of a panel kind with speakers: speakers missing up to the limit.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let limit = problem.book[.panelSize].limit ?? 3
        let known = Set(problem.programme.people.map(\.id))
        var n = 0
        for session in problem.programme.sessions where ![.opening, .closing, .networking, .lightningTalk].contains(session.kind) {
            let speakers = Set(session.people.filter { $0.role == .speaker && known.contains($0.person) }.map(\.person))
            if !speakers.isEmpty { n += max(0, limit - speakers.count) }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "it has too few speakers; no placement changes that"
    }
}

extension RuleID {
    /// `panel-size`
    public static var panelSize: RuleID { PanelSize.definition.id }
}

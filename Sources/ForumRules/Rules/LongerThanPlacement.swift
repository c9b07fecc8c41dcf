import ForumModel

/// `longer-than-placement`: a placement with an explicit end holds the whole session.
public final class LongerThanPlacement: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "longer-than-placement", title: "Session longer than its placement", hard: true, weight: 1,
                       unit: "per placement",
                       sentence: "A placement with an explicit end is at least as long as the session.")
    }
    public static var factors: PlacementFactors { .part }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    @inline(__always) public func partUnits(_ pr: Problem, _ p: Int, _ pos: Pos, _ key: PlacementKey) -> Int32 {
        // A tabled key spans exactly the session's duration.
        !key.cached && pos.end - pos.start < pr.sessionDuration[Int(pr.partSession[p])] ? 1 : 0
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let session = e.problem.session(ofPart: p)
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) runs \(session.duration) minutes, but its placement \(e.when(pos)) holds only \(pos.end - pos.start).",
                 fix: "end the placement at \(e.clock(pos.start + Int32(session.duration))) or shorten the session")
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        at.indices.filter { at[$0].day >= 0 && Int(at[$0].end - at[$0].start) < problem.session(ofPart: $0).duration }.count
    }
}

extension RuleID {
    /// `longer-than-placement`
    public static var longerThanPlacement: RuleID { LongerThanPlacement.definition.id }
}

import ForumModel

/// `session-unavailable`: a session is not placed at a time it has excluded.
public final class SessionUnavailable: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "session-unavailable", title: "Session at an excluded time", hard: true, weight: 1,
                       unit: "per placement",
                       sentence: "A session is not placed at a time it has excluded.")
    }
    public static var factors: PlacementFactors { .sessionTime }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 {
        let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
        return pr.programme.sessions[s].unavailable.contains { $0.overlaps(day: pr.dayDates[day], range: range) } ? 1 : 0
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) is placed on \(e.when(pos)), a time it excludes (\(e.problem.session(ofPart: p).unavailable.map(\.description).joined(separator: ", "))).",
                 fix: "move it; \(e.suggestion(p, sameTime: false))")
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        at.indices.filter { p in
            guard at[p].day >= 0 else { return false }
            let range = TimeRange(start: TimeOfDay(minutes: Int(at[p].start)), end: TimeOfDay(minutes: Int(at[p].end)))
            return problem.session(ofPart: p).unavailable.contains { $0.overlaps(day: problem.dayDates[Int(at[p].day)], range: range) }
        }.count
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "it excludes every time at which a suitable room is free"
    }
}

extension RuleID {
    /// `session-unavailable`
    public static var sessionUnavailable: RuleID { SessionUnavailable.definition.id }
}

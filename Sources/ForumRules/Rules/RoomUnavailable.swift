import ForumModel

/// `room-unavailable`: a session is placed only when its room exists and is available.
public final class RoomUnavailable: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "room-unavailable", title: "Room not available", hard: true, weight: 1,
                       unit: "per placement",
                       sentence: "A session is placed only when its room is available for the whole session.")
    }
    public static var factors: PlacementFactors { .roomTime }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func roomTimeUnits(_ pr: Problem, _ r: Int, day: Int, start: Int, end: Int) -> Int32 {
        guard pr.roomKnown[r] else { return 1 }
        let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
        return pr.rooms[r].isAvailable(day: pr.dayDates[day], range: range) ? 0 : 1
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let r = Int(pos.room)
        let reason = e.problem.roomKnown[r] ? "\(e.roomLabel(r)) is not available then" : "the room `\(e.problem.roomIDs[r])` does not exist"
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) is placed in \(e.roomLabel(r)) on \(e.when(pos)), but \(reason).",
                 fix: "move it; \(e.suggestion(p, sameTime: true))")
    }

    /// Placements in a room the frame lacks, or outside the room's availability.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for pos in at where pos.day >= 0 {
            guard let room = problem.rooms.first(where: { $0.id == problem.roomIDs[Int(pos.room)] }) else { n += 1; continue }
            let range = TimeRange(start: TimeOfDay(minutes: Int(pos.start)), end: TimeOfDay(minutes: Int(pos.end)))
            if !room.isAvailable(day: problem.dayDates[Int(pos.day)], range: range) { n += 1 }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "the rooms that suit it are not available at the times it can run"
    }
}

extension RuleID {
    /// `room-unavailable`
    public static var roomUnavailable: RuleID { RoomUnavailable.definition.id }
}

import ForumModel

/// `room-too-small`: the room seats the session's expected audience.
public final class RoomTooSmall: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "room-too-small", title: "Room too small", hard: true, weight: 1,
                       unit: "per expected participant beyond the room's capacity",
                       sentence: "The room seats the session's expected audience.")
    }
    public static var factors: PlacementFactors { .sessionRoom }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 {
        guard pr.roomKnown[r], let capacity = pr.rooms[r].capacity, let audience = pr.programme.sessions[s].audience else { return 0 }
        return audience > capacity ? Int32(audience - capacity) : 0
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let r = Int(pos.room)
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) expects \(e.problem.session(ofPart: p).audience ?? 0) participants, but \(e.roomLabel(r)) seats \(e.problem.rooms[r].capacity ?? 0) (\(units) too many), \(e.when(pos)).",
                 fix: "move it to a larger room; \(e.suggestion(p, sameTime: true))")
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            let room = problem.rooms.first { $0.id == problem.roomIDs[Int(at[p].room)] }
            if let capacity = room?.capacity, let audience = problem.session(ofPart: p).audience { n += max(0, audience - capacity) }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        let largest = e.problem.rooms.compactMap(\.capacity).max() ?? 0
        return "it expects \(e.problem.session(ofPart: p).audience ?? 0) participants; the largest room seats \(largest)"
    }

    /// Audiences larger than every room.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        guard let largest = e.problem.rooms.compactMap(\.capacity).max() else { return [] }
        return e.problem.programme.sessions.filter { ($0.audience ?? 0) > largest }.map {
            "\($0.id) '\($0.title)' expects \($0.audience!) participants; the largest room seats \(largest)."
        }
    }
}

extension RuleID {
    /// `room-too-small`
    public static var roomTooSmall: RuleID { RoomTooSmall.definition.id }
}

import ForumModel

/// `room-size-fit`: a session gets a room that suits its audience, not a hall far too big.
public final class RoomSizeFit: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "room-size-fit", title: "Room much larger than the audience", hard: false, weight: 1,
                       unit: "per 10 seats beyond twice the expected audience",
                       sentence: "A session gets a room that suits its audience, not a hall three times too big.")
    }
    public static var factors: PlacementFactors { .sessionRoom }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 {
        guard pr.roomKnown[r], let capacity = pr.rooms[r].capacity, let audience = pr.programme.sessions[s].audience else { return 0 }
        return Int32((max(0, capacity - 2 * audience) + 9) / 10)
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let audience = e.problem.session(ofPart: p).audience ?? 0
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) expects \(audience) participants in \(e.roomLabel(Int(pos.room))) with \(e.problem.rooms[Int(pos.room)].capacity ?? 0) seats, \(e.when(pos)).",
                 fix: "give it a room nearer \(2 * audience) seats")
    }

    /// Tens of seats (rounded up) beyond twice the audience, per placement.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            let room = problem.rooms.first { $0.id == problem.roomIDs[Int(at[p].room)] }
            guard let capacity = room?.capacity, let audience = problem.session(ofPart: p).audience else { continue }
            let spare = capacity - 2 * audience
            if spare > 0 { n += spare / 10 + (spare % 10 == 0 ? 0 : 1) }
        }
        return n
    }
}

extension RuleID {
    /// `room-size-fit`
    public static var roomSizeFit: RuleID { RoomSizeFit.definition.id }
}

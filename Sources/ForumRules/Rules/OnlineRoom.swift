import ForumModel

/// `online-room`: an online session runs in a virtual room or in none; a session of the venue
/// (hybrid included: its team may be online, its audience is in the room) has a physical room.
public final class OnlineRoom: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "online-room", title: "Online and venue rooms mixed up", hard: true, weight: 1,
                       unit: "per placement in the wrong kind of room",
                       sentence: "An online session is in a virtual room or none; every other session has a room in the venue.")
    }
    public static var factors: PlacementFactors { .sessionRoom }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 {
        guard pr.roomKnown[r] else { return 0 }   // an unknown room is room-unavailable's
        return pr.programme.sessions[s].online == pr.rooms[r].virtual ? 0 : 1
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let online = e.problem.session(ofPart: p).online
        out.emit(units: units, parts: [p], pos: pos,
                 message: online ? "\(e.partLabel(p)) is online only, but it is placed in \(e.roomLabel(Int(pos.room))), a room of the venue, \(e.when(pos))."
                                 : "\(e.partLabel(p)) takes place in the venue, but it is placed \(pos.room == e.problem.noRoom ? "without a room" : "in the virtual room \(e.roomLabel(Int(pos.room)))"), \(e.when(pos)).",
                 fix: online ? "leave out its room or give it a virtual room; or, if it has an audience in the venue, drop `online: true`"
                             : "give it a room of the venue; or mark it `online: true` if nobody meets in person")
    }

    /// Placements whose room's kind (virtual or not) differs from the session's (online or not).
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            guard let room = problem.rooms.first(where: { $0.id == problem.roomIDs[Int(at[p].room)] }) else { continue }
            if room.virtual != problem.session(ofPart: p).online { n += 1 }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        e.problem.session(ofPart: p).online ? "it is online only and no virtual room is free" : "no room of the venue is free"
    }
}

extension RuleID {
    /// `online-room`
    public static var onlineRoom: RuleID { OnlineRoom.definition.id }
}

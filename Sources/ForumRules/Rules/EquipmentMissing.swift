import ForumModel

/// `equipment-missing`: the room has every piece of equipment the session needs.
public final class EquipmentMissing: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "equipment-missing", title: "Equipment missing", hard: true, weight: 1,
                       unit: "per missing item per placement",
                       sentence: "The room has every piece of equipment the session needs (interpretation, webcast, …).")
    }
    public static var factors: PlacementFactors { .sessionRoom }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 {
        guard pr.roomKnown[r] else { return 0 }
        let room = pr.rooms[r]
        return Int32(pr.sessionEquipment[s].filter { !room.equipment.contains($0) }.count)
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let pr = e.problem, r = Int(pos.room)
        let needs = pr.sessionEquipment[Int(pr.partSession[p])]
        let lacks = pr.roomKnown[r] ? needs.filter { !pr.rooms[r].equipment.contains($0) } : needs
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) needs \(lacks.joined(separator: ", ")), which \(e.roomLabel(r)) lacks, \(e.when(pos)).",
                 fix: "move it to a room with \(lacks.joined(separator: " and ")); \(e.suggestion(p, sameTime: true))")
    }

    /// Distinct items each placement's room lacks (an unknown room is room-unavailable's).
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            guard let room = problem.rooms.first(where: { $0.id == problem.roomIDs[Int(at[p].room)] }) else { continue }
            var lacking: [String] = []
            for item in problem.sessionEquipment[Int(problem.partSession[p])] where !room.equipment.contains(item) && !lacking.contains(item) { lacking.append(item) }
            n += lacking.count
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "no room has all of \(e.problem.sessionEquipment[Int(e.problem.partSession[p])].joined(separator: ", "))"
    }

    /// Equipment that no room, or too few rooms, have.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        let pr = e.problem
        var lines: [String] = []
        for tag in Array(Set(pr.sessionEquipment.joined())).sorted() {
            let sessions = (0..<pr.sessionCount).filter { pr.sessionEquipment[$0].contains(tag) }
            let need = sessions.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
            let rooms = grid.knownRooms.filter { pr.rooms[$0].equipment.contains(tag) }
            if rooms.isEmpty {
                lines.append("\(need) sessions need \(tag), but no room has it.")
                continue
            }
            let typical = sessions.map { pr.sessionDuration[$0] }.min() ?? 90
            let have = grid.roomSlots(rooms: rooms, minutes: typical)
            if need > have {
                lines.append("\(need) sessions need \(tag); the only rooms with it (\(rooms.map { pr.roomIDs[$0] }.joined(separator: ", "))) have \(have) room-slots.")
            }
        }
        return lines
    }
}

extension RuleID {
    /// `equipment-missing`
    public static var equipmentMissing: RuleID { EquipmentMissing.definition.id }
}

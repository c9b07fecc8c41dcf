import ForumModel

/// `room-conflict`: a room holds one session at a time.
public final class RoomConflict: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "room-conflict", title: "Room double-booked", hard: true, weight: 1,
                       unit: "per pair of sessions overlapping in one room",
                       sentence: "A room holds one session at a time.")
    }

    public init(_ problem: Problem) {}

    /// Parts other than `p` overlapping `pos` in its room ("no room" holds any number).
    @inline(__always) func pairs(_ e: ScoreState, _ p: Int, _ pos: Pos) -> Int {
        if pos.room == e.problem.noRoom { return 0 }
        var n = 0
        e.roomBuckets[Int(pos.room) * e.problem.dayCount + Int(pos.day)].withUnsafeBufferPointer { bucket in
            for q in bucket where Int(q) != p && e.at[Int(q)].overlaps(pos) { n += 1 }
        }
        return n
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { sign * pairs(e, p, pos) }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { pairs(e, m.p, m.new) - pairs(e, m.p, m.old) }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem, days = pr.dayCount
        for r in 0..<pr.roomCount where r != Int(pr.noRoom) {
            for d in 0..<days {
                e.forEachOverlappingPair(e.roomBuckets[r * days + d]) { a, b in
                    let (s, t) = e.overlap(a, b), m = e.mover(a, b)
                    out.emit(units: 1, parts: [a, b], pos: e.at[a], start: s, end: t,
                             message: "\(e.roomLabel(r)) is double-booked on \(e.dayText(e.at[a].day)) \(e.clock(s))–\(e.clock(t)): \(e.partLabel(a)) (\(e.span(a))) and \(e.partLabel(b)) (\(e.span(b))).",
                             fix: "move \(e.partLabel(m)) to another room or time; \(e.suggestion(m, sameTime: true))")
                }
            }
        }
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for a in at.indices where at[a].day >= 0 {
            for b in at.indices where b > a && at[b].day == at[a].day && at[b].room == at[a].room && at[a].room != problem.noRoom {
                if at[a].start < at[b].end && at[b].start < at[a].end { n += 1 }
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        let rooms = Set(domain.map(\.room)).count
        return "every room it can use (\(rooms) with enough seats and its equipment) is taken at every start that fits it"
    }

    /// Room-slots for each session length, and room time as a whole.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        let pr = e.problem
        var lines: [String] = []
        let durations = Array(Set(pr.sessionDuration.enumerated().filter { pr.sessionPartCount[$0.offset] > 0 }.map(\.element))).sorted()
        var totalNeed = 0, totalHave = 0
        for d in durations {
            let need = (0..<pr.sessionCount).filter { pr.sessionDuration[$0] == d }.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
            let have = grid.roomSlots(rooms: grid.knownRooms, minutes: d)
            totalNeed += need * Int(d)
            if need > have {
                lines.append("\(need) sessions of \(d) minutes need a room, but \(grid.knownRooms.count) rooms over \(grid.programmeDays) days offer only \(have) room-slots of that length.")
            }
        }
        for r in grid.knownRooms {
            for d in 0..<pr.dayCount where pr.dayInProgramme[d] {
                totalHave += grid.roomSlots(room: r, day: d, minutes: 1) > 0 ? grid.gridMinutes(room: r, day: d) : 0
            }
        }
        if totalNeed > totalHave && lines.isEmpty {
            lines.append("The sessions need \(totalNeed / 60) hours of room time, but the rooms offer only \(totalHave / 60) hours on the grid.")
        }
        return lines
    }
}

extension RuleID {
    /// `room-conflict`
    public static var roomConflict: RuleID { RoomConflict.definition.id }
}

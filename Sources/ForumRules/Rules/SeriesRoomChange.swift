import ForumModel

/// `series-room-change`: all parts of a series meet in one room.
public final class SeriesRoomChange: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "series-room-change", title: "Series changes room", hard: false, weight: 1,
                       unit: "per room beyond the first used by a series",
                       sentence: "All parts of a series meet in one room.")
    }

    /// Units of each session now.
    @exclusivity(unchecked) var units: [Int32]

    public init(_ problem: Problem) {
        units = Array(repeating: 0, count: problem.sessionCount)
    }

    /// Rooms beyond the first that session `s` uses, with part `p` at `pos` when given.
    @inline(__always) func extraRooms(_ e: ScoreState, _ s: Int, part p: Int = -1, at pos: Pos = ScoreState.unplacedPos) -> Int32 {
        let pr = e.problem
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        var rooms: Int32 = 0
        for i in first..<(first + count) {
            let a = i == p ? pos : e.at[i]
            guard a.day >= 0 else { continue }
            var newRoom = true
            for j in first..<i {
                let b = j == p ? pos : e.at[j]
                if b.day >= 0 && b.room == a.room { newRoom = false }
            }
            if newRoom { rooms += 1 }
        }
        return max(0, rooms - 1)
    }

    public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        guard e.problem.sessionPartCount[s] > 1 else { return 0 }
        let now = extraRooms(e, s)
        defer { units[s] = now }
        return Int(now - units[s])
    }

    public func delta(_ e: ScoreState, _ m: Move) -> Int {
        guard e.problem.sessionPartCount[m.s] > 1 else { return 0 }
        return Int(extraRooms(e, m.s, part: m.p, at: m.new) - units[m.s])
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for si in 0..<pr.sessionCount where units[si] > 0 {
            let parts = e.placedParts(si)
            let usedRooms = Set(parts.map { e.at[$0].room }).sorted().map { pr.roomIDs[Int($0)] }
            out.emit(units: Int(units[si]), parts: parts, pos: nil,
                     message: "The series \(e.sessionLabel(si)) uses \(usedRooms.count) rooms (\(usedRooms.joined(separator: ", "))) instead of one.",
                     fix: "put every part in \(usedRooms[0]) if it is free at their times")
        }
    }

    /// For each session: distinct rooms of its placed parts, less one.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for s in 0..<problem.sessionCount {
            let rooms = Set(at.indices.filter { at[$0].day >= 0 && problem.partSession[$0] == Int32(s) }.map { at[$0].room })
            n += max(0, rooms.count - 1)
        }
        return n
    }
}

extension RuleID {
    /// `series-room-change`
    public static var seriesRoomChange: RuleID { SeriesRoomChange.definition.id }
}

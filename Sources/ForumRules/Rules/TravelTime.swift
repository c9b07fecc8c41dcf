import ForumModel

/// `travel-time`: a person who attends onsite has time to walk between two sessions of theirs
/// in different buildings: the gap between one ending and the next starting is at least the
/// walk (``Programme/walk(from:to:)``). People online, online sessions and rooms without a
/// building are left alone; so is an event in one building.
public final class TravelTime: Rule {
    /// Placing a part adds clashing pairs, never removes one (the lower bound relies on it).
    public static var placingNeverLowers: Bool { true }

    public static var definition: RuleDefinition {
        RuleDefinition(id: "travel-time", title: "No time to walk between buildings", hard: false, weight: 5,
                       unit: "per person and pair of sessions with less time between them than the walk",
                       sentence: "Someone with two sessions in different buildings has time to walk from one to the other.")
    }
    public static var needs: OccupancyNeeds { .people }

    /// Building index per room index (-1: none), walking minutes between building indices
    /// (`buildingCount` × `buildingCount`, 0 when no walk is given), and whether any walk is positive.
    let roomBuilding: [Int32]
    let walks: [Int32]
    let buildingCount: Int
    let active: Bool
    /// The longest walk: parts further apart in time than this never count.
    let longestWalk: Int32
    /// Whether each person attends onsite, and each session's onsite people.
    let onsite: [Bool]
    let onsitePeople: [[Int32]]

    public init(_ problem: Problem) {
        let programme = problem.programme
        var ids = programme.buildings.map(\.id)
        for room in programme.rooms { if let b = room.building, !ids.contains(b) { ids.append(b) } }
        buildingCount = ids.count
        var index: [String: Int32] = [:]
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = Int32(i) }
        roomBuilding = (0..<problem.roomCount).map { r in
            guard problem.roomKnown[r], Int32(r) != problem.noRoom, let b = problem.rooms[r].building else { return -1 }
            return index[b] ?? -1
        }
        var walks = Array(repeating: Int32(0), count: ids.count * ids.count)
        for a in ids.indices { for b in ids.indices { walks[a * ids.count + b] = Int32(clamping: programme.walk(from: ids[a], to: ids[b]) ?? 0) } }   // clamped: a file may give any walk
        self.walks = walks
        active = walks.contains { $0 > 0 }
        longestWalk = walks.max() ?? 0
        let onsite = programme.people.map { $0.attendance == .onsite }
        self.onsite = onsite
        onsitePeople = problem.sessionPeople.map { $0.filter { onsite[Int($0)] } }
    }

    /// The walk from the room of `a` to the room of `b` (0 when either has no building).
    @inline(__always) func walk(_ ra: Int32, _ rb: Int32) -> Int32 {
        let ba = roomBuilding[Int(ra)], bb = roomBuilding[Int(rb)]
        if ba < 0 || bb < 0 { return 0 }
        return walks[Int(ba) * buildingCount + Int(bb)]
    }

    /// Whether two placements leave less time between them than the walk (overlaps are person-conflict's).
    @inline(__always) func tooClose(_ a: Pos, _ b: Pos) -> Bool {
        // The gap first: most pairs are too far apart in time to need a look at the buildings.
        let gap = a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : -1
        if gap < 0 || gap >= longestWalk { return false }
        return gap < walk(a.room, b.room)
    }

    /// Per onsite person of session `s`: their parts in other sessions on the day too close to `pos`.
    @inline(__always) func pairs(_ e: ScoreState, _ s: Int, _ pos: Pos) -> Int {
        let pr = e.problem
        if roomBuilding[Int(pos.room)] < 0 { return 0 }
        var n = 0
        let day = Int(pos.day)
        for person in onsitePeople[s] {
            e.personBuckets[Int(person) * pr.dayCount + day].withUnsafeBufferPointer { bucket in
                for q in bucket where Int(pr.partSession[Int(q)]) != s && tooClose(pos, e.at[Int(q)]) { n += 1 }
            }
        }
        return n
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        active ? sign * pairs(e, s, pos) : 0
    }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int {
        active ? pairs(e, m.s, m.new) - pairs(e, m.s, m.old) : 0
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        guard active else { return }
        let pr = e.problem, days = pr.dayCount
        for person in 0..<pr.personCount where onsite[person] {
            for d in 0..<days {
                let bucket = e.personBuckets[person * days + d].map(Int.init).sorted { (e.at[$0].start, $0) < (e.at[$1].start, $1) }
                for i in bucket.indices {
                    for j in bucket.indices where j > i {
                        let a = bucket[i], b = bucket[j]
                        guard pr.partSession[a] != pr.partSession[b], tooClose(e.at[a], e.at[b]) else { continue }
                        let (first, second) = e.at[a].end <= e.at[b].start ? (a, b) : (b, a)
                        let gap = e.at[second].start - e.at[first].end
                        let minutes = walk(e.at[first].room, e.at[second].room)
                        out.emit(units: 1, parts: [first, second], pos: e.at[second], person: person,
                                 message: "\(e.personLabel(person)) has \(gap) min to walk from \(e.partLabel(first)) (\(e.roomLabel(Int(e.at[first].room))), ends \(e.clock(e.at[first].end))) to \(e.partLabel(second)) (\(e.roomLabel(Int(e.at[second].room))), starts \(e.clock(e.at[second].start))) on \(e.dayText(e.at[second].day)); the walk takes \(minutes) min.",
                                 fix: "move \(e.partLabel(e.mover(first, second))) to a room in the same building or to a later time, or let \(pr.programme.people[person].name) take part online")
                    }
                }
            }
        }
    }

    /// Every pair of non-overlapping parts of different sessions on one day, in rooms of
    /// buildings the programme gives a walk between: each onsite person of both whose gap is shorter than the walk.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let programme = problem.programme
        func building(_ pos: Pos) -> String? { programme.rooms.first { $0.id == problem.roomIDs[Int(pos.room)] }?.building }
        var n = 0
        for a in at.indices where at[a].day >= 0 {
            let sa = Int(problem.partSession[a])
            for b in at.indices where b > a && at[b].day == at[a].day {
                let sb = Int(problem.partSession[b])
                guard sa != sb, let ba = building(at[a]), let bb = building(at[b]) else { continue }
                let minutes = programme.walk(from: ba, to: bb) ?? 0
                let gap = at[a].end <= at[b].start ? at[b].start - at[a].end : at[b].end <= at[a].start ? at[a].start - at[b].end : -1
                guard gap >= 0, gap < minutes else { continue }
                n += problem.sessionPeople[sa].filter { problem.sessionPeople[sb].contains($0) && programme.people[Int($0)].attendance == .onsite }.count
            }
        }
        return n
    }
}

extension RuleID {
    /// `travel-time`
    public static var travelTime: RuleID { TravelTime.definition.id }
}

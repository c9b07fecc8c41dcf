import ForumModel

/// `kind-policy`: a session keeps its kind's policy (``KindPolicy``: the programme's `kinds:`,
/// else the built-in IGF and WSIS kinds): an allowed duration, an allowed room, day and time,
/// and no interpretation where the kind has none. Each broken part is one unit. A built-in
/// policy's rooms and days apply only where the programme has such rooms and days (an event
/// without a lightning area or a "Day 0" is not held to them).
public final class KindPolicyBroken: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "kind-policy", title: "Session kind's policy broken", hard: true, weight: 1,
                       unit: "per broken part of the policy (duration, room, day, time, interpretation)",
                       sentence: "A session keeps its kind's policy: an allowed duration, room, day and time of day, and no interpretation where the kind has none.")
    }
    public static var factors: PlacementFactors { PlacementFactors.sessionRoom.union(.sessionTime) }   // not an array literal: that allocates on every call
    public let table = PlacementTable()

    /// One session's policy in the problem's indices (nil: anything goes).
    struct Compiled {
        var policy: KindPolicy
        var rooms: [Bool]?
        var days: [Bool]?
        var times: [TimeRange]
        /// Parts of the policy the session breaks wherever it is placed (duration, interpretation).
        var fixed: [String]
    }
    let compiled: [Compiled?]

    public init(_ problem: Problem) {
        compiled = KindPolicyBroken.compile(problem)
    }

    static func compile(_ pr: Problem) -> [Compiled?] {
        let programme = pr.programme
        return programme.sessions.map { s in
            guard let policy = programme.policy(for: s.kind) else { return nil }
            var c = Compiled(policy: policy, rooms: nil, days: nil, times: policy.times, fixed: [])
            let known = pr.rooms.indices.filter { pr.roomKnown[$0] && Int32($0) != pr.noRoom }
            if !policy.rooms.isEmpty && (!policy.builtIn || known.contains { policy.names(pr.rooms[$0]) }) {
                c.rooms = (0..<pr.roomCount).map { r in !pr.roomKnown[r] || Int32(r) == pr.noRoom || policy.names(pr.rooms[r]) }
            }
            if !policy.days.isEmpty && (!policy.builtIn || programme.days.contains(where: policy.names)) {
                c.days = (0..<pr.dayCount).map { d in !pr.dayInProgramme[d] || policy.names(programme.days[d]) }
            }
            if !policy.durations.isEmpty && !policy.durations.contains(where: { $0.contains(s.duration) }) {
                c.fixed.append("lasts \(s.duration) min; a \(s.kind.title.lowercased()) lasts \(policy.durations.map(\.description).joined(separator: " or "))")
            }
            if !policy.interpretation && !s.languages.isEmpty {
                c.fixed.append("asks for interpretation (\(s.languages.joined(separator: ", "))); a \(s.kind.title.lowercased()) has none")
            }
            return c
        }
    }

    public func initialUnits(_ e: ScoreState) -> Int { compiled.reduce(0) { $0 + ($1?.fixed.count ?? 0) } }

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 {
        guard let rooms = compiled[s]?.rooms else { return 0 }
        return rooms[r] ? 0 : 1
    }

    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 {
        guard let c = compiled[s] else { return 0 }
        var n: Int32 = 0
        if let days = c.days, !days[day] { n += 1 }
        if !c.times.isEmpty && !c.times.contains(where: { $0.start.minutes <= start && end <= $0.end.minutes }) { n += 1 }
        return n
    }

    /// What part `p` at `pos` breaks of its policy, in words.
    func broken(_ e: ScoreState, _ p: Int, _ pos: Pos) -> [String] {
        let pr = e.problem, s = Int(pr.partSession[p])
        guard let c = compiled[s] else { return [] }
        let kind = pr.programme.sessions[s].kind.title.lowercased()
        var out: [String] = []
        if sessionRoomUnits(pr, s, Int(pos.room)) > 0 {
            out.append("is in \(e.roomLabel(Int(pos.room))); a \(kind) belongs in \(c.policy.rooms.joined(separator: " or "))")
        }
        if let days = c.days, !days[Int(pos.day)] {
            out.append("is on \(e.dayText(pos.day)); a \(kind) runs only on \(c.policy.days.joined(separator: " or "))")
        }
        if !c.times.isEmpty && !c.times.contains(where: { $0.start.minutes <= Int(pos.start) && Int(pos.end) <= $0.end.minutes }) {
            out.append("runs \(e.clock(pos.start))–\(e.clock(pos.end)); a \(kind) runs within \(c.times.map(\.description).joined(separator: " or "))")
        }
        return out
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let what = broken(e, p, pos)
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) breaks its kind's policy: it \(what.joined(separator: "; it ")).",
                 fix: "move it where its kind may run (\(e.suggestion(p, sameTime: false))), give it another kind, or change the policy under `kinds:`")
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for (s, c) in compiled.enumerated() {
            guard let c, !c.fixed.isEmpty else { continue }
            let (parts, pos) = e.firstPlacement(s)
            out.emit(units: c.fixed.count, parts: parts, pos: pos,
                     message: "\(e.sessionLabel(s)) breaks its kind's policy wherever it is placed: it \(c.fixed.joined(separator: "; it ")).",
                     fix: "change the session (duration, languages) or its kind, or the \(pr.programme.sessions[s].kind.id) policy under `kinds:`")
        }
        for p in 0..<pr.partCount where e.at[p].day >= 0 {
            let n = placementUnits(e, p, e.at[p])!
            if n > 0 { describe(e, p, e.at[p], units: n, &out) }
        }
    }

    /// Per session: the duration outside the kind's durations, and languages asked of a kind
    /// without interpretation; per placement: a room, day or time outside the policy.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let programme = problem.programme
        var n = 0
        for session in programme.sessions {
            guard let policy = programme.policy(for: session.kind) else { continue }
            if !policy.durations.isEmpty && !policy.durations.contains(where: { $0.min <= session.duration && session.duration <= $0.max }) { n += 1 }
            if !policy.interpretation && !session.languages.isEmpty { n += 1 }
        }
        for p in at.indices where at[p].day >= 0 {
            let session = problem.session(ofPart: p)
            guard let policy = programme.policy(for: session.kind) else { continue }
            let roomID = problem.roomIDs[Int(at[p].room)]
            if !policy.rooms.isEmpty, let room = programme.rooms.first(where: { $0.id == roomID }),
               !policy.builtIn || programme.rooms.contains(where: policy.names) {
                if !policy.rooms.contains(room.id) && !room.tags.contains(where: policy.rooms.contains) { n += 1 }
            }
            if !policy.days.isEmpty, let day = programme.days.first(where: { $0.date == problem.dayDates[Int(at[p].day)] }),
               !policy.builtIn || programme.days.contains(where: policy.names) {
                if !policy.names(day) { n += 1 }
            }
            if !policy.times.isEmpty && !policy.times.contains(where: { $0.start.minutes <= Int(at[p].start) && Int(at[p].end) <= $0.end.minutes }) { n += 1 }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        let kind = e.problem.session(ofPart: p).kind.title.lowercased()
        return "no free room and time is one a \(kind) may take"
    }
}

extension RuleID {
    /// `kind-policy`
    public static var kindPolicy: RuleID { KindPolicyBroken.definition.id }
}

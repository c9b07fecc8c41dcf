import ForumModel

/// `preference-missed`: a session runs on its preferred days, at its preferred times, in its
/// preferred rooms.
public final class PreferenceMissed: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "preference-missed", title: "Preference missed", hard: false, weight: 5,
                       unit: "per placement and missed wish (day, time, room)",
                       sentence: "A session runs on its preferred days, at its preferred times, in its preferred rooms.")
    }
    public static var factors: PlacementFactors { PlacementFactors.sessionRoom.union(.sessionTime) }   // not an array literal: that allocates on every call
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 {
        let rooms = pr.programme.sessions[s].preferences.rooms
        return !rooms.isEmpty && !rooms.contains(pr.roomIDs[r]) ? 1 : 0
    }

    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 {
        let prefs = pr.programme.sessions[s].preferences
        let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
        let dayMissed: Int32 = !prefs.days.isEmpty && !prefs.days.contains(pr.dayDates[day]) ? 1 : 0
        let timeMissed: Int32 = !prefs.times.isEmpty && !prefs.times.contains { $0.contains(range) } ? 1 : 0
        return dayMissed + timeMissed
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let pr = e.problem
        let prefs = pr.session(ofPart: p).preferences
        let range = TimeRange(start: TimeOfDay(minutes: Int(pos.start)), end: TimeOfDay(minutes: Int(pos.end)))
        var missed: [String] = []
        if !prefs.days.isEmpty && !prefs.days.contains(pr.dayDates[Int(pos.day)]) { missed.append("days \(prefs.days.map(\.description).joined(separator: ", "))") }
        if !prefs.times.isEmpty && !prefs.times.contains(where: { $0.contains(range) }) { missed.append("times \(prefs.times.map(\.description).joined(separator: ", "))") }
        if !prefs.rooms.isEmpty && !prefs.rooms.contains(pr.roomIDs[Int(pos.room)]) { missed.append("rooms \(prefs.rooms.joined(separator: ", "))") }
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) on \(e.when(pos)) in \(e.roomLabel(Int(pos.room))) misses its preferred \(missed.joined(separator: "; ")).",
                 fix: "move it to one of its preferred \(missed.joined(separator: "; "))")
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            let prefs = problem.session(ofPart: p).preferences
            let range = TimeRange(start: TimeOfDay(minutes: Int(at[p].start)), end: TimeOfDay(minutes: Int(at[p].end)))
            if !prefs.days.isEmpty && !prefs.days.contains(problem.dayDates[Int(at[p].day)]) { n += 1 }
            if !prefs.times.isEmpty && !prefs.times.contains(where: { $0.contains(range) }) { n += 1 }
            if !prefs.rooms.isEmpty && !prefs.rooms.contains(problem.roomIDs[Int(at[p].room)]) { n += 1 }
        }
        return n
    }
}

extension RuleID {
    /// `preference-missed`
    public static var preferenceMissed: RuleID { PreferenceMissed.definition.id }
}

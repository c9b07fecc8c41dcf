import ForumModel

/// `outside-grid`: a session starts at a slot start on an event day and ends within the
/// day's back-to-back slots.
public final class OutsideGrid: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "outside-grid", title: "Outside the day's grid", hard: true, weight: 1,
                       unit: "per placement",
                       sentence: "A session starts at the start of a slot on an event day and ends within the day's back-to-back slots.")
    }
    public static var factors: PlacementFactors { .part }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    @inline(__always) public func partUnits(_ pr: Problem, _ p: Int, _ pos: Pos, _ key: PlacementKey) -> Int32 {
        // A tabled key is on the grid by construction.
        key.cached || pr.onGrid(pos) ? 0 : 1
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) at \(e.when(pos)) is outside the grid: \(reason(e, pos)).",
                 fix: "start it at a slot start; \(e.suggestion(p, sameTime: false))")
    }

    func reason(_ e: ScoreState, _ pos: Pos) -> String {
        let pr = e.problem
        let d = Int(pos.day)
        guard pr.dayInProgramme[d] else { return "\(e.dayText(pos.day)) is not a day of the event" }
        let starts = pr.startsOfDay[d]
        guard !starts.isEmpty else { return "\(e.dayText(pos.day)) has no slots" }
        guard pos.slot >= 0 else {
            return "no slot starts at \(e.clock(pos.start)) (slots start at \(starts.map { e.clock(pr.startMinute[Int($0)]) }.joined(separator: ", ")))"
        }
        return "it runs \(pos.end - pos.start) minutes, but the back-to-back slots from \(e.clock(pos.start)) hold only \(pr.startRun[Int(pos.slot)])"
    }

    /// Placements that are off a slot start (`slot` -1), on a day that is not the event's,
    /// or longer than the back-to-back slots from their start.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for pos in at where pos.day >= 0 {
            let d = Int(pos.day)
            guard pos.slot >= 0, problem.dayInProgramme[d], d < problem.programme.days.count else { n += 1; continue }
            let day = problem.programme.days[d]
            if day.longestRun(from: TimeOfDay(minutes: Int(pos.start))) < Int(pos.end - pos.start) { n += 1 }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        let minutes = e.problem.session(ofPart: p).duration
        return "it runs \(minutes) minutes, but no day has \(minutes) minutes of back-to-back slots"
    }

    /// Sessions longer than every day's run of back-to-back slots.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        let pr = e.problem
        var lines: [String] = []
        for (si, s) in pr.programme.sessions.enumerated() where pr.sessionPartCount[si] > 0 {
            let fits = (0..<pr.startCount).contains { pr.startRun[$0] >= pr.sessionDuration[si] && pr.dayInProgramme[Int(pr.startDay[$0])] }
            if !fits || grid.knownRooms.isEmpty {
                lines.append("\(s.id) '\(s.title)' runs \(s.duration) minutes, but no day has that many minutes of back-to-back slots.")
            }
        }
        return lines
    }
}

extension RuleID {
    /// `outside-grid`
    public static var outsideGrid: RuleID { OutsideGrid.definition.id }
}

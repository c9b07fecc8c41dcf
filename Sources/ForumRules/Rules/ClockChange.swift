import Foundation
import ForumModel

/// `clock-change`: no session touches the hour in which the venue's clocks change. When
/// clocks go forward (03:00 becomes 04:00) a time in between does not exist; when they go
/// back (04:00 becomes 03:00) it happens twice. Calendars, frab and pages would each resolve
/// such a time their own way (a client may show 02:30 where frab says 03:30), so the
/// programme must not use one: a session that starts, ends or runs across that hour counts.
public final class ClockChange: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "clock-change", title: "Session across a clock change", hard: true, weight: 1,
                       unit: "per placement",
                       sentence: "No session starts, ends or runs during the hour in which the venue's clocks change (a time that does not exist, or happens twice).")
    }
    public static var factors: PlacementFactors { .sessionTime }
    public let table = PlacementTable()

    /// A clock change on a programme day, in the day's wall-clock minutes: the hour it
    /// makes missing or double is `start..<end`; `forward` when clocks go forward.
    struct Change {
        var start: Int
        var end: Int
        var forward: Bool
    }
    /// The changes on each programme day (almost always none).
    let changes: [[Change]]

    public init(_ problem: Problem) {
        changes = problem.dayDates.map { ClockChange.changes(on: $0, in: problem.programme.event.zone) }
    }

    /// The clock changes of `zone` on `date` (and in the small hours after it, for sessions
    /// that end after midnight), from the zone's own transitions.
    static func changes(on date: LocalDate, in zone: TimeZone?) -> [Change] {
        guard let zone else { return [] }
        let wallMidnight = Double(date.dayNumber) * 86_400   // the day's 00:00 read as if UTC
        var out: [Change] = []
        var t = Date(timeIntervalSince1970: wallMidnight - 14 * 3600 - 1)   // before the earliest local midnight
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next.timeIntervalSince1970 < wallMidnight + 2 * 86_400 {
            let before = zone.secondsFromGMT(for: next.addingTimeInterval(-1)), after = zone.secondsFromGMT(for: next)
            // Minutes of `date`'s wall clock (old offset) at which the change happens.
            let at = Int((next.timeIntervalSince1970 + Double(before) - wallMidnight) / 60)
            let shift = (after - before) / 60
            if shift != 0 { out.append(shift > 0 ? Change(start: at, end: at + shift, forward: true) : Change(start: at + shift, end: at, forward: false)) }
            t = next
        }
        return out
    }

    /// The change a placement of `start..<end` minutes on day `day` touches, if any.
    func change(day: Int, start: Int, end: Int) -> Change? {
        changes[day].first { start < $0.end && end > $0.start }
    }

    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 {
        changes[day].isEmpty ? 0 : change(day: day, start: start, end: end) == nil ? 0 : 1
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        guard let c = change(day: Int(pos.day), start: Int(pos.start), end: Int(pos.end)) else { return }
        let zone = e.problem.programme.event.timeZone
        let what = c.forward
            ? "clocks in \(zone) go forward from \(e.clock(Int32(c.start))) to \(e.clock(Int32(c.end))), so \(e.clock(Int32(c.start)))–\(e.clock(Int32(c.end))) does not exist"
            : "clocks in \(zone) go back from \(e.clock(Int32(c.end))) to \(e.clock(Int32(c.start))), so \(e.clock(Int32(c.start)))–\(e.clock(Int32(c.end))) happens twice"
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) is placed on \(e.when(pos)), but on \(e.dayText(pos.day)) the \(what); calendars and conference apps would show it at different times.",
                 fix: "move it out of \(e.clock(Int32(c.start)))–\(e.clock(Int32(c.end))) on \(e.dayText(pos.day)); \(e.suggestion(p, sameTime: false))")
    }

    /// Every placed part with a wall-clock time in it that the zone does not show exactly once,
    /// asked of the zone minute by minute (no transitions): its start and each quarter hour
    /// inside it, since clocks change on quarter hours.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        guard let zone = problem.programme.event.zone else { return 0 }
        func occurrences(_ wall: Double) -> Int {
            let offsets = Set((-3...3).map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + Double($0 * 3600))) })
            return offsets.filter { zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - Double($0))) == $0 }.count
        }
        return at.indices.filter { p in
            guard at[p].day >= 0 else { return false }
            let midnight = Double(problem.dayDates[Int(at[p].day)].dayNumber) * 86_400
            let start = Int(at[p].start), end = Int(at[p].end)
            let minutes = [start] + stride(from: (start / 15 + 1) * 15, to: end, by: 15)
            return minutes.contains { occurrences(midnight + Double($0 * 60)) != 1 }
        }.count
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "every free time left for it runs across the hour in which the clocks change"
    }
}

extension RuleID {
    /// `clock-change`
    public static var clockChange: RuleID { ClockChange.definition.id }
}

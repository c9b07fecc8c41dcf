import Foundation
import ForumModel

/// `remote-hours`: people taking part online (attendance online, or an online-moderator of the
/// session) do so within their waking hours, 07:00–23:00 in their own time zone by default.
/// A part's span is converted from the event's zone to the person's at the UTC offsets both
/// zones have at the part's start (so summer time counts); each clock hour of local time the
/// span touches outside the hours is a unit. People with no time zone are not judged. It
/// depends on the session and its time only, so the engine tables it.
public final class RemoteHours: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "remote-hours", title: "Online participant outside waking hours", hard: false, weight: 1,
                       unit: "per started hour outside the hours, per online person and placement",
                       sentence: "People taking part online do so within waking hours in their own time zone (07:00–23:00, the hours).",
                       hours: TimeRange(start: TimeOfDay(minutes: 7 * 60), end: TimeOfDay(minutes: 23 * 60)))
    }
    public static var factors: PlacementFactors { .sessionTime }
    public let table = PlacementTable()

    /// The waking hours, minutes of the local day.
    let wake: Int, sleep: Int
    let hours: TimeRange
    /// Per session, its online people with a known zone (index into `zones`).
    let remote: [[(person: Int32, zone: Int32)]]
    let zones: [TimeZone]
    let eventZone: TimeZone?
    /// Per zone and day, the person's offset less the event's in minutes, when neither zone
    /// changes its offset that day (nil: computed at the part's start).
    let dayShift: [[Int32?]]

    public init(_ problem: Problem) {
        let programme = problem.programme
        let hours = problem.book[.remoteHours].hours ?? RemoteHours.definition.hours!
        self.hours = hours
        wake = hours.start.minutes
        sleep = hours.end.minutes
        eventZone = programme.event.zone
        var zoneIndex: [String: Int32] = [:]
        var zones: [TimeZone] = []
        let roles = SessionRoles(problem)
        remote = (0..<problem.sessionCount).map { s in
            guard programme.event.zone != nil else { return [] }
            var list: [(person: Int32, zone: Int32)] = []
            for (person, _) in roles.roles[s] where !list.contains(where: { $0.person == person }) {
                let who = programme.people[Int(person)]
                let online = who.attendance == .online || roles.roles[s].contains { $0.person == person && $0.role == .onlineModerator }
                guard online, let id = who.timezone else { continue }
                if zoneIndex[id] == nil {
                    guard let zone = TimeZone(identifier: id) else { continue }
                    zoneIndex[id] = Int32(zones.count)
                    zones.append(zone)
                }
                list.append((person, zoneIndex[id]!))
            }
            return list
        }
        self.zones = zones
        dayShift = zones.map { zone in
            problem.dayDates.map { date -> Int32? in
                guard let event = programme.event.zone,
                      let morning = programme.event.instant(date: date, time: TimeOfDay(minutes: 0)) else { return nil }
                let night = morning.addingTimeInterval(86_399)
                let a = zone.secondsFromGMT(for: morning) - event.secondsFromGMT(for: morning)
                let b = zone.secondsFromGMT(for: night) - event.secondsFromGMT(for: night)
                return a == b ? Int32(a / 60) : nil
            }
        }
    }

    /// Minutes to add to the event's wall clock for `zone`, on `day` at `minute`.
    func shift(_ pr: Problem, zone z: Int, day: Int, minute: Int) -> Int {
        if let d = dayShift[z][day] { return Int(d) }
        guard let event = eventZone, let instant = pr.programme.event.instant(date: pr.dayDates[day], time: TimeOfDay(minutes: minute)) else { return 0 }
        return (zones[z].secondsFromGMT(for: instant) - event.secondsFromGMT(for: instant)) / 60
    }

    /// Clock hours of local time in [a, b) (minutes from the event day's midnight, any sign)
    /// that have a minute outside the waking hours.
    @inline(__always) func startedHoursOutside(_ a: Int, _ b: Int) -> Int {
        guard b > a else { return 0 }
        var n = 0
        var h = a >= 0 ? a / 60 : -((-a + 59) / 60)
        while h * 60 < b {
            let lo = max(a, h * 60), hi = min(b, h * 60 + 60)
            let m0 = ((lo % 1440) + 1440) % 1440, m1 = m0 + (hi - lo)
            let inside = wake <= sleep ? (m0 >= wake && m1 <= sleep) : !(m0 < wake && m1 > sleep)
            if !inside { n += 1 }
            h += 1
        }
        return n
    }

    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 {
        let list = remote[s]
        if list.isEmpty { return 0 }
        var n = 0
        for (_, z) in list {
            let d = shift(pr, zone: Int(z), day: day, minute: start)
            n += startedHoursOutside(start + d, end + d)
        }
        return Int32(n)
    }

    /// "05:30", or "23:30 the day before", for local minutes from the event day's midnight.
    func localClock(_ m: Int, end: Bool) -> String {
        let dayOffset = (end ? m - 1 : m) >= 0 ? (end ? m - 1 : m) / 1440 : -((-(end ? m - 1 : m) + 1439) / 1440)
        let inDay = m - dayOffset * 1440
        let text = TimeOfDay(minutes: inDay).description
        return dayOffset == 0 ? text : dayOffset > 0 ? "\(text) the next day" : "\(text) the day before"
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let pr = e.problem
        let s = Int(pr.partSession[p])
        for (person, z) in remote[s] {
            let d = shift(pr, zone: Int(z), day: Int(pos.day), minute: Int(pos.start))
            let a = Int(pos.start) + d, b = Int(pos.end) + d
            let n = startedHoursOutside(a, b)
            guard n > 0 else { continue }
            let who = pr.programme.people[Int(person)]
            let from = ((wake - d) % 1440 + 1440) % 1440, to = ((sleep - d) % 1440 + 1440) % 1440
            out.emit(units: n, parts: [p], pos: pos, person: Int(person),
                     message: "\(who.name) (\(zones[Int(z)].identifier)) would take part \(localClock(a, end: false))–\(localClock(b, end: true)) local time in \(e.partLabel(p)) on \(e.when(pos)): \(n) started hour\(n == 1 ? "" : "s") outside \(hours).",
                     fix: "move it within \(TimeOfDay(minutes: from))–\(TimeOfDay(minutes: to)) event time (\(hours) for \(who.name)), or ask \(who.name) to take part at another time")
        }
    }

    /// Per placement and online person of the session with a known zone: the part's start
    /// converted with Foundation's calendars, then each minute of its span, counting the clock
    /// hours that hold a minute outside the hours.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        let hours = problem.book[.remoteHours].hours ?? definition.hours!
        let event = problem.programme.event
        guard let eventZone = event.zone else { return 0 }
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            let session = problem.session(ofPart: p)
            let date = problem.dayDates[Int(at[p].day)]
            var eventCalendar = Calendar(identifier: .gregorian)
            eventCalendar.timeZone = eventZone
            let start = Int(at[p].start)
            guard let instant = eventCalendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day,
                                                                         hour: start / 60, minute: start % 60)) else { continue }
            var ids: [String] = []
            for who in session.people where !ids.contains(who.person) { ids.append(who.person) }
            for id in ids {
                guard let person = problem.programme.people.first(where: { $0.id == id }) else { continue }
                let online = person.attendance == .online || session.people.contains { $0.person == id && $0.role == .onlineModerator }
                guard online, let zoneID = person.timezone, let zone = TimeZone(identifier: zoneID) else { continue }
                var local = Calendar(identifier: .gregorian)
                local.timeZone = zone
                let c = local.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
                let localDate = LocalDate(year: c.year!, month: c.month!, day: c.day!)
                let localStart = (localDate.dayNumber - date.dayNumber) * 1440 + c.hour! * 60 + c.minute!
                var outside = Set<Int>()
                for i in 0..<max(0, Int(at[p].end) - start) {
                    let m = localStart + i
                    let minuteOfDay = ((m % 1440) + 1440) % 1440
                    let awake = hours.start.minutes <= hours.end.minutes
                        ? (minuteOfDay >= hours.start.minutes && minuteOfDay < hours.end.minutes)
                        : (minuteOfDay >= hours.start.minutes || minuteOfDay < hours.end.minutes)
                    if !awake { outside.insert(Int((Double(m) / 60).rounded(.down))) }
                }
                n += outside.count
            }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        "its online people would take part outside \(hours) their time wherever a suitable room is free"
    }
}

extension RuleID {
    /// `remote-hours`
    public static var remoteHours: RuleID { RemoteHours.definition.id }
}

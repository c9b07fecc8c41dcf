import ForumModel
import ForumRules

/// Expresses an ITC-2007 instance in the library's own model, the way an organiser would
/// write it: each course a series of one-period sessions, each teacher a person, each
/// curriculum a group that never overlaps and should be compact, and the four UD2 costs
/// the catalogue's own rules with the competition's weights.
public enum ITCProgramme {
    /// The first day of the mapped calendar (a Monday); days follow on consecutive dates.
    public static let firstDay = LocalDate(year: 2007, month: 1, day: 1)
    /// Period 0 of every day starts at 08:00.
    public static let dayStart = TimeOfDay(hour: 8, minute: 0)
    /// Every period is one hour; lectures are one period long.
    public static let periodMinutes = 60

    /// The catalogue rules that are the UD2 soft costs, with their UD2 weights.
    public static let ud2Rules: [(rule: RuleID, weight: Int)] = [
        (.roomTooSmall, 1),      // S1: per student beyond the capacity, per lecture
        (.seriesSpread, 5),      // S2: per day short of the minimum working days
        (.groupIsolated, 2),     // S3: per isolated lecture, per curriculum
        (.seriesRoomChange, 1),  // S4: per room beyond the first
    ]

    /// The rule settings that make the catalogue score exactly UD2: the four costs soft with
    /// their weights, the hard rules as they are, and every other soft rule switched off.
    public static var ruleSettings: [String: RuleSetting] {
        var settings: [String: RuleSetting] = [:]
        for id in RuleID.allCases where !id.definition.hard {
            settings[id.rawValue] = RuleSetting(enabled: false)
        }
        for (rule, weight) in ud2Rules {
            settings[rule.rawValue] = RuleSetting(enabled: true, weight: weight, hard: false)
        }
        return settings
    }

    public static func date(ofDay day: Int) -> LocalDate { firstDay.adding(days: day) }
    public static func start(ofPeriod period: Int) -> TimeOfDay { dayStart.adding(minutes: period * periodMinutes) }

    /// The programme for `instance`, with no placements.
    public static func programme(for instance: CTTInstance) -> Programme {
        let slots = (0..<instance.periodsPerDay).map { p in
            Slot(start: start(ofPeriod: p), end: start(ofPeriod: p + 1), label: "Period \(p)")
        }
        let days = (0..<instance.days).map { d in Day(date: date(ofDay: d), label: "Day \(d)", slots: slots) }
        let rooms = instance.rooms.map { Room(id: $0.id, name: $0.id, capacity: $0.capacity) }

        var teachers: [String] = []
        var seen: Set<String> = []
        for course in instance.courses where seen.insert(course.teacher).inserted { teachers.append(course.teacher) }
        let people = teachers.map { Person(id: $0, name: $0) }

        var unavailable = [[TimeWindow]](repeating: [], count: instance.courses.count)
        for u in instance.unavailability {
            let s = start(ofPeriod: u.period)
            unavailable[u.course].append(TimeWindow(date: date(ofDay: u.day),
                                                    range: TimeRange(start: s, end: s.adding(minutes: periodMinutes))))
        }
        let sessions = instance.courses.enumerated().map { c, course in
            Session(id: course.id, title: course.id, kind: .other("lecture"), duration: periodMinutes,
                    audience: course.students, people: [Participation(person: course.teacher, role: .speaker)],
                    unavailable: unavailable[c], parts: course.lectures, minDays: course.minWorkingDays)
        }
        let groups = instance.curricula.map {
            SessionGroup(id: $0.id, title: $0.id, sessions: $0.courses.map { instance.courses[$0].id },
                         noOverlap: true, compact: true)
        }
        let event = Event(name: instance.name, acronym: "itc2007-" + instance.name.lowercased(), timeZone: "UTC",
                          startDate: date(ofDay: 0), endDate: date(ofDay: instance.days - 1),
                          description: "ITC-2007 track 3 instance \(instance.name), mapped to the forum model")
        return Programme(event: event, days: days, rooms: rooms, people: people, sessions: sessions,
                         groups: groups, ruleSettings: ruleSettings)
    }

    /// A placement's (day, period), or nil when it is not on the mapped grid.
    public static func dayAndPeriod(of placement: Placement, in instance: CTTInstance) -> (day: Int, period: Int)? {
        let day = placement.day.dayNumber - firstDay.dayNumber
        let offset = placement.start.minutes - dayStart.minutes
        guard (0..<instance.days).contains(day), offset >= 0, offset % periodMinutes == 0,
              offset / periodMinutes < instance.periodsPerDay else { return nil }
        return (day, offset / periodMinutes)
    }

    /// The `.sol` lectures of a solved programme. A placement off the grid, in an unknown
    /// room or for an unknown session is an error: it would mean the mapping is wrong.
    public static func solution(from programme: Programme, instance: CTTInstance) throws -> CTTSolution {
        var assignments: [CTTAssignment] = []
        for session in programme.sessions {
            guard let c = instance.courseIndex(session.id) else {
                throw InputError(location: SourceLocation(file: "<solved programme>"), field: "sessions",
                                 message: "session `\(session.id)` is not a course of \(instance.name)")
            }
            for placement in session.placements {
                guard let room = placement.room, let r = instance.roomIndex(room) else {
                    throw InputError(location: SourceLocation(file: "<solved programme>"), field: "sessions.\(session.id).placement.room",
                                     message: placement.room.map { "unknown room `\($0)`" } ?? "a placement without a room (ITC-2007 courses need one)")
                }
                guard let (d, p) = dayAndPeriod(of: placement, in: instance) else {
                    throw InputError(location: SourceLocation(file: "<solved programme>"), field: "sessions.\(session.id).placement",
                                     message: "placement \(placement.day) \(placement.start) is not on the instance's grid")
                }
                assignments.append(CTTAssignment(course: c, room: r, day: d, period: p))
            }
        }
        return CTTSolution(assignments: assignments)
    }

    /// Puts a `.sol` solution's lectures onto the programme as placements (for checking the
    /// library's rules against the evaluator on the same solution).
    public static func place(_ solution: CTTSolution, on programme: Programme, instance: CTTInstance) -> Programme {
        var result = programme
        var placements = [[Placement]](repeating: [], count: instance.courses.count)
        for a in solution.assignments.sorted() {
            placements[a.course].append(Placement(day: date(ofDay: a.day), start: start(ofPeriod: a.period),
                                                  room: instance.rooms[a.room].id))
        }
        for i in result.sessions.indices {
            if let c = instance.courseIndex(result.sessions[i].id) { result.sessions[i].placements = placements[c] }
        }
        return result
    }
}

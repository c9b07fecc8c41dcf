import ForumModel
@testable import ForumRules

/// A small two-day frame for rule tests: a 3-hour main block beside 90-minute slots, two of
/// them back to back, three rooms of different sizes and equipment, two themes and a
/// cross-cutting one, two people (Bob cannot come on the second day).
enum Fixture {
    static let day1 = LocalDate(year: 2006, month: 10, day: 30)
    static let day2 = LocalDate(year: 2006, month: 10, day: 31)

    static func slots() -> [Slot] {
        ["09:30-11:00", "11:00-12:30", "10:00-13:00", "14:00-15:30"].map { text in
            let p = text.split(separator: "-").map(String.init)
            return Slot(start: TimeOfDay(p[0])!, end: TimeOfDay(p[1])!)
        }
    }

    static func programme(_ sessions: [Session], groups: [SessionGroup] = [], rules: [String: RuleSetting] = [:],
                          rooms: [Room]? = nil) -> Programme {
        Programme(
            event: Event(name: "Test forum", acronym: "test", timeZone: "Europe/Athens", startDate: day1, endDate: day2),
            days: [Day(date: day1, slots: slots()), Day(date: day2, slots: slots())],
            rooms: rooms ?? [
                Room(id: "main", name: "Main Hall", capacity: 800, equipment: ["interpretation", "webcast"]),
                Room(id: "plato", name: "Plato Hall", capacity: 100, equipment: ["webcast"]),
                Room(id: "small", name: "Small Room", capacity: 30),
            ],
            themes: [Theme(id: "openness", title: "Openness"), Theme(id: "security", title: "Security"),
                     Theme(id: "cb", title: "Capacity building", crossCutting: true)],
            people: [Person(id: "alice", name: "Alice"),
                     Person(id: "bob", name: "Bob", unavailable: [TimeWindow(date: day2)])],
            sessions: sessions, groups: groups, ruleSettings: rules)
    }

    static func at(_ day: LocalDate, _ time: String, _ room: String, end: String? = nil) -> Placement {
        Placement(day: day, start: TimeOfDay(time)!, room: room, end: end.map { TimeOfDay($0)! })
    }

    static func ws(_ id: String, _ placements: [Placement], themes: [String] = [], audience: Int? = nil, duration: Int = 90,
                   people: [String] = [], kind: SessionKind = .workshop, parts: Int? = nil, minDays: Int = 1,
                   pinned: Bool = false, equipment: [String] = [], after: [String] = [],
                   unavailable: [TimeWindow] = [], preferences: Preferences = Preferences()) -> Session {
        Session(id: id, title: "Session \(id)", kind: kind, themes: themes, duration: duration, audience: audience,
                equipment: equipment, people: people.map { Participation(person: $0, role: .speaker) },
                preferences: preferences, after: after, unavailable: unavailable,
                parts: parts ?? max(1, placements.count), minDays: minDays, placements: placements, pinned: pinned)
    }
}

extension ValidationReport {
    func of(_ rule: RuleID) -> [Violation] { violations.filter { $0.rule == rule } }
    func units(_ rule: RuleID, weight: Int? = nil) -> Int {
        of(rule).reduce(0) { $0 + $1.penalty } / (weight ?? rule.definition.weight)
    }
}

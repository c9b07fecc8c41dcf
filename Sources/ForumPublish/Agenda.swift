import Foundation
import ForumModel

/// One placed occurrence on the programme: a session, or one part of a series.
public struct AgendaItem: Hashable, Sendable {
    public var session: Session
    /// 1-based part number; 1 for an ordinary session.
    public var part: Int
    public var placement: Placement
    /// Wall-clock span on `placement.day`.
    public var range: TimeRange
    /// The room as the programme defines it; nil when the placement names an unknown room.
    public var room: Room?
    /// The session's themes that the programme defines, main theme first.
    public var themes: [Theme]

    /// The room's id, or "" for an online session placed in time only.
    public var roomKey: String { placement.room ?? "" }
    /// Whether participants join online only (an online session, or one in a virtual room).
    public var isOnline: Bool { session.online || placement.room == nil || room?.virtual == true }
    public var roomName: String { room?.name ?? placement.room ?? Agenda.onlineRoom.name }
    public var mainTheme: Theme? { themes.first }

    /// A key unique within the programme and stable across exports: the session id, plus the
    /// part number for a series.
    public var key: String { session.parts > 1 ? "\(session.id)/part-\(part)" : session.id }

    /// `Part 2 of 3` for a series, nil otherwise.
    public var partLabel: String? { session.parts > 1 ? "Part \(part) of \(session.parts)" : nil }

    /// Roles in the order a programme names them: who leads the session first.
    static let roleOrder: [Role] = [.chair, .moderator, .onlineModerator, .facilitator, .speaker, .rapporteur, .organiser]

    /// The people of the session grouped by role (chairs and moderators first), each person
    /// once per role, in the order the session lists them; names as the programme gives them.
    public var people: [RoleGroup]

    /// People who share a role in a session.
    public struct RoleGroup: Hashable, Sendable {
        public var role: Role
        /// The people in the order the session lists them.
        public var members: [Member]
        /// The members' names.
        public var names: [String] { members.map(\.name) }
        /// The members' names, each followed by ` (online)` when the person takes part online.
        public var markedNames: [String] { members.map(\.markedName) }
        /// `Moderator: Nik Gowing`, `Speakers: A, B`.
        public var label: String { role.title(plural: members.count > 1) }
    }

    /// One person of a session as published.
    public struct Member: Hashable, Sendable {
        /// The person's id (the name of a person the programme does not define is the id).
        public var id: String
        public var name: String
        /// Whether the person takes part online (``Person/attendance`` is `.online`).
        public var online: Bool
        /// `Ana Lima (online)` for a person who takes part online, else the name.
        public var markedName: String { online ? name + Agenda.onlineMark : name }
    }

    static func groups(_ session: Session, people: [String: Person]) -> [RoleGroup] {
        roleOrder.compactMap { role in
            var seen = Set<String>()
            let members = session.people.filter { $0.role == role && seen.insert($0.person).inserted }.map { p in
                Member(id: p.person, name: people[p.person]?.name ?? p.person, online: people[p.person]?.attendance == .online)
            }
            return members.isEmpty ? nil : RoleGroup(role: role, members: members)
        }
    }
}

/// One day of the published programme.
public struct AgendaDay: Hashable, Sendable {
    public var date: LocalDate
    public var label: String?
    /// Sorted by start, then room order, then end, then key.
    public var items: [AgendaItem]
    /// The day's window: from the first slot or session start to the last end.
    public var window: TimeRange?
}

/// The programme flattened for publishing: every placed session and part on its day,
/// in a deterministic order, with rooms and themes resolved. All exporters read this.
public struct Agenda: Sendable {
    public var programme: Programme
    public var days: [AgendaDay]
    /// Rooms in the programme's order, followed by rooms that placements name but the
    /// programme does not define (sorted by id).
    public var rooms: [Room]
    /// Sessions with fewer placements than parts (nothing or only some parts on the programme).
    public var unplaced: [Session]
    /// Person id → name.
    public var personNames: [String: String]
    /// Ids of the people who take part online.
    public var onlinePeople: Set<String>

    /// What follows the name of a person who takes part online: ` (online)`.
    public static let onlineMark = " (online)"
    /// The label of an online-only session (badges, abstracts).
    public static let onlineLabel = "Online session"

    /// A person's name as published: ` (online)` follows it when the person takes part online.
    public func markedName(_ person: String) -> String {
        let name = personNames[person] ?? person
        return onlinePeople.contains(person) ? name + Agenda.onlineMark : name
    }

    /// Where online sessions placed in time only appear (id "", which no room can have).
    public static let onlineRoom = Room(id: "", name: "Online", virtual: true)

    public init(_ programme: Programme) {
        self.programme = programme
        var rooms = programme.rooms
        let known = Set(rooms.map(\.id))
        let named = programme.sessions.flatMap { $0.placements.map(\.room) }
        let unknown = Set(named.compactMap { $0 }).subtracting(known)
        rooms += unknown.sorted().map { Room(id: $0, name: $0) }
        if named.contains(where: { $0 == nil }) { rooms.append(Agenda.onlineRoom) }
        self.rooms = rooms
        // Lookups by id; a duplicated id (which the reader rejects) keeps its first definition.
        let roomOrder = Dictionary(rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let roomByID = Dictionary((programme.rooms + [Agenda.onlineRoom]).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let themeByID = Dictionary(programme.themes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let peopleByID = Dictionary(programme.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        personNames = peopleByID.mapValues(\.name)
        onlinePeople = Set(peopleByID.values.filter { $0.attendance == .online }.map(\.id))

        var itemsByDate: [LocalDate: [AgendaItem]] = [:]
        for session in programme.sessions {
            let themes = session.themes.compactMap { themeByID[$0] }
            let people = AgendaItem.groups(session, people: peopleByID)
            for (index, placement) in session.placements.prefix(max(session.parts, 1)).enumerated() {
                let item = AgendaItem(session: session, part: index + 1, placement: placement,
                                      range: session.span(of: placement), room: roomByID[placement.room ?? ""], themes: themes,
                                      people: people)
                itemsByDate[placement.day, default: []].append(item)
            }
        }
        func order(_ a: AgendaItem, _ b: AgendaItem) -> Bool {
            let ra = roomOrder[a.roomKey] ?? Int.max, rb = roomOrder[b.roomKey] ?? Int.max
            return (a.range.start.minutes, ra, a.range.end.minutes, a.key) < (b.range.start.minutes, rb, b.range.end.minutes, b.key)
        }
        var dates = programme.days.map(\.date)
        dates += Set(itemsByDate.keys).subtracting(dates).sorted()
        dates.sort()
        days = dates.map { date in
            let items = (itemsByDate[date] ?? []).sorted(by: order)
            let day = programme.day(date)
            var starts = items.map(\.range.start) + (day?.slots.map(\.start) ?? [])
            var ends = items.map(\.range.end) + (day?.slots.map(\.end) ?? [])
            starts.sort(); ends.sort()
            let window = starts.first.flatMap { s in ends.last.map { TimeRange(start: s, end: $0) } }
            return AgendaDay(date: date, label: day?.label, items: items, window: window)
        }
        unplaced = programme.sessions.filter { $0.placements.count < max($0.parts, 1) }

        // Converting to an instant builds a calendar and looks the zone up: done once per
        // distinct wall-clock time, not once per session.
        var instants: [WallClock: String] = [:]
        let event = programme.event
        let times = days.flatMap { day in
            day.items.flatMap { [WallClock(date: day.date, minutes: $0.range.start.minutes), WallClock(date: day.date, minutes: $0.range.end.minutes)] }
                + [day.window?.start.minutes, day.window?.end.minutes].compactMap { $0 }.map { WallClock(date: day.date, minutes: $0) }
        }
        for time in times where instants[time] == nil { instants[time] = Agenda.iso8601(event, time) }
        self.instants = instants
    }

    /// A wall-clock time: a date and minutes since its midnight (1440 and more roll into the next day).
    struct WallClock: Hashable, Sendable {
        var date: LocalDate
        var minutes: Int
    }

    private let instants: [WallClock: String]

    private static func iso8601(_ event: Event, _ time: WallClock) -> String? {
        let day = time.date.adding(days: time.minutes / 1440)
        return event.iso8601(date: day, time: TimeOfDay(minutes: time.minutes % 1440))
    }

    /// ISO 8601 with the venue's UTC offset (`2006-10-31T10:00:00+02:00`); minutes past
    /// midnight roll into the next day. Nil when the event's time zone is unknown.
    public func instant(_ date: LocalDate, _ minutes: Int) -> String? {
        let time = WallClock(date: date, minutes: minutes)
        return instants[time] ?? Agenda.iso8601(programme.event, time)
    }

    /// The item's span in UTC, `08:00–09:30 UTC`, computed from the event's IANA time zone
    /// (so summer time is followed). When the UTC start falls on another date than the local
    /// one, that date comes first: `Sun 29 Oct 22:30–00:00 UTC`. Nil when the zone is unknown.
    public func utcSpan(_ item: AgendaItem) -> String? {
        guard let (start, end) = interval(item) else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        func clock(_ date: Date) -> String {
            let c = utc.dateComponents([.hour, .minute], from: date)
            return TimeOfDay(hour: c.hour!, minute: c.minute!).description
        }
        let day = utc.dateComponents([.year, .month, .day], from: start)
        let startDate = LocalDate(year: day.year!, month: day.month!, day: day.day!)
        let prefix = startDate == item.placement.day ? "" : Text.shortDate(startDate) + " "
        return "\(prefix)\(clock(start))–\(clock(end)) UTC"
    }

    /// The item's start (as `Event.resolve` reads its wall-clock time) and its end, its
    /// duration later: a 60-minute session lasts 60 minutes even across a clock change.
    public func interval(_ item: AgendaItem) -> (start: Date, end: Date)? {
        guard let start = resolvedStart(item) else { return nil }
        return (start.instant, start.instant.addingTimeInterval(Double(item.range.minutes * 60)))
    }

    /// The item's start resolved in the venue's zone; nil when the zone is unknown.
    public func resolvedStart(_ item: AgendaItem) -> ResolvedTime? {
        let minutes = item.range.start.minutes
        return programme.event.resolve(date: item.placement.day.adding(days: minutes / 1440), time: TimeOfDay(minutes: minutes % 1440))
    }

    /// The item's start as the venue's clock shows its instant, in minutes after its day's
    /// midnight: the grid's time, except in a clock-change gap (03:30 becomes 04:30).
    public func shownStartMinutes(_ item: AgendaItem) -> Int {
        guard let resolved = resolvedStart(item), resolved.occurs == .never else { return item.range.start.minutes }
        let (date, time) = resolved.wallClock
        return (date.dayNumber - item.placement.day.dayNumber) * 1440 + time.minutes
    }

    /// One sentence for each item that starts or ends at a time the venue's clock shows twice
    /// or never (the `clock-change` rule refuses such placements; exports still write them, all
    /// in the same way): which session, which day, and how its times were read.
    public var clockChangeNotes: [String] {
        let event = programme.event
        return items.compactMap { item in
            guard let start = resolvedStart(item) else { return nil }
            let endMinutes = item.range.end.minutes
            let end = event.resolve(date: item.placement.day.adding(days: endMinutes / 1440), time: TimeOfDay(minutes: endMinutes % 1440))
            guard start.occurs != .once || (end.map { $0.occurs != .once } ?? false) else { return nil }
            let what = start.occurs == .never
                ? "its start \(item.range.start) does not exist in \(event.timeZone) (the clocks go forward); it is read with the offset before the change, as \(Text.hoursMinutes(shownStartMinutes(item) % 1440)) \(Text.utcOffset(start.offset))"
                : start.occurs == .twice
                    ? "its start \(item.range.start) happens twice in \(event.timeZone) (the clocks go back); the first one, \(Text.utcOffset(start.offset)), is used"
                    : "its end \(item.range.end) happens twice or never in \(event.timeZone) (a clock change)"
            return "\(item.key) on \(item.placement.day): \(what), and it lasts its \(item.range.minutes) minutes (RFC 5545's reading; rule clock-change)"
        }
    }

    /// Every item of every day, in day order.
    public var items: [AgendaItem] { days.flatMap(\.items) }

    /// The distinct UTC offsets (seconds) in force at the start of the programme's days, in order;
    /// empty when the time zone is unknown.
    public var utcOffsets: [Int] {
        var seen: [Int] = []
        for day in days {
            if let offset = programme.event.utcOffset(date: day.date, time: day.window?.start ?? TimeOfDay(hour: 12, minute: 0)),
               !seen.contains(offset) {
                seen.append(offset)
            }
        }
        return seen
    }

    /// "All times are local time in Athens (Europe/Athens, UTC+02:00)."
    public var timeZoneSentence: String {
        let event = programme.event
        let place = event.city.map { " in \($0)" } ?? ""
        let offsets = utcOffsets.map(Text.utcOffset).joined(separator: " / ")
        return "All times are local time\(place) (\(event.timeZone)\(offsets.isEmpty ? "" : ", \(offsets)"))."
    }
}

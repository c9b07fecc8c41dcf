import Foundation

/// The whole plan of one event: its frame (days, grid, rooms), its vocabulary (themes,
/// people) and its sessions, with their placements where they have them.
public struct Programme: Hashable, Sendable, Codable {
    public var event: Event
    /// The event's days in order, each with its own time grid (defaults and exceptions
    /// already applied by whoever built the programme).
    public var days: [Day]
    // Indexed by id for room(_:), theme(_:), person(_:) and session(_:); plain arrays otherwise.
    @IndexedByID public var rooms: [Room]
    @IndexedByID public var themes: [Theme]
    @IndexedByID public var people: [Person]
    @IndexedByID public var sessions: [Session]
    /// Sets of sessions that one audience follows together (a track, a curriculum).
    public var groups: [SessionGroup]
    /// Per-programme changes to the rule catalogue: weights, severities, rules switched off.
    public var ruleSettings: [String: RuleSetting]

    public init(event: Event, days: [Day] = [], rooms: [Room] = [], themes: [Theme] = [], people: [Person] = [],
                sessions: [Session] = [], groups: [SessionGroup] = [], ruleSettings: [String: RuleSetting] = [:]) {
        self.event = event
        self.days = days
        self.rooms = rooms
        self.themes = themes
        self.people = people
        self.sessions = sessions
        self.groups = groups
        self.ruleSettings = ruleSettings
    }

    public func day(_ date: LocalDate) -> Day? { days.first { $0.date == date } }
    /// The first room, theme, person or session with this id (in constant time).
    public func room(_ id: String) -> Room? { _rooms.first(id: id) }
    public func theme(_ id: String) -> Theme? { _themes.first(id: id) }
    public func person(_ id: String) -> Person? { _people.first(id: id) }
    public func session(_ id: String) -> Session? { _sessions.first(id: id) }
}

/// The event itself: what, where and when.
public struct Event: Hashable, Sendable, Codable {
    public var name: String
    /// A short name for file names and conference apps (e.g. `igf2006`).
    public var acronym: String
    public var city: String?
    public var venue: String?
    /// IANA time zone of the venue, e.g. `Europe/Athens`. Every placement is wall-clock time here.
    public var timeZone: String
    public var startDate: LocalDate
    public var endDate: LocalDate
    public var url: String?
    public var description: String?

    public init(name: String, acronym: String, city: String? = nil, venue: String? = nil, timeZone: String,
                startDate: LocalDate, endDate: LocalDate, url: String? = nil, description: String? = nil) {
        self.name = name
        self.acronym = acronym
        self.city = city
        self.venue = venue
        self.timeZone = timeZone
        self.startDate = startDate
        self.endDate = endDate
        self.url = url
        self.description = description
    }
}

/// One day of the event and the slots in which sessions may start on it.
public struct Day: Hashable, Sendable, Codable {
    public var date: LocalDate
    /// e.g. "Day 0", "Opening day".
    public var label: String?
    /// Slots sorted by start. Slots may overlap (a 3-hour main-session block beside
    /// 90-minute workshop slots); back-to-back slots can be joined by a longer session.
    public var slots: [Slot]

    public init(date: LocalDate, label: String? = nil, slots: [Slot]) {
        self.date = date
        self.label = label
        self.slots = slots.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// How long a session starting at `start` may run: along back-to-back slots from the
    /// first slot that starts there (0 when no slot starts there).
    public func longestRun(from start: TimeOfDay) -> Int {
        var best = 0
        for slot in slots where slot.start == start {
            var end = slot.end
            var extended = true
            while extended {
                extended = false
                for next in slots where next.start == end && next.end > end {
                    end = next.end
                    extended = true
                    break
                }
            }
            best = max(best, end.minutes - start.minutes)
        }
        return best
    }
}

/// A span on one day in which a session can start.
public struct Slot: Hashable, Sendable, Codable {
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// e.g. "Morning I".
    public var label: String?

    public init(start: TimeOfDay, end: TimeOfDay, label: String? = nil) {
        self.start = start
        self.end = end
        self.label = label
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }
    public var minutes: Int { end.minutes - start.minutes }
}

/// A room of the venue.
public struct Room: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Seats; nil when unknown (no capacity rule applies then).
    public var capacity: Int?
    /// Tags such as `interpretation`, `webcast`, `remote`, `accessible`.
    public var equipment: [String]
    /// When the room can be used. Empty means whenever the grid allows.
    public var availability: [TimeWindow]
    public var building: String?
    public var floor: String?

    public init(id: String, name: String, capacity: Int? = nil, equipment: [String] = [],
                availability: [TimeWindow] = [], building: String? = nil, floor: String? = nil) {
        self.id = id
        self.name = name
        self.capacity = capacity
        self.equipment = equipment
        self.availability = availability
        self.building = building
        self.floor = floor
    }

    /// Whether the room may be used for `range` on `day`.
    public func isAvailable(day: LocalDate, range: TimeRange) -> Bool {
        availability.isEmpty || availability.contains { $0.contains(day: day, range: range) }
    }
}

/// A theme (IGF) or action line (WSIS Forum).
public struct Theme: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var description: String?
    /// A horizontal priority (e.g. capacity building): its sessions may run in parallel.
    public var crossCutting: Bool
    /// A CSS colour (`#1f77b4`) for grids; exporters pick one when absent.
    public var colour: String?

    public init(id: String, title: String, description: String? = nil, crossCutting: Bool = false, colour: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.crossCutting = crossCutting
        self.colour = colour
    }
}

/// A speaker, organiser or moderator.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Government, private sector, civil society, technical community, academia, intergovernmental…
    public var stakeholderGroup: String?
    /// e.g. "Africa", "WEOG", "Asia-Pacific".
    public var region: String?
    public var organisation: String?
    public var email: String?
    /// When the person cannot take part.
    public var unavailable: [TimeWindow]
    /// Whether the person takes part in the room or remotely (a hybrid event).
    public var attendance: Attendance

    public init(id: String, name: String, stakeholderGroup: String? = nil, region: String? = nil,
                organisation: String? = nil, email: String? = nil, unavailable: [TimeWindow] = [],
                attendance: Attendance = .onsite) {
        self.id = id
        self.name = name
        self.stakeholderGroup = stakeholderGroup
        self.region = region
        self.organisation = organisation
        self.email = email
        self.unavailable = unavailable
        self.attendance = attendance
    }
}

/// Where a person takes part in a hybrid event.
public enum Attendance: String, Hashable, Sendable, Codable, CaseIterable {
    case onsite, online
}

/// The kind of a session. Known kinds have fixed spellings; any other text is kept as `.other`.
public enum SessionKind: Hashable, Sendable, Codable, CustomStringConvertible {
    case opening, mainSession, workshop, openForum, bestPracticeForum, dynamicCoalition, townHall
    case lightningTalk, networking, highLevel, actionLineFacilitation, nri, dayZero, launchAward
    case thematicWorkshop, countryWorkshop, ministerialRoundTable, prizeCeremony, closing
    case other(String)

    /// Every known kind, in the order a programme usually lists them.
    public static let known: [SessionKind] = [
        .opening, .mainSession, .highLevel, .ministerialRoundTable, .workshop, .openForum, .bestPracticeForum,
        .dynamicCoalition, .townHall, .lightningTalk, .networking, .nri, .dayZero, .launchAward,
        .actionLineFacilitation, .thematicWorkshop, .countryWorkshop, .prizeCeremony, .closing,
    ]

    /// The spelling used in programme files, e.g. `main-session`.
    public var id: String {
        switch self {
        case .opening: return "opening"
        case .mainSession: return "main-session"
        case .workshop: return "workshop"
        case .openForum: return "open-forum"
        case .bestPracticeForum: return "best-practice-forum"
        case .dynamicCoalition: return "dynamic-coalition"
        case .townHall: return "town-hall"
        case .lightningTalk: return "lightning-talk"
        case .networking: return "networking"
        case .highLevel: return "high-level"
        case .actionLineFacilitation: return "action-line-facilitation"
        case .nri: return "nri"
        case .dayZero: return "day-zero"
        case .launchAward: return "launch-award"
        case .thematicWorkshop: return "thematic-workshop"
        case .countryWorkshop: return "country-workshop"
        case .ministerialRoundTable: return "ministerial-round-table"
        case .prizeCeremony: return "prize-ceremony"
        case .closing: return "closing"
        case .other(let text): return text
        }
    }

    /// A label for people, e.g. "Main session".
    public var title: String {
        switch self {
        case .nri: return "NRI session"
        case .dayZero: return "Day 0 event"
        case .other(let text): return text
        default:
            let words = id.split(separator: "-").map(String.init)
            return ([words[0].prefix(1).uppercased() + words[0].dropFirst()] + words.dropFirst()).joined(separator: " ")
        }
    }

    public init(id: String) {
        self = SessionKind.known.first { $0.id == id } ?? .other(id)
    }

    public var description: String { id }

    public init(from decoder: Decoder) throws {
        self.init(id: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(id)
    }
}

/// What a person does in a session.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    case organiser, speaker, moderator, chair, rapporteur, facilitator
}

/// A person's part in a session.
public struct Participation: Hashable, Sendable, Codable {
    public var person: String
    public var role: Role

    public init(person: String, role: Role) {
        self.person = person
        self.role = role
    }
}

/// Where and when a session (or one part of a series) takes place.
public struct Placement: Hashable, Sendable, Codable {
    public var day: LocalDate
    public var start: TimeOfDay
    public var room: String
    /// Set when the placement gives an explicit end; otherwise the session runs its duration.
    public var end: TimeOfDay?

    public init(day: LocalDate, start: TimeOfDay, room: String, end: TimeOfDay? = nil) {
        self.day = day
        self.start = start
        self.room = room
        self.end = end
    }
}

/// Soft wishes for when a session should run.
public struct Preferences: Hashable, Sendable, Codable {
    /// Preferred days; empty means no wish.
    public var days: [LocalDate]
    /// Preferred times of day; a placement meets the wish when it lies inside one of them.
    public var times: [TimeRange]
    /// Preferred rooms; empty means no wish.
    public var rooms: [String]

    public init(days: [LocalDate] = [], times: [TimeRange] = [], rooms: [String] = []) {
        self.days = days
        self.times = times
        self.rooms = rooms
    }

    public var isEmpty: Bool { days.isEmpty && times.isEmpty && rooms.isEmpty }
}

/// Anything placed on the programme: a main session, workshop, open forum…
public struct Session: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var kind: SessionKind
    /// Theme or action-line ids; the first is the session's main theme.
    public var themes: [String]
    /// Minutes per part.
    public var duration: Int
    /// Expected audience; nil when unknown.
    public var audience: Int?
    /// Equipment tags the room must have.
    public var equipment: [String]
    public var people: [Participation]
    public var preferences: Preferences
    /// Ids of sessions this one should come after (e.g. the theme's workshops before its main session).
    public var after: [String]
    /// When this session must not run (beyond its people's own unavailability).
    public var unavailable: [TimeWindow]
    /// How many parts a series has (1 for an ordinary session).
    public var parts: Int
    /// For a series: spread the parts over at least this many days.
    public var minDays: Int
    /// One placement per part; fewer than `parts` means some parts are unplaced.
    public var placements: [Placement]
    /// A pinned session is never moved by the solver.
    public var pinned: Bool
    public var abstract: String?
    public var description: String?
    public var url: String?
    /// Language of the session, e.g. `en`.
    public var language: String?
    /// Free text for organisers (sources, reconstruction notes…).
    public var note: String?

    public init(id: String, title: String, kind: SessionKind = .workshop, themes: [String] = [], duration: Int = 90,
                audience: Int? = nil, equipment: [String] = [], people: [Participation] = [],
                preferences: Preferences = Preferences(), after: [String] = [], unavailable: [TimeWindow] = [],
                parts: Int = 1, minDays: Int = 1, placements: [Placement] = [], pinned: Bool = false,
                abstract: String? = nil, description: String? = nil, url: String? = nil, language: String? = nil,
                note: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.themes = themes
        self.duration = duration
        self.audience = audience
        self.equipment = equipment
        self.people = people
        self.preferences = preferences
        self.after = after
        self.unavailable = unavailable
        self.parts = parts
        self.minDays = minDays
        self.placements = placements
        self.pinned = pinned
        self.abstract = abstract
        self.description = description
        self.url = url
        self.language = language
        self.note = note
    }

    /// The wall-clock span of one placement: its explicit end, or start + duration.
    public func span(of placement: Placement) -> TimeRange {
        TimeRange(start: placement.start, end: placement.end ?? placement.start.adding(minutes: duration))
    }

    public var isPlaced: Bool { placements.count >= parts }
}

/// Sessions that one audience follows together: a track, a delegation's agenda, a curriculum.
public struct SessionGroup: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var sessions: [String]
    /// Whether the sessions must never overlap (a hard rule) — otherwise overlaps cost a soft penalty.
    public var noOverlap: Bool
    /// Whether each session should sit next to another of the group on its day (no isolated sessions).
    public var compact: Bool

    public init(id: String, title: String, sessions: [String], noOverlap: Bool = true, compact: Bool = false) {
        self.id = id
        self.title = title
        self.sessions = sessions
        self.noOverlap = noOverlap
        self.compact = compact
    }
}

/// A programme's change to one rule of the catalogue.
public struct RuleSetting: Hashable, Sendable, Codable {
    /// false switches the rule off.
    public var enabled: Bool
    /// Overrides the default weight.
    public var weight: Int?
    /// Overrides whether the rule is hard.
    public var hard: Bool?

    public init(enabled: Bool = true, weight: Int? = nil, hard: Bool? = nil) {
        self.enabled = enabled
        self.weight = weight
        self.hard = hard
    }
}

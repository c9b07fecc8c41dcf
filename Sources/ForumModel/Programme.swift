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
    /// Per-programme changes to the rule catalogue: weights, severities, limits, rules switched off.
    public var ruleSettings: [String: RuleSetting]
    /// The venue's buildings and the walks between them (empty: one building).
    public var buildings: [Building]
    /// The programme's own session-kind policies; they replace the built-in policy of their kind.
    public var kinds: [KindPolicy]
    /// Topic tags given a title or a weight; a tag used by sessions but not listed here has weight 1.
    public var tags: [TopicTag]

    public init(event: Event, days: [Day] = [], rooms: [Room] = [], themes: [Theme] = [], people: [Person] = [],
                sessions: [Session] = [], groups: [SessionGroup] = [], ruleSettings: [String: RuleSetting] = [:],
                buildings: [Building] = [], kinds: [KindPolicy] = [], tags: [TopicTag] = []) {
        self.event = event
        self.days = days
        self.rooms = rooms
        self.themes = themes
        self.people = people
        self.sessions = sessions
        self.groups = groups
        self.ruleSettings = ruleSettings
        self.buildings = buildings
        self.kinds = kinds
        self.tags = tags
    }

    public func day(_ date: LocalDate) -> Day? { days.first { $0.date == date } }
    /// The first room, theme, person or session with this id (in constant time).
    public func room(_ id: String) -> Room? { _rooms.first(id: id) }
    public func theme(_ id: String) -> Theme? { _themes.first(id: id) }
    public func person(_ id: String) -> Person? { _people.first(id: id) }
    public func session(_ id: String) -> Session? { _sessions.first(id: id) }

    /// The policy in force for `kind`: the programme's own, else the built-in one (nil: none).
    public func policy(for kind: SessionKind) -> KindPolicy? {
        kinds.first { $0.kind == kind } ?? KindPolicy.builtIn.first { $0.kind == kind }
    }

    /// Walking minutes between two buildings (either direction listed; 0 within one building;
    /// nil when the programme gives no walk for the pair).
    public func walk(from a: String, to b: String) -> Int? {
        if a == b { return 0 }
        if let m = buildings.first(where: { $0.id == a })?.walks[b] { return m }
        return buildings.first(where: { $0.id == b })?.walks[a]
    }

    /// The weight of a topic tag (1 when the programme does not list it).
    public func tagWeight(_ tag: String) -> Int { tags.first { $0.id == tag }?.weight ?? 1 }
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
    /// Who publishes the programme: the ORGANIZER of every calendar event (RFC 5546 asks
    /// for one in a published calendar). A secretariat's public address, not a person's own.
    public var organiser: Organiser?

    public init(name: String, acronym: String, city: String? = nil, venue: String? = nil, timeZone: String,
                startDate: LocalDate, endDate: LocalDate, url: String? = nil, description: String? = nil,
                organiser: Organiser? = nil) {
        self.name = name
        self.acronym = acronym
        self.city = city
        self.venue = venue
        self.timeZone = timeZone
        self.startDate = startDate
        self.endDate = endDate
        self.url = url
        self.description = description
        self.organiser = organiser
    }
}

/// The office that organises the event and publishes its programme, e.g. the IGF Secretariat.
public struct Organiser: Hashable, Sendable, Codable {
    /// Shown by calendar software as the organiser (ORGANIZER's CN).
    public var name: String
    /// The office's address, e.g. `igf@un.org` (ORGANIZER's `mailto:`).
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
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
    /// Id of the room's building (see ``Programme/buildings``).
    public var building: String?
    public var floor: String?
    /// Languages the room's booths interpret into (e.g. the six UN languages).
    public var languages: [String]
    /// Whether the room has live captioning.
    public var captioning: Bool
    /// A virtual room (a named video channel): online sessions only.
    public var virtual: Bool
    /// Free tags a session-kind policy can name rooms by, e.g. `lightning-area`.
    public var tags: [String]

    public init(id: String, name: String, capacity: Int? = nil, equipment: [String] = [],
                availability: [TimeWindow] = [], building: String? = nil, floor: String? = nil,
                languages: [String] = [], captioning: Bool = false, virtual: Bool = false, tags: [String] = []) {
        self.id = id
        self.name = name
        self.capacity = capacity
        self.equipment = equipment
        self.availability = availability
        self.building = building
        self.floor = floor
        self.languages = languages
        self.captioning = captioning
        self.virtual = virtual
        self.tags = tags
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
    /// The person's home time zone (IANA), for online people's waking hours.
    public var timezone: String?
    /// As the person records it (free text); used only to check that a panel is not of one gender.
    public var gender: String?

    public init(id: String, name: String, stakeholderGroup: String? = nil, region: String? = nil,
                organisation: String? = nil, email: String? = nil, unavailable: [TimeWindow] = [],
                attendance: Attendance = .onsite, timezone: String? = nil, gender: String? = nil) {
        self.id = id
        self.name = name
        self.stakeholderGroup = stakeholderGroup
        self.region = region
        self.organisation = organisation
        self.email = email
        self.unavailable = unavailable
        self.attendance = attendance
        self.timezone = timezone
        self.gender = gender
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
    /// A moderator who moderates from online (the remote side of a hybrid session).
    case onlineModerator = "online-moderator"

    /// Whether the role moderates (onsite or online).
    public var moderates: Bool { self == .moderator || self == .onlineModerator }
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
    /// The room's id; nil for an online session placed in time only.
    public var room: String?
    /// Set when the placement gives an explicit end; otherwise the session runs its duration.
    public var end: TimeOfDay?

    public init(day: LocalDate, start: TimeOfDay, room: String?, end: TimeOfDay? = nil) {
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
    /// An online-only session: placed in time, in a virtual room or none.
    public var online: Bool
    /// Languages the session needs interpreted (the room's booths must offer them).
    public var languages: [String]
    /// Whether the session needs live captioning.
    public var captioning: Bool
    /// Nothing else runs at the same time (an opening ceremony).
    public var exclusive: Bool
    /// Topic tags (children's rights, AI…); sessions sharing one should not overlap.
    public var tags: [String]
    /// A proposal's evaluation score (higher is better), as a programme committee gives it;
    /// `forum select` prefers higher scores.
    public var score: Double?
    /// A proposal's place in its main theme's ranking (1 is best); `forum select` uses it when
    /// no score is given.
    public var rank: Int?

    public init(id: String, title: String, kind: SessionKind = .workshop, themes: [String] = [], duration: Int = 90,
                audience: Int? = nil, equipment: [String] = [], people: [Participation] = [],
                preferences: Preferences = Preferences(), after: [String] = [], unavailable: [TimeWindow] = [],
                parts: Int = 1, minDays: Int = 1, placements: [Placement] = [], pinned: Bool = false,
                abstract: String? = nil, description: String? = nil, url: String? = nil, language: String? = nil,
                note: String? = nil, online: Bool = false, languages: [String] = [], captioning: Bool = false,
                exclusive: Bool = false, tags: [String] = [], score: Double? = nil, rank: Int? = nil) {
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
        self.online = online
        self.languages = languages
        self.captioning = captioning
        self.exclusive = exclusive
        self.tags = tags
        self.score = score
        self.rank = rank
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
    /// Overrides the rule's number (a minimum or a maximum, as the rule says: `forum rules`).
    public var limit: Int?
    /// Overrides the rule's hours (`remote-hours`: the waking hours, local time).
    public var hours: TimeRange?

    public init(enabled: Bool = true, weight: Int? = nil, hard: Bool? = nil, limit: Int? = nil, hours: TimeRange? = nil) {
        self.enabled = enabled
        self.weight = weight
        self.hard = hard
        self.limit = limit
        self.hours = hours
    }
}

/// A building of the venue and the walk from it to the others.
public struct Building: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Walking minutes to other buildings, by id (a walk listed on either side counts both ways).
    public var walks: [String: Int]

    public init(id: String, name: String, walks: [String: Int] = [:]) {
        self.id = id
        self.name = name
        self.walks = walks
    }
}

/// A topic tag with a title and how closely the audience follows it.
public struct TopicTag: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var title: String?
    /// Penalty weight of an overlap of two sessions sharing the tag (default 1).
    public var weight: Int

    public init(id: String, title: String? = nil, weight: Int = 1) {
        self.id = id
        self.title = title
        self.weight = weight
    }
}

/// A span of minutes a duration may take, e.g. 20–60 (one value when `min == max`).
public struct DurationRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var min: Int
    public var max: Int
    public init(_ min: Int, _ max: Int) { self.min = min; self.max = max }
    public func contains(_ minutes: Int) -> Bool { min <= minutes && minutes <= max }
    public var description: String { min == max ? "\(min) min" : "\(min)–\(max) min" }
}

/// What a session kind allows and brings by default: the IGF's town halls last 30 or 60
/// minutes without interpretation, lightning talks run in the lightning area, Day 0 events
/// only on Day 0. Empty lists allow anything.
public struct KindPolicy: Hashable, Sendable, Codable {
    public var kind: SessionKind
    /// Allowed durations per part.
    public var durations: [DurationRange]
    /// Allowed rooms, each a room id or a room tag.
    public var rooms: [String]
    /// Allowed days, each a date (`2023-10-08`) or a day label (`Day 0`).
    public var days: [String]
    /// Allowed times of day.
    public var times: [TimeRange]
    /// Equipment a session of the kind needs without listing it.
    public var equipment: [String]
    /// Interpretation a session of the kind gets without listing it.
    public var languages: [String]
    /// false: the kind gets no interpretation (a session asking for languages breaks the policy).
    public var interpretation: Bool
    /// Sessions of the kind run with nothing in parallel (the opening ceremony).
    public var exclusive: Bool
    /// Built in: its room and day parts apply only where the programme has such rooms and days.
    public var builtIn: Bool

    public init(kind: SessionKind, durations: [DurationRange] = [], rooms: [String] = [], days: [String] = [],
                times: [TimeRange] = [], equipment: [String] = [], languages: [String] = [], interpretation: Bool = true,
                exclusive: Bool = false, builtIn: Bool = false) {
        self.kind = kind
        self.durations = durations
        self.rooms = rooms
        self.days = days
        self.times = times
        self.equipment = equipment
        self.languages = languages
        self.interpretation = interpretation
        self.exclusive = exclusive
        self.builtIn = builtIn
    }

    /// The IGF's and WSIS Forum's kinds as their calls describe them (igf-wsis-today.md).
    public static let builtIn: [KindPolicy] = [
        KindPolicy(kind: .opening, exclusive: true, builtIn: true),
        KindPolicy(kind: .townHall, durations: [DurationRange(30, 30), DurationRange(60, 60)], interpretation: false, builtIn: true),
        KindPolicy(kind: .launchAward, durations: [DurationRange(20, 60)], builtIn: true),
        KindPolicy(kind: .openForum, durations: [DurationRange(30, 30), DurationRange(60, 60)], builtIn: true),
        KindPolicy(kind: .lightningTalk, durations: [DurationRange(20, 30)], rooms: ["lightning-area"], builtIn: true),
        KindPolicy(kind: .dayZero, days: ["Day 0"], builtIn: true),
    ]

    /// Whether `room` is one the policy names (by id or tag).
    public func names(_ room: Room) -> Bool { rooms.contains(room.id) || rooms.contains { room.tags.contains($0) } }

    /// Whether `day` is one the policy names (by date or label, case-insensitively).
    public func names(_ day: Day) -> Bool {
        days.contains { $0 == day.date.description || $0.lowercased() == day.label?.lowercased() }
    }
}

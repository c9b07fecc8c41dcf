import ForumModel

/// One scheduling rule as people and the solver both see it: its id, whether breaking it
/// makes a programme unusable (hard) or only worse (soft), its default weight per unit
/// of violation, and one sentence that says what it asks.
public struct RuleDefinition: Hashable, Sendable {
    public let id: RuleID
    public let title: String
    public let hard: Bool
    public let weight: Int
    /// What one unit of violation is, e.g. "per pair of overlapping sessions".
    public let unit: String
    public let sentence: String
}

/// The rule catalogue. Each rule is defined here once; the validator and the solver both
/// read these definitions (and a programme's `rules:` settings) and nothing else.
public enum RuleID: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    // Hard rules.
    case roomConflict = "room-conflict"
    case personConflict = "person-conflict"
    case groupConflict = "group-conflict"
    case outsideGrid = "outside-grid"
    case roomUnavailable = "room-unavailable"
    case longerThanPlacement = "longer-than-placement"
    case roomTooSmall = "room-too-small"
    case equipmentMissing = "equipment-missing"
    case personUnavailable = "person-unavailable"
    case sessionUnavailable = "session-unavailable"
    case unplaced = "unplaced"
    // Soft rules.
    case themeParallel = "theme-parallel"
    case themeMainClash = "theme-main-clash"
    case roomSizeFit = "room-size-fit"
    case preferenceMissed = "preference-missed"
    case orderMissed = "order-missed"
    case dayBalance = "day-balance"
    case seriesSpread = "series-spread"
    case seriesRoomChange = "series-room-change"
    case groupIsolated = "group-isolated"
    case movedFromPublished = "moved-from-published"

    public static func < (a: RuleID, b: RuleID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var definition: RuleDefinition {
        switch self {
        case .roomConflict:
            return .init(id: self, title: "Room double-booked", hard: true, weight: 1,
                         unit: "per pair of sessions overlapping in one room",
                         sentence: "A room holds one session at a time.")
        case .personConflict:
            return .init(id: self, title: "Person in two places", hard: true, weight: 1,
                         unit: "per person and pair of overlapping sessions",
                         sentence: "Nobody is scheduled in two sessions that overlap.")
        case .groupConflict:
            return .init(id: self, title: "Group sessions overlap", hard: true, weight: 1,
                         unit: "per pair of overlapping sessions sharing a no-overlap group (the parts of a series are one)",
                         sentence: "Sessions of a group that one audience follows together never overlap.")
        case .outsideGrid:
            return .init(id: self, title: "Outside the day's grid", hard: true, weight: 1,
                         unit: "per placement",
                         sentence: "A session starts at the start of a slot on an event day and ends within the day's back-to-back slots.")
        case .roomUnavailable:
            return .init(id: self, title: "Room not available", hard: true, weight: 1,
                         unit: "per placement",
                         sentence: "A session is placed only when its room is available for the whole session.")
        case .longerThanPlacement:
            return .init(id: self, title: "Session longer than its placement", hard: true, weight: 1,
                         unit: "per placement",
                         sentence: "A placement with an explicit end is at least as long as the session.")
        case .roomTooSmall:
            return .init(id: self, title: "Room too small", hard: true, weight: 1,
                         unit: "per expected participant beyond the room's capacity",
                         sentence: "The room seats the session's expected audience.")
        case .equipmentMissing:
            return .init(id: self, title: "Equipment missing", hard: true, weight: 1,
                         unit: "per missing item per placement",
                         sentence: "The room has every piece of equipment the session needs (interpretation, webcast, …).")
        case .personUnavailable:
            return .init(id: self, title: "Person unavailable", hard: true, weight: 1,
                         unit: "per person and placement",
                         sentence: "Nobody is scheduled when they said they cannot come.")
        case .sessionUnavailable:
            return .init(id: self, title: "Session at an excluded time", hard: true, weight: 1,
                         unit: "per placement",
                         sentence: "A session is not placed at a time it has excluded.")
        case .unplaced:
            return .init(id: self, title: "Session not placed", hard: true, weight: 1,
                         unit: "per part without a placement",
                         sentence: "Every session (every part of a series) has a room and a time.")
        case .themeParallel:
            return .init(id: self, title: "Same theme in parallel", hard: false, weight: 10,
                         unit: "per pair of overlapping sessions sharing a theme",
                         sentence: "Sessions of one theme do not run against each other, so participants can follow a theme.")
        case .themeMainClash:
            return .init(id: self, title: "Against its theme's main session", hard: false, weight: 30,
                         unit: "per session and overlapping main session of one of its (non-cross-cutting) themes",
                         sentence: "No session runs against the main session of its own theme.")
        case .roomSizeFit:
            return .init(id: self, title: "Room much larger than the audience", hard: false, weight: 1,
                         unit: "per 10 seats beyond twice the expected audience",
                         sentence: "A session gets a room that suits its audience, not a hall three times too big.")
        case .preferenceMissed:
            return .init(id: self, title: "Preference missed", hard: false, weight: 5,
                         unit: "per placement and missed wish (day, time, room)",
                         sentence: "A session runs on its preferred days, at its preferred times, in its preferred rooms.")
        case .orderMissed:
            return .init(id: self, title: "Order missed", hard: false, weight: 20,
                         unit: "per session and each session it should follow that has not ended when it starts",
                         sentence: "A session comes after the sessions it is meant to follow.")
        case .dayBalance:
            return .init(id: self, title: "Days unbalanced", hard: false, weight: 1,
                         unit: "per session on a day beyond an even share (sessions not pinned and not main, opening or closing)",
                         sentence: "Sessions are spread evenly over the days.")
        case .seriesSpread:
            return .init(id: self, title: "Series on too few days", hard: false, weight: 5,
                         unit: "per day short of the series' minimum",
                         sentence: "The parts of a series spread over at least as many days as it asks.")
        case .seriesRoomChange:
            return .init(id: self, title: "Series changes room", hard: false, weight: 1,
                         unit: "per room beyond the first used by a series",
                         sentence: "All parts of a series meet in one room.")
        case .groupIsolated:
            return .init(id: self, title: "Isolated session in a compact group", hard: false, weight: 2,
                         unit: "per session with no session of its compact group just before or after on its day",
                         sentence: "Sessions of a compact group sit next to each other, so its audience has no idle gaps.")
        case .movedFromPublished:
            return .init(id: self, title: "Moved from the published programme", hard: false, weight: 1000,
                         unit: "per placement changed from the published programme",
                         sentence: "Once published, sessions stay where participants planned for them.")
        }
    }
}

/// The rules in force for one programme: the catalogue with the programme's own settings applied.
public struct RuleBook: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public let definition: RuleDefinition
        public let enabled: Bool
        public let hard: Bool
        public let weight: Int
    }

    public let entries: [RuleID: Entry]

    /// Applies `settings` (keyed by rule id) to the catalogue. Unknown keys are the reader's
    /// job to reject; they are ignored here.
    public init(settings: [String: RuleSetting] = [:]) {
        var entries: [RuleID: Entry] = [:]
        for id in RuleID.allCases {
            let d = id.definition
            let s = settings[id.rawValue]
            entries[id] = Entry(definition: d, enabled: s?.enabled ?? true, hard: s?.hard ?? d.hard, weight: s?.weight ?? d.weight)
        }
        self.entries = entries
    }

    public subscript(id: RuleID) -> Entry { entries[id]! }
    public func isEnabled(_ id: RuleID) -> Bool { entries[id]!.enabled && entries[id]!.weight != 0 }
}

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
    /// The rule's number, when it has one (`person-load`: at most 3 sessions), and what it counts.
    public let limit: Int?
    public let limitMeaning: String?
    /// The rule's hours, when it has them (`remote-hours`: 07:00–23:00 local time).
    public let hours: TimeRange?

    public init(id: String, title: String, hard: Bool, weight: Int, unit: String, sentence: String,
                limit: Int? = nil, limitMeaning: String? = nil, hours: TimeRange? = nil) {
        self.id = RuleID(unchecked: id)
        self.title = title
        self.hard = hard
        self.weight = weight
        self.unit = unit
        self.sentence = sentence
        self.limit = limit
        self.limitMeaning = limitMeaning
        self.hours = hours
    }
}

/// A rule's id (`room-conflict`), one of the rules listed in ``Catalogue``. Ids order as the
/// catalogue lists them.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The rule with this id, or nil when the catalogue has none.
    public init?(rawValue: String) {
        guard RuleCatalogue.indexByID[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    init(unchecked id: String) { rawValue = id }

    /// Every rule, in catalogue order.
    public static var allCases: [RuleID] { RuleCatalogue.ids }

    /// Position in the catalogue, for per-rule arrays.
    public var index: Int { RuleCatalogue.indexByID[rawValue]! }

    public var definition: RuleDefinition { RuleCatalogue.definitions[index] }
    public var description: String { rawValue }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.index < b.index }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = RuleID(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown rule `\(text)`"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The occupancy indices a rule reads; the engine keeps those that an enabled rule needs.
public struct OccupancyNeeds: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Parts per person and day.
    public static let people = OccupancyNeeds(rawValue: 1)
    /// Parts per (non-cross-cutting) theme and day.
    public static let themes = OccupancyNeeds(rawValue: 2)
    /// Main sessions' parts per theme they are the main session of, and day.
    public static let mainThemes = OccupancyNeeds(rawValue: 4)
    /// Parts per explicit group (no-overlap or compact) and day.
    public static let groups = OccupancyNeeds(rawValue: 8)
    /// Parts per topic tag and day.
    public static let tags = OccupancyNeeds(rawValue: 16)
}

/// A move being scored: part `p` of session `s` from `old` to `new`, with the engine's
/// placement-table keys for both positions.
public struct Move {
    public let p: Int
    public let s: Int
    public let old: Pos
    public let new: Pos
    public let oldKey: PlacementKey
    public let newKey: PlacementKey
}

/// Where a placement's units sit in the placement tables (``PlacementTable``), computed once
/// per position by the engine. `cached` is true only for a position on the grid, in a known
/// room, spanning exactly the session's duration; otherwise rules compute their units directly.
public struct PlacementKey {
    public let cached: Bool
    /// Index of (session, room), of (session, grid start), and of (duration class, grid start, room).
    public let sessionRoom: Int
    public let sessionTime: Int
    public let roomTime: Int
}

/// One scheduling rule, everything about it in one type (see `Rules/`): its definition, what
/// it compiles from the problem, how placing or removing a part changes its count, how a
/// move changes it without being made, the violations it lists, a plain recount, and its
/// words for why a session cannot be placed.
///
/// The engine (``ScoreState``) keeps who is where (the occupancy) and calls every rule of
/// ``Catalogue``; the rules are concrete final classes, so the calls are specialised.
public protocol Rule: AnyObject {
    static var definition: RuleDefinition { get }
    /// The occupancy this rule reads.
    static var needs: OccupancyNeeds { get }
    /// Compiles what the rule needs from the problem.
    init(_ problem: Problem)
    /// Units before anything is placed (every part starts unplaced).
    func initialUnits(_ e: ScoreState) -> Int
    /// The change in units when part `p` of session `s` is placed at `pos` (sign 1) or taken
    /// off it (sign -1). `e.at` already shows the state after the change; the occupancy does
    /// not yet (it holds `p` on removal only), so counts skip `p` itself. `key` locates `pos`
    /// in the placement tables.
    func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int
    /// The change in units if placed part `m.p` moved from `m.old` to `m.new`, changing nothing.
    func delta(_ e: ScoreState, _ m: Move) -> Int
    /// The violations of the current placements, each with its units.
    func violations(_ e: ScoreState, _ out: inout Findings)
    /// The rule's count for parts at `at` (`day < 0`: unplaced), from scratch: plain and
    /// obviously correct, sharing no code with `link` and `delta` (the checking mode compares).
    static func recount(_ problem: Problem, _ at: [Pos]) -> Int
    /// For a rule that depends on one placement only: its units for part `p` at `pos` (the
    /// solver's domains avoid the hard ones); nil for rules that depend on other placements.
    func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos) -> Int?
    /// Why part `p` cannot be placed when this rule is what blocks it, given the places it
    /// may take (`domain`), in organisers' words.
    func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String
    /// Shortages in the frame that make this rule impossible to keep, in organisers' words.
    func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String]
    /// Fills the rule's placement tables (placement-only rules).
    func enableCache(_ e: ScoreState)
    /// Whether placing a part never lowers this rule's count: pairs that clash, loads over a
    /// limit, counts the input fixes. The solver's lower bound takes such a rule's count among
    /// the parts it cannot move as unavoidable; for other rules (unplaced parts, balance,
    /// compactness, order) it assumes nothing. `RuleMonotonicityTests` checks every rule that says so.
    static var placingNeverLowers: Bool { get }
    /// A lower bound on this rule's units over every programme in which the parts `canMove`
    /// marks go anywhere on the grid and the others stay where `fixedOnly` (holding only
    /// those) has them; nil when the rule has none of its own (then the solver counts
    /// `fixedOnly`'s units for a rule that placing never lowers, else 0).
    func unavoidableUnits(_ fixedOnly: ScoreState, canMove: [Bool]) -> Int?
}

extension Rule {
    public static var needs: OccupancyNeeds { [] }
    public func initialUnits(_ e: ScoreState) -> Int { 0 }
    public func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos) -> Int? { nil }
    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String { "no room and time keeps every hard rule" }
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] { [] }
    public func enableCache(_ e: ScoreState) {}
    public static var placingNeverLowers: Bool { false }
    public func unavoidableUnits(_ fixedOnly: ScoreState, canMove: [Bool]) -> Int? { nil }
    /// This rule's position in the catalogue.
    public static var index: Int { definition.id.index }
}

// MARK: Placement-only rules

/// What a placement-only rule's units depend on, so the engine can table them.
public struct PlacementFactors: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The session and the room.
    public static let sessionRoom = PlacementFactors(rawValue: 1)
    /// The session and its span on a day.
    public static let sessionTime = PlacementFactors(rawValue: 2)
    /// The room and the span on a day.
    public static let roomTime = PlacementFactors(rawValue: 4)
    /// The part and its whole position (never tabled).
    public static let part = PlacementFactors(rawValue: 8)
}

/// Tables of a placement-only rule's units at every grid start and room, filled from the
/// rule's own functions (`enableCache`), for the solver. Fixed-size buffers: the hot path
/// reads them without bounds or uniqueness checks (the engine's keys are in range).
public final class PlacementTable {
    @exclusivity(unchecked) public internal(set) var sessionRoom = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    @exclusivity(unchecked) public internal(set) var sessionTime = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    @exclusivity(unchecked) public internal(set) var roomTime = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
    public init() {}

    deinit {
        sessionRoom.deallocate()
        sessionTime.deallocate()
        roomTime.deallocate()
    }

    func fill(_ values: [Int32], into table: ReferenceWritableKeyPath<PlacementTable, UnsafeMutablePointer<Int32>>) {
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, values.count))
        buffer.initialize(from: values, count: values.count)
        self[keyPath: table].deallocate()
        self[keyPath: table] = buffer
    }
}

/// A rule that depends on one placement only (capacity, equipment, availability, wishes):
/// its units are the sum of the factors it names; it lists one violation per placement.
public protocol PlacementRule: Rule {
    static var factors: PlacementFactors { get }
    var table: PlacementTable { get }
    func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32
    func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32
    func roomTimeUnits(_ pr: Problem, _ r: Int, day: Int, start: Int, end: Int) -> Int32
    func partUnits(_ pr: Problem, _ p: Int, _ pos: Pos, _ key: PlacementKey) -> Int32
    /// The violation of part `p` at `pos`, which has `units` units.
    func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings)
}

extension PlacementRule {
    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 { 0 }
    public func sessionTimeUnits(_ pr: Problem, _ s: Int, day: Int, start: Int, end: Int) -> Int32 { 0 }
    public func roomTimeUnits(_ pr: Problem, _ r: Int, day: Int, start: Int, end: Int) -> Int32 { 0 }
    public func partUnits(_ pr: Problem, _ p: Int, _ pos: Pos, _ key: PlacementKey) -> Int32 { 0 }

    /// Units of part `p` (session `s`) at `pos`, from the tables when `key` says they hold it.
    @inline(__always) public func units(_ pr: Problem, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey) -> Int {
        var u: Int32 = 0
        let f = Self.factors
        if f.contains(.sessionRoom) { u += key.cached ? table.sessionRoom[key.sessionRoom] : sessionRoomUnits(pr, s, Int(pos.room)) }
        if f.contains(.sessionTime) {
            u += key.cached ? table.sessionTime[key.sessionTime] : sessionTimeUnits(pr, s, day: Int(pos.day), start: Int(pos.start), end: Int(pos.end))
        }
        if f.contains(.roomTime) {
            u += key.cached ? table.roomTime[key.roomTime] : roomTimeUnits(pr, Int(pos.room), day: Int(pos.day), start: Int(pos.start), end: Int(pos.end))
        }
        if f.contains(.part) { u += partUnits(pr, p, pos, key) }
        return Int(u)
    }

    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int {
        sign * units(e.problem, p, s, pos, key)
    }

    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int {
        let pr = e.problem
        return units(pr, m.p, m.s, m.new, m.newKey) - units(pr, m.p, m.s, m.old, m.oldKey)
    }

    public func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos) -> Int? {
        let s = Int(e.problem.partSession[p])
        return units(e.problem, p, s, pos, e.placementKey(s, pos))
    }

    public func violations(_ e: ScoreState, _ out: inout Findings) {
        for p in 0..<e.problem.partCount where e.at[p].day >= 0 {
            let n = placementUnits(e, p, e.at[p])!
            if n > 0 { describe(e, p, e.at[p], units: n, &out) }
        }
    }

    public func enableCache(_ e: ScoreState) {
        let pr = e.problem
        let f = Self.factors
        if f.contains(.sessionRoom) {
            var values = Array(repeating: Int32(0), count: pr.sessionCount * pr.roomCount)
            for s in 0..<pr.sessionCount { for r in 0..<pr.roomCount { values[s * pr.roomCount + r] = sessionRoomUnits(pr, s, r) } }
            table.fill(values, into: \.sessionRoom)
        }
        if f.contains(.sessionTime) {
            var values = Array(repeating: Int32(0), count: pr.sessionCount * pr.startCount)
            for s in 0..<pr.sessionCount {
                let d = Int(pr.sessionDuration[s])
                for t in 0..<pr.startCount {
                    let start = Int(pr.startMinute[t])
                    values[s * pr.startCount + t] = sessionTimeUnits(pr, s, day: Int(pr.startDay[t]), start: start, end: start + d)
                }
            }
            table.fill(values, into: \.sessionTime)
        }
        if f.contains(.roomTime) {
            let classes = e.durationClasses
            var values = Array(repeating: Int32(0), count: classes.count * pr.startCount * pr.roomCount)
            for (c, d) in classes.enumerated() {
                for t in 0..<pr.startCount {
                    let start = Int(pr.startMinute[t])
                    for r in 0..<pr.roomCount {
                        values[(c * pr.startCount + t) * pr.roomCount + r] = roomTimeUnits(pr, r, day: Int(pr.startDay[t]), start: start, end: start + Int(d))
                    }
                }
            }
            table.fill(values, into: \.roomTime)
        }
    }
}

import ForumModel

/// The rules, in catalogue order: the one list. `forum rules`, the validator, the solver and
/// every per-rule array take their order and indices from it. Adding a rule is one file in
/// `Rules/` and one line here (and one `>` more at the end).
public typealias Catalogue =
    Rules<RoomConflict,
    Rules<PersonConflict,
    Rules<GroupConflict,
    Rules<OutsideGrid,
    Rules<ClockChange,
    Rules<RoomUnavailable,
    Rules<LongerThanPlacement,
    Rules<RoomTooSmall,
    Rules<EquipmentMissing,
    Rules<LanguageMissing,
    Rules<PersonUnavailable,
    Rules<SessionUnavailable,
    Rules<Unplaced,
    Rules<OnlineRoom,
    Rules<KindPolicyBroken,
    Rules<ExclusiveParallel,
    Rules<OnsiteModerator,
    Rules<OnsiteSpeakers,
    Rules<RemoteHours,
    Rules<PersonLoad,
    Rules<PersonDayLoad,
    Rules<TravelTime,
    Rules<OrganisationLoad,
    Rules<PanelSize,
    Rules<PanelGender,
    Rules<StakeholderDiversity,
    Rules<RegionDiversity,
    Rules<ThemeParallel,
    Rules<TagParallel,
    Rules<ThemeMainClash,
    Rules<RoomSizeFit,
    Rules<PreferenceMissed,
    Rules<OrderMissed,
    Rules<DayBalance,
    Rules<SeriesSpread,
    Rules<SeriesRoomChange,
    Rules<GroupIsolated,
    Rules<MovedFromPublished,
    RulesEnd
>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>

/// The catalogue's definitions and ids, derived from ``Catalogue``.
enum RuleCatalogue {
    static let definitions: [RuleDefinition] = Catalogue.definitions
    static let ids: [RuleID] = definitions.map(\.id)
    static let indexByID: [String: Int] = {
        var index: [String: Int] = [:]
        for (i, d) in definitions.enumerated() {
            precondition(index[d.id.rawValue] == nil, "rule id \(d.id.rawValue) is listed twice")
            index[d.id.rawValue] = i
        }
        return index
    }()
}

/// A list of concrete rules as a chain of generic types (`Rules<Head, Tail>`), so that every
/// call the engine makes is specialised and inlined for the concrete rules: no existentials,
/// no dynamic dispatch, no reference counting in the hot path. Each operation takes the
/// catalogue index `i` of its head and passes `i + 1` on.
public protocol RuleChain {
    init(_ problem: Problem)
    static func definitions(_ out: inout [RuleDefinition])
    static func needs(_ on: [Bool], _ i: Int) -> OccupancyNeeds
    static func recount(_ problem: Problem, _ at: [Pos], _ out: inout [Int])
    static func placingNeverLowers(_ out: inout [Bool])
    func initialUnits(_ e: ScoreState, _ i: Int)
    func link(_ e: ScoreState, _ i: Int, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int)
    func delta(_ e: ScoreState, _ i: Int, _ m: Move, _ hard: inout Int, _ soft: inout Int)
    func violations(_ e: ScoreState, _ i: Int, _ out: inout Findings)
    func breaksPlacementOnlyHardRule(_ e: ScoreState, _ i: Int, _ p: Int, _ pos: Pos) -> Bool
    func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos, _ out: inout [Int?])
    func placementPenalty(_ e: ScoreState, _ i: Int, _ p: Int, _ pos: Pos, _ hard: inout Int, _ soft: inout Int)
    func unavoidableUnits(_ e: ScoreState, canMove: [Bool], _ out: inout [Int?])
    func unplacedReason(_ e: ScoreState, _ i: Int, rule index: Int, _ p: Int, domain: [Pos]) -> String?
    func shortages(_ e: ScoreState, _ i: Int, _ grid: GridCapacity, _ out: inout [String])
    func enableCache(_ e: ScoreState)
}

/// The end of the list.
public struct RulesEnd: RuleChain {
    public init(_ problem: Problem) {}
    public static func definitions(_ out: inout [RuleDefinition]) {}
    public static func needs(_ on: [Bool], _ i: Int) -> OccupancyNeeds { [] }
    public static func recount(_ problem: Problem, _ at: [Pos], _ out: inout [Int]) {}
    public static func placingNeverLowers(_ out: inout [Bool]) {}
    public func initialUnits(_ e: ScoreState, _ i: Int) {}
    @inline(__always) public func link(_ e: ScoreState, _ i: Int, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) {}
    @inline(__always) public func delta(_ e: ScoreState, _ i: Int, _ m: Move, _ hard: inout Int, _ soft: inout Int) {}
    public func violations(_ e: ScoreState, _ i: Int, _ out: inout Findings) {}
    public func breaksPlacementOnlyHardRule(_ e: ScoreState, _ i: Int, _ p: Int, _ pos: Pos) -> Bool { false }
    public func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos, _ out: inout [Int?]) {}
    public func placementPenalty(_ e: ScoreState, _ i: Int, _ p: Int, _ pos: Pos, _ hard: inout Int, _ soft: inout Int) {}
    public func unavoidableUnits(_ e: ScoreState, canMove: [Bool], _ out: inout [Int?]) {}
    public func unplacedReason(_ e: ScoreState, _ i: Int, rule index: Int, _ p: Int, domain: [Pos]) -> String? { nil }
    public func shortages(_ e: ScoreState, _ i: Int, _ grid: GridCapacity, _ out: inout [String]) {}
    public func enableCache(_ e: ScoreState) {}
}

/// Rule `Head`, then the rest of the list.
public struct Rules<Head: Rule, Tail: RuleChain>: RuleChain {
    let head: Head
    let tail: Tail

    public init(_ problem: Problem) {
        head = Head(problem)
        tail = Tail(problem)
    }

    /// Every rule's definition, in list order.
    public static var definitions: [RuleDefinition] {
        var out: [RuleDefinition] = []
        definitions(&out)
        return out
    }

    public static func definitions(_ out: inout [RuleDefinition]) {
        out.append(Head.definition)
        Tail.definitions(&out)
    }

    public static func needs(_ on: [Bool], _ i: Int) -> OccupancyNeeds {
        (on[i] ? Head.needs : []).union(Tail.needs(on, i + 1))
    }

    public static func recount(_ problem: Problem, _ at: [Pos], _ out: inout [Int]) {
        out.append(Head.recount(problem, at))
        Tail.recount(problem, at, &out)
    }

    public static func placingNeverLowers(_ out: inout [Bool]) {
        out.append(Head.placingNeverLowers)
        Tail.placingNeverLowers(&out)
    }

    public func initialUnits(_ e: ScoreState, _ i: Int) {
        e.bump(i, head.initialUnits(e))
        tail.initialUnits(e, i + 1)
    }

    @inline(__always) public func link(_ e: ScoreState, _ i: Int, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) {
        if e.isOn(i) { e.bump(i, head.link(e, p, s, pos, key, sign: sign)) }
        tail.link(e, i + 1, p, s, pos, key, sign: sign)
    }

    @inline(__always) public func delta(_ e: ScoreState, _ i: Int, _ m: Move, _ hard: inout Int, _ soft: inout Int) {
        if e.isOn(i) {
            let d = head.delta(e, m)
            if d != 0 { if e.isHard(i) { hard += d * e.weights[i] } else { soft += d * e.weights[i] } }
        }
        tail.delta(e, i + 1, m, &hard, &soft)
    }

    public func violations(_ e: ScoreState, _ i: Int, _ out: inout Findings) {
        if e.ruleOn[i] {
            out.rule = i
            head.violations(e, &out)
        }
        tail.violations(e, i + 1, &out)
    }

    public func breaksPlacementOnlyHardRule(_ e: ScoreState, _ i: Int, _ p: Int, _ pos: Pos) -> Bool {
        if e.ruleOn[i] && e.ruleHard[i], let n = head.placementUnits(e, p, pos), n > 0 { return true }
        return tail.breaksPlacementOnlyHardRule(e, i + 1, p, pos)
    }

    public func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos, _ out: inout [Int?]) {
        out.append(head.placementUnits(e, p, pos))
        tail.placementUnits(e, p, pos, &out)
    }

    @inline(__always) public func placementPenalty(_ e: ScoreState, _ i: Int, _ p: Int, _ pos: Pos, _ hard: inout Int, _ soft: inout Int) {
        if e.isOn(i), let n = head.placementUnits(e, p, pos), n != 0 {
            if e.isHard(i) { hard += n * e.weights[i] } else { soft += n * e.weights[i] }
        }
        tail.placementPenalty(e, i + 1, p, pos, &hard, &soft)
    }

    public func unavoidableUnits(_ e: ScoreState, canMove: [Bool], _ out: inout [Int?]) {
        out.append(e.ruleOn[out.count] ? head.unavoidableUnits(e, canMove: canMove) : nil)
        tail.unavoidableUnits(e, canMove: canMove, &out)
    }

    public func unplacedReason(_ e: ScoreState, _ i: Int, rule index: Int, _ p: Int, domain: [Pos]) -> String? {
        if i == index { return head.unplacedReason(e, p, domain: domain) }
        return tail.unplacedReason(e, i + 1, rule: index, p, domain: domain)
    }

    public func shortages(_ e: ScoreState, _ i: Int, _ grid: GridCapacity, _ out: inout [String]) {
        if e.ruleOn[i] && e.ruleHard[i] { out += head.shortages(e, grid) }
        tail.shortages(e, i + 1, grid, &out)
    }

    public func enableCache(_ e: ScoreState) {
        head.enableCache(e)
        tail.enableCache(e)
    }
}

import ForumModel

/// The rules, in catalogue order: the one list. `forum rules`, the validator, the solver and
/// every per-rule array take their order and indices from it. Adding a rule is one file in
/// `Rules/` and its name here.
public typealias Catalogue = RuleList<
    RoomConflict,
    PersonConflict,
    GroupConflict,
    OutsideGrid,
    RoomUnavailable,
    LongerThanPlacement,
    RoomTooSmall,
    EquipmentMissing,
    PersonUnavailable,
    SessionUnavailable,
    Unplaced,
    ThemeParallel,
    ThemeMainClash,
    RoomSizeFit,
    PreferenceMissed,
    OrderMissed,
    DayBalance,
    SeriesSpread,
    SeriesRoomChange,
    GroupIsolated,
    MovedFromPublished
>

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

/// A list of concrete rules, called in order. The engine holds one; each call walks the
/// rules with their catalogue index, and the compiler specialises every call for the
/// concrete list (no existentials, no dynamic dispatch).
public final class RuleList<each R: Rule> {
    let rules: (repeat each R)

    init(_ engine: ScoreState) {
        rules = (repeat (each R)(engine))
    }

    /// Every rule's definition, in list order.
    public static var definitions: [RuleDefinition] {
        var out: [RuleDefinition] = []
        for d in repeat (each R).definition { out.append(d) }
        return out
    }

    /// The occupancy the rules switched on need.
    static func needs(_ on: [Bool]) -> OccupancyNeeds {
        var out: OccupancyNeeds = []
        var i = 0
        for n in repeat (each R).needs {
            if on[i] { out.formUnion(n) }
            i += 1
        }
        return out
    }

    /// Each rule's plain count from scratch.
    static func recount(_ problem: Problem, _ at: [Pos]) -> [Int] {
        var out: [Int] = []
        for n in repeat (each R).recount(problem, at) { out.append(n) }
        return out
    }

    func initialUnits(_ e: ScoreState) {
        var i = 0
        for rule in repeat each rules {
            e.bump(i, rule.initialUnits(e))
            i += 1
        }
    }

    @inline(__always) func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, sign: Int) {
        var i = 0
        for rule in repeat each rules {
            if e.ruleOn[i] { e.bump(i, rule.link(e, p, s, pos, sign: sign)) }
            i += 1
        }
    }

    @inline(__always) func delta(_ e: ScoreState, _ m: Move) -> Score {
        var hard = 0, soft = 0, i = 0
        for rule in repeat each rules {
            if e.ruleOn[i] {
                let d = rule.delta(e, m)
                if d != 0 { if e.ruleHard[i] { hard += d * e.ruleWeight[i] } else { soft += d * e.ruleWeight[i] } }
            }
            i += 1
        }
        return Score(hard: hard, soft: soft)
    }

    func violations(_ e: ScoreState, _ out: inout Findings) {
        var i = 0
        for rule in repeat each rules {
            if e.ruleOn[i] {
                out.rule = i
                rule.violations(e, &out)
            }
            i += 1
        }
    }

    /// Whether part `p` at `pos` breaks a hard placement-only rule (what the solver's domains avoid).
    func breaksPlacementOnlyHardRule(_ e: ScoreState, _ p: Int, _ pos: Pos) -> Bool {
        var i = 0
        var broken = false
        for rule in repeat each rules {
            if !broken && e.ruleOn[i] && e.ruleHard[i], let n = rule.placementUnits(e, p, pos), n > 0 { broken = true }
            i += 1
        }
        return broken
    }

    func placementUnits(_ e: ScoreState, _ p: Int, _ pos: Pos) -> [Int?] {
        var out: [Int?] = []
        for rule in repeat each rules { out.append(rule.placementUnits(e, p, pos)) }
        return out
    }

    func unplacedReason(rule index: Int, _ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        var i = 0
        var reason = ""
        for rule in repeat each rules {
            if i == index { reason = rule.unplacedReason(e, p, domain: domain) }
            i += 1
        }
        return reason
    }

    func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        var out: [String] = []
        var i = 0
        for rule in repeat each rules {
            if e.ruleOn[i] && e.ruleHard[i] { out += rule.shortages(e, grid) }
            i += 1
        }
        return out
    }

    func enableCache(_ e: ScoreState) {
        for rule in repeat each rules { rule.enableCache(e) }
    }
}

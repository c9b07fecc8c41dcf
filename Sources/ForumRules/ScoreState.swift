import ForumModel

/// The score of a programme kept up to date placement by placement: the rule-independent
/// scoring engine. It keeps who is where (the occupancy: parts per room, person, theme and
/// group on each day) once, and asks every rule of ``Catalogue`` how a change moves its
/// count. The validator adds every placement and lists the violations; the solver moves
/// parts and reads the change in ``score``; ``recountMismatch()`` compares every rule's
/// counter with its plain recount (the checking mode, Timefold's FULL_ASSERT).
///
/// Units per rule follow the rules' definitions; the score is units × weight, summed into
/// hard and soft by the programme's rule settings.
public final class ScoreState {
    public let problem: Problem
    /// Whether each rule (catalogue order) is counted: enabled with a non-zero weight.
    public let ruleOn: [Bool]
    public let ruleHard: [Bool]
    public let ruleWeight: [Int]
    // Stored state skips Swift's dynamic exclusivity checks: one thread owns a ScoreState and
    // no access overlaps another, and the checks took a third of the solver's time.

    /// Units of violation per rule, catalogue order.
    public var units: [Int] { Array(UnsafeBufferPointer(start: unitCounts, count: ruleCount)) }
    /// The counters behind `units`, and each rule's weight: fixed-size buffers, so the hot
    /// path pays no bounds or uniqueness checks.
    let unitCounts: UnsafeMutablePointer<Int>
    let weights: UnsafeMutablePointer<Int>
    let ruleCount: Int
    /// Bit `i` set when rule `i` is counted, and when it is hard.
    let onMask: UInt64
    let hardMask: UInt64
    /// Weighted hard and soft penalties.
    @exclusivity(unchecked) public private(set) var hard = 0
    @exclusivity(unchecked) public private(set) var soft = 0

    /// The position of each part; `Pos.day == -1` when unplaced.
    @exclusivity(unchecked) public internal(set) var at: [Pos]

    // The occupancy: parts by (room | person | theme | group) × day, index `key * dayCount + day`.
    /// The occupancy kept (rooms always; the rest when an enabled rule needs it).
    public let keeps: OccupancyNeeds
    @exclusivity(unchecked) public private(set) var roomBuckets: [[Int32]]
    @exclusivity(unchecked) public private(set) var personBuckets: [[Int32]]
    @exclusivity(unchecked) public private(set) var themeBuckets: [[Int32]]
    /// Main sessions' parts by the theme they are the main session of.
    @exclusivity(unchecked) public private(set) var mainBuckets: [[Int32]]
    @exclusivity(unchecked) public private(set) var groupBuckets: [[Int32]]
    /// Parts by topic tag.
    @exclusivity(unchecked) public private(set) var tagBuckets: [[Int32]]

    /// Distinct session durations (for the room-and-time tables) and each session's class.
    public private(set) var durationClasses: [Int32] = []
    @exclusivity(unchecked) var sessionDurationClass: [Int32] = []
    @exclusivity(unchecked) var cacheOn = false

    /// The rules, in catalogue order.
    let rules: Catalogue
    /// Checking mode's own test: a rule whose count is made wrong on purpose (-1: none).
    @exclusivity(unchecked) var faultyRule = -1
    /// ``suggestion(_:sameTime:)`` by part and `sameTime`, while one report is worded (a part
    /// in conflict with many others is named in each pair's fix).
    var suggestions: [Int: String] = [:]
    /// Placements tried for suggestions so far in this report: each try costs a
    /// remove and an add, so a calendar of thousands of clashing copies must not try 300
    /// for every one of the hundreds of violations worded before the list is trimmed.
    var suggestionTries = 0
    /// Tries for all suggestions of one report together (300 each for the first 66 or so).
    static let suggestionBudget = 20_000

    public static let unplacedPos = Pos(day: -1, start: 0, end: 0, room: -1, slot: -1)

    public init(problem: Problem) {
        self.problem = problem
        rules = Catalogue(problem)
        let book = problem.book
        let ids = RuleID.allCases
        ruleOn = ids.map { book.isEnabled($0) }
        ruleHard = ids.map { book[$0].hard }
        ruleWeight = ids.map { book[$0].weight }
        ruleCount = ids.count
        precondition(ids.count <= 64, "the rule masks hold 64 rules")
        unitCounts = .allocate(capacity: ids.count)
        unitCounts.initialize(repeating: 0, count: ids.count)
        weights = .allocate(capacity: ids.count)
        var on: UInt64 = 0, hardBits: UInt64 = 0
        for i in ids.indices {
            weights[i] = ruleWeight[i]
            if ruleOn[i] { on |= 1 << UInt64(i) }
            if ruleHard[i] { hardBits |= 1 << UInt64(i) }
        }
        onMask = on
        hardMask = hardBits
        at = Array(repeating: ScoreState.unplacedPos, count: problem.partCount)
        let days = problem.dayCount
        let keeps = Catalogue.needs(ruleOn, 0)
        self.keeps = keeps
        roomBuckets = Array(repeating: [], count: problem.roomCount * days)
        personBuckets = Array(repeating: [], count: keeps.contains(.people) ? problem.personCount * days : 0)
        themeBuckets = Array(repeating: [], count: keeps.contains(.themes) ? problem.themeCount * days : 0)
        mainBuckets = Array(repeating: [], count: keeps.contains(.mainThemes) ? problem.themeCount * days : 0)
        groupBuckets = Array(repeating: [], count: keeps.contains(.groups) ? problem.groupCount * days : 0)
        tagBuckets = Array(repeating: [], count: keeps.contains(.tags) ? problem.tagCount * days : 0)
        var classes: [Int32: Int32] = [:]
        sessionDurationClass = problem.sessionDuration.map { d in
            if let c = classes[d] { return c }
            classes[d] = Int32(durationClasses.count); durationClasses.append(d); return Int32(durationClasses.count - 1)
        }
        rules.initialUnits(self, 0)
    }

    /// The weighted score: hard penalties first.
    public var score: Score { Score(hard: hard, soft: soft) }

    deinit {
        unitCounts.deallocate()
        weights.deallocate()
    }

    /// Whether rule `i` is counted / hard (the hot path's form of `ruleOn` and `ruleHard`).
    @inline(__always) func isOn(_ i: Int) -> Bool { onMask & (1 << UInt64(i)) != 0 }
    @inline(__always) func isHard(_ i: Int) -> Bool { hardMask & (1 << UInt64(i)) != 0 }

    @inline(__always) func bump(_ rule: Int, _ delta: Int) {
        if delta == 0 || !isOn(rule) { return }
        unitCounts[rule] += delta
        if isHard(rule) { hard += delta * weights[rule] } else { soft += delta * weights[rule] }
    }

    public func isPlaced(_ p: Int) -> Bool { at[p].day >= 0 }

    /// Places part `p` (which must be unplaced) at `pos`.
    public func add(_ p: Int, at pos: Pos) {
        precondition(at[p].day < 0, "part \(p) is already placed")
        at[p] = pos
        link(p, pos, sign: 1)
    }

    /// Takes part `p` (which must be placed) off the programme.
    public func remove(_ p: Int) {
        let pos = at[p]
        precondition(pos.day >= 0, "part \(p) is not placed")
        at[p] = ScoreState.unplacedPos
        link(p, pos, sign: -1)
    }

    /// Moves placed part `p` to `pos`.
    @inline(__always) public func move(_ p: Int, to pos: Pos) {
        remove(p)
        add(p, at: pos)
    }

    /// Asks every rule for its change, then updates the occupancy.
    func link(_ p: Int, _ pos: Pos, sign: Int) {
        let pr = problem
        let si = Int(pr.partSession[p])
        rules.link(self, 0, p, si, pos, placementKey(si, pos), sign: sign)
        if faultyRule >= 0 && sign > 0 { bump(faultyRule, 1) }

        occupy(p, si, pos, sign: sign)
    }

    /// Puts part `p` of session `s` into (sign 1) or takes it out of (sign -1) the occupancy
    /// at `pos`. Kept out of `link`, so the array operations inline here.
    @inline(never) func occupy(_ p: Int, _ si: Int, _ pos: Pos, sign: Int) {
        let pr = problem
        let day = Int(pos.day)
        let days = pr.dayCount
        let p32 = Int32(p)
        @inline(__always) func keep(_ bucket: inout [Int32]) { if sign > 0 { bucket.append(p32) } else { detach(&bucket, p32) } }
        keep(&roomBuckets[Int(pos.room) * days + day])
        if keeps.contains(.people) { for person in pr.sessionPeople[si] { keep(&personBuckets[Int(person) * days + day]) } }
        if keeps.contains(.themes) { for t in pr.sessionThemes[si] { keep(&themeBuckets[Int(t) * days + day]) } }
        if keeps.contains(.tags) { for t in pr.sessionTags[si] { keep(&tagBuckets[Int(t) * days + day]) } }
        if keeps.contains(.mainThemes) { for t in pr.sessionMainThemes[si] { keep(&mainBuckets[Int(t) * days + day]) } }
        if keeps.contains(.groups) {
            for g in pr.sessionNoOverlapGroups[si] { keep(&groupBuckets[Int(g) * days + day]) }
            // A group both no-overlap and compact is already kept above.
            for g in pr.sessionCompactGroups[si] where !pr.groupNoOverlap[Int(g)] { keep(&groupBuckets[Int(g) * days + day]) }
        }
    }

    @inline(__always) func detach(_ bucket: inout [Int32], _ p: Int32) {
        if let i = bucket.firstIndex(of: p) { bucket.swapAt(i, bucket.count - 1); bucket.removeLast() }
    }

    // MARK: Scoring a move without making it

    /// The change in score if placed part `p` moved to `new`, from the same rules as
    /// ``move(_:to:)``, without changing anything (tests hold the two together).
    @inline(__always) public func moveDelta(_ p: Int, to new: Pos) -> Score {
        let s = Int(problem.partSession[p])
        let old = at[p]
        let m = Move(p: p, s: s, old: old, new: new, oldKey: placementKey(s, old), newKey: placementKey(s, new))
        var h = 0, so = 0
        rules.delta(self, 0, m, &h, &so)
        return Score(hard: h, soft: so)
    }

    /// Where session `s` at `pos` sits in the placement tables.
    @inline(__always) public func placementKey(_ s: Int, _ pos: Pos) -> PlacementKey {
        let pr = problem
        let r = Int(pos.room)
        let cached = cacheOn && pos.slot >= 0 && pos.end - pos.start == pr.sessionDuration[s] && pr.roomKnown[r] && pr.onGrid(pos)
        guard cached else { return PlacementKey(cached: false, sessionRoom: 0, sessionTime: 0, roomTime: 0) }
        let t = Int(pos.slot)
        return PlacementKey(cached: true, sessionRoom: s * pr.roomCount + r, sessionTime: s * pr.startCount + t,
                            roomTime: (Int(sessionDurationClass[s]) * pr.startCount + t) * pr.roomCount + r)
    }

    /// Precomputes the placement-only rules for every session at every grid start and room,
    /// so the solver reads them from tables (each rule fills its own from its own functions).
    public func enableUnaryCache() {
        guard !cacheOn else { return }
        rules.enableCache(self)
        cacheOn = true
    }

    // MARK: Asking the rules

    /// Whether part `p` at `pos` breaks a hard rule that depends on that placement only
    /// (the solver's domains leave such places out).
    public func breaksPlacementOnlyHardRule(_ p: Int, at pos: Pos) -> Bool {
        rules.breaksPlacementOnlyHardRule(self, 0, p, pos)
    }

    /// Each rule's units for part `p` at `pos` when the rule depends on that placement only
    /// (nil for the others), catalogue order.
    public func placementUnits(_ p: Int, at pos: Pos) -> [Int?] {
        var out: [Int?] = []
        rules.placementUnits(self, p, pos, &out)
        return out
    }

    /// The weighted penalty of the placement-only rules for part `p` at `pos` (what placing
    /// it there costs whatever else is placed).
    @inline(__always) public func placementPenalty(_ p: Int, at pos: Pos) -> Score {
        var h = 0, so = 0
        rules.placementPenalty(self, 0, p, pos, &h, &so)
        return Score(hard: h, soft: so)
    }

    /// Per rule (catalogue order), for a state holding only the parts that cannot move: the
    /// rule's own lower bound over every placement of the others (see
    /// ``Rule/unavoidableUnits(_:canMove:)``), nil where it has none.
    public func unavoidableUnits(canMove: [Bool]) -> [Int?] {
        var out: [Int?] = []
        rules.unavoidableUnits(self, canMove: canMove, &out)
        return out
    }

    /// Per rule (catalogue order): whether placing a part never lowers its count (see
    /// ``Rule/placingNeverLowers``).
    public static let placingNeverLowers: [Bool] = {
        var out: [Bool] = []
        Catalogue.placingNeverLowers(&out)
        return out
    }()

    /// Whether part `p` at `pos` would break no hard rule against the other placements: no
    /// hard rule's count is higher with `p` there than with `p` unplaced. Leaves the state as
    /// it was (it places `p` there and back).
    public func fitsHard(_ p: Int, _ pos: Pos) -> Bool {
        let home = at[p]
        if home.day >= 0 { remove(p) }
        let before = units
        add(p, at: pos)
        var fits = true
        for i in 0..<ruleCount where ruleOn[i] && ruleHard[i] && unitCounts[i] > before[i] { fits = false }
        remove(p)
        if home.day >= 0 { add(p, at: home) }
        return fits
    }

    /// In organisers' words, why part `p` cannot be placed when `rule` blocks it, given the
    /// places it may take.
    public func unplacedReason(_ p: Int, blockedBy rule: RuleID, domain: [Pos]) -> String {
        rules.unplacedReason(self, 0, rule: rule.index, p, domain: domain) ?? ""
    }

    /// Shortages in the frame that make a hard rule impossible to keep, rule by rule.
    public func shortages() -> [String] {
        var out: [String] = []
        rules.shortages(self, 0, GridCapacity(problem), &out)
        return out
    }

    // MARK: Queries the rules share

    /// The occupancy indices keyed by a theme or a group.
    public enum KeyedOccupancy { case themes, mainThemes, groups }

    /// Parts of sessions other than `s` that overlap `pos` in the `index` buckets of `keys`
    /// on its day, each counted once: under the first of `keys` its own session's keys
    /// (`keysOf`, ascending like `keys`) hold. The pair rules on themes and groups count this.
    @inline(__always) public func overlapsOnce(_ index: KeyedOccupancy, _ keys: [Int32], of s: Int, at pos: Pos,
                                               sharing keysOf: [[Int32]]) -> Int {
        let pr = problem
        let days = pr.dayCount, day = Int(pos.day)
        var n = 0
        for i in keys.indices {
            let k = Int(keys[i]) * days + day
            let bucket: [Int32]
            switch index {
            case .themes: bucket = themeBuckets[k]
            case .mainThemes: bucket = mainBuckets[k]
            case .groups: bucket = groupBuckets[k]
            }
            n += bucket.withUnsafeBufferPointer { bucket in
                var found = 0
                for q in bucket where at[Int(q)].overlaps(pos) {
                    let qs = Int(pr.partSession[Int(q)])
                    if qs != s && (i == 0 || !sharesEarlier(keys, i, keysOf[qs])) { found += 1 }
                }
                return found
            }
        }
        return n
    }

    /// Whether `other` holds one of `mine[0..<i]` (both ascending): a pair sharing several
    /// themes or groups is counted at the first.
    @inline(__always) public func sharesEarlier(_ mine: [Int32], _ i: Int, _ other: [Int32]) -> Bool {
        for j in 0..<i where other.contains(mine[j]) { return true }
        return false
    }

    /// Earliest start and latest end of session `s` (as cross-day keys), nil when unplaced;
    /// `p` counts as at `pos` when given.
    @inline(__always) public func span(ofSession s: Int, part p: Int = -1, at pos: Pos = ScoreState.unplacedPos) -> (start: Int, end: Int)? {
        let pr = problem
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        var lo = Int.max, hi = Int.min
        for i in first..<(first + count) {
            let q = i == p ? pos : at[i]
            guard q.day >= 0 else { continue }
            lo = min(lo, pr.timeKey(day: q.day, minute: q.start))
            hi = max(hi, pr.timeKey(day: q.day, minute: q.end))
        }
        return lo == Int.max ? nil : (lo, hi)
    }

    // MARK: Checking mode

    /// Makes `rule`'s counter wrong by one on every placement, so a test can see the checking
    /// mode catch a drift. Never used outside that test.
    public func injectFault(_ rule: RuleID) { faultyRule = rule.index }

    /// Recounts every rule from scratch (its plain count) for the current placements and
    /// returns each difference from the incremental counters (empty when they agree).
    public func recountMismatch() -> [RuleMismatch] {
        var fresh: [Int] = []
        Catalogue.recount(problem, at, &fresh)
        var out: [RuleMismatch] = []
        var h = 0, s = 0
        for (i, rule) in RuleID.allCases.enumerated() where ruleOn[i] {
            if fresh[i] != unitCounts[i] { out.append(RuleMismatch(rule: rule, incremental: unitCounts[i], recount: fresh[i])) }
            if ruleHard[i] { h += fresh[i] * ruleWeight[i] } else { s += fresh[i] * ruleWeight[i] }
        }
        if out.isEmpty && (h != hard || s != soft) {
            out.append(RuleMismatch(rule: nil, incremental: hard * 1_000_000 + soft, recount: h * 1_000_000 + s))
        }
        return out
    }
}

/// A rule whose incremental counter differs from its plain recount (nil rule: the totals).
public struct RuleMismatch: Hashable, Sendable, CustomStringConvertible {
    public var rule: RuleID?
    public var incremental: Int
    public var recount: Int
    public init(rule: RuleID?, incremental: Int, recount: Int) {
        self.rule = rule
        self.incremental = incremental
        self.recount = recount
    }
    public var description: String { "\(rule?.rawValue ?? "score"): incremental \(incremental), recount \(recount)" }
}

import ForumModel

extension RuleID {
    /// Position in the catalogue (``RuleID/allCases``), for per-rule arrays.
    @inline(__always) public var index: Int { RuleID.indexTable[self]! }
    static let indexTable: [RuleID: Int] = Dictionary(uniqueKeysWithValues: RuleID.allCases.enumerated().map { ($1, $0) })
}

// Rule indices as constants for the hot paths (catalogue order).
let rRoomConflict = 0, rPersonConflict = 1, rGroupConflict = 2, rOutsideGrid = 3, rRoomUnavailable = 4
let rLongerThanPlacement = 5, rRoomTooSmall = 6, rEquipmentMissing = 7, rPersonUnavailable = 8
let rSessionUnavailable = 9, rUnplaced = 10, rThemeParallel = 11, rThemeMainClash = 12, rRoomSizeFit = 13
let rPreferenceMissed = 14, rOrderMissed = 15, rDayBalance = 16, rSeriesSpread = 17, rSeriesRoomChange = 18
let rGroupIsolated = 19, rMovedFromPublished = 20

/// The score of a programme kept up to date placement by placement: every rule of the
/// catalogue keeps its own counters, updated by ``add(_:at:)`` and ``remove(_:)``. The
/// validator adds every placement and lists the violations; the solver moves parts and
/// reads the change in ``score``; ``recountMismatch()`` recomputes everything from scratch
/// and compares (the checking mode, Timefold's FULL_ASSERT).
///
/// Units per rule follow the catalogue's definitions (see `Catalogue.swift`); the score is
/// units × weight, summed into hard and soft by the programme's rule settings.
public final class ScoreState {
    public let problem: Problem
    /// Whether each rule (catalogue order) is counted: enabled with a non-zero weight.
    public let ruleOn: [Bool]
    public let ruleHard: [Bool]
    public let ruleWeight: [Int]
    // Stored state skips Swift's dynamic exclusivity checks: one thread owns a ScoreState and
    // no access overlaps another, and the checks took a third of the solver's time.

    /// Units of violation per rule, catalogue order.
    @exclusivity(unchecked) public private(set) var units: [Int]
    /// Weighted hard and soft penalties.
    @exclusivity(unchecked) public private(set) var hard = 0
    @exclusivity(unchecked) public private(set) var soft = 0

    /// The position of each part; `Pos.day == -1` when unplaced.
    @exclusivity(unchecked) public private(set) var at: [Pos]

    @exclusivity(unchecked) package var roomBuckets: [[Int32]]
    @exclusivity(unchecked) package var personBuckets: [[Int32]]
    @exclusivity(unchecked) var themeBuckets: [[Int32]]
    @exclusivity(unchecked) var mainBuckets: [[Int32]]
    @exclusivity(unchecked) package var groupBuckets: [[Int32]]
    @exclusivity(unchecked) var compactAdjacent: [Int32]
    @exclusivity(unchecked) var seriesSpreadUnits: [Int32]
    @exclusivity(unchecked) var seriesRoomUnits: [Int32]
    @exclusivity(unchecked) var orderViolated: [Bool]
    @exclusivity(unchecked) var balanceOnDay: [Int32]
    @exclusivity(unchecked) var balancePlaced = 0
    @exclusivity(unchecked) var balanceUnits = 0

    let usePeople: Bool, useThemes: Bool, useMain: Bool, useGroups: Bool, useCompact: Bool
    let useSeries: Bool, useOrder: Bool, useBalance: Bool

    // Unary caches for positions on the grid (see `enableUnaryCache`).
    @exclusivity(unchecked) var cacheOn = false
    @exclusivity(unchecked) var cacheRoom: [Int32] = []       // (session, room) -> 4 values
    @exclusivity(unchecked) var cacheTime: [Int32] = []       // (session, start) -> 4 values
    @exclusivity(unchecked) var cacheRoomFree: [UInt8] = []   // (duration class, start, room) -> room-unavailable units
    @exclusivity(unchecked) var sessionDurationClass: [Int32] = []

    public static let unplacedPos = Pos(day: -1, start: 0, end: 0, room: -1, slot: -1)

    public init(problem: Problem) {
        self.problem = problem
        let book = problem.book
        ruleOn = RuleID.allCases.map { book.isEnabled($0) }
        ruleHard = RuleID.allCases.map { book[$0].hard }
        ruleWeight = RuleID.allCases.map { book[$0].weight }
        units = Array(repeating: 0, count: RuleID.allCases.count)
        at = Array(repeating: ScoreState.unplacedPos, count: problem.partCount)
        let days = problem.dayCount
        roomBuckets = Array(repeating: [], count: problem.roomCount * days)
        usePeople = ruleOn[rPersonConflict]
        useThemes = ruleOn[rThemeParallel] || ruleOn[rThemeMainClash]
        useMain = ruleOn[rThemeMainClash]
        useGroups = ruleOn[rGroupConflict] || ruleOn[rGroupIsolated]
        useCompact = ruleOn[rGroupIsolated]
        useSeries = ruleOn[rSeriesSpread] || ruleOn[rSeriesRoomChange]
        useOrder = ruleOn[rOrderMissed]
        useBalance = ruleOn[rDayBalance] && problem.gridDayCount > 0
        personBuckets = Array(repeating: [], count: usePeople ? problem.personCount * days : 0)
        themeBuckets = Array(repeating: [], count: useThemes ? problem.themeCount * days : 0)
        mainBuckets = Array(repeating: [], count: useMain ? problem.themeCount * days : 0)
        groupBuckets = Array(repeating: [], count: useGroups ? problem.groupCount * days : 0)
        compactAdjacent = Array(repeating: 0, count: problem.compactSlots)
        seriesSpreadUnits = Array(repeating: 0, count: problem.sessionCount)
        seriesRoomUnits = Array(repeating: 0, count: problem.sessionCount)
        orderViolated = Array(repeating: false, count: problem.orderPairs.count)
        balanceOnDay = Array(repeating: 0, count: days)
        // Every part starts unplaced.
        bump(rUnplaced, problem.partCount)
    }

    /// The weighted score: hard penalties first.
    public var score: Score { Score(hard: hard, soft: soft) }

    @inline(__always) func bump(_ rule: Int, _ delta: Int) {
        if delta == 0 || !ruleOn[rule] { return }
        units[rule] += delta
        if ruleHard[rule] { hard += delta * ruleWeight[rule] } else { soft += delta * ruleWeight[rule] }
    }

    public func isPlaced(_ p: Int) -> Bool { at[p].day >= 0 }

    /// Places part `p` (which must be unplaced) at `pos`.
    public func add(_ p: Int, at pos: Pos) {
        precondition(at[p].day < 0, "part \(p) is already placed")
        at[p] = pos
        bump(rUnplaced, -1)
        link(p, pos, sign: 1)
    }

    /// Takes part `p` (which must be placed) off the programme.
    public func remove(_ p: Int) {
        let pos = at[p]
        precondition(pos.day >= 0, "part \(p) is not placed")
        at[p] = ScoreState.unplacedPos
        link(p, pos, sign: -1)
        bump(rUnplaced, 1)
    }

    /// Moves placed part `p` to `pos`.
    @inline(__always) public func move(_ p: Int, to pos: Pos) {
        remove(p)
        add(p, at: pos)
    }

    // MARK: The rules

    /// Adds (sign 1) or takes away (sign -1) every rule's counters for part `p` at `pos`.
    /// `at` already holds the state after the change (on removal `p` is unplaced there).
    /// The pair counts skip `p` itself, so they read the same whether `p` is in the buckets.
    func link(_ p: Int, _ pos: Pos, sign: Int) {
        let pr = problem
        let si = Int(pr.partSession[p])
        let day = Int(pos.day)
        let days = pr.dayCount
        let p32 = Int32(p)

        unary(p, pos, sign: sign)
        if ruleOn[rRoomConflict] { bump(rRoomConflict, sign * roomPairs(p, pos)) }
        if usePeople { bump(rPersonConflict, sign * personPairs(p, si, pos)) }
        if useThemes {
            let (parallel, clash) = themePairs(p, si, pos)
            bump(rThemeParallel, sign * parallel)
            bump(rThemeMainClash, sign * clash)
        }
        if ruleOn[rGroupConflict] { bump(rGroupConflict, sign * groupPairs(p, si, pos)) }
        if useCompact && !pr.sessionCompactGroups[si].isEmpty { bump(rGroupIsolated, compactLink(p, si, pos, sign: sign)) }

        // The buckets.
        func keep(_ bucket: inout [Int32]) { if sign > 0 { bucket.append(p32) } else { detach(&bucket, p32) } }
        keep(&roomBuckets[Int(pos.room) * days + day])
        if usePeople { for person in pr.sessionPeople[si] { keep(&personBuckets[Int(person) * days + day]) } }
        if useThemes {
            for t in pr.sessionThemes[si] { keep(&themeBuckets[Int(t) * days + day]) }
            if useMain { for t in pr.sessionMainThemes[si] { keep(&mainBuckets[Int(t) * days + day]) } }
        }
        if useGroups {
            for g in pr.sessionNoOverlapGroups[si] { keep(&groupBuckets[Int(g) * days + day]) }
            // A group both no-overlap and compact is already kept above.
            for g in pr.sessionCompactGroups[si] where !pr.groupNoOverlap[Int(g)] { keep(&groupBuckets[Int(g) * days + day]) }
        }

        // Series: spread over days and one room.
        if useSeries && (pr.sessionPartCount[si] > 1 || pr.sessionMinDays[si] > 1) {
            let (spread, rooms) = seriesUnits(si)
            bump(rSeriesSpread, Int(spread - seriesSpreadUnits[si]))
            bump(rSeriesRoomChange, Int(rooms - seriesRoomUnits[si]))
            seriesSpreadUnits[si] = spread
            seriesRoomUnits[si] = rooms
        }

        // order-missed: recheck every pair this session is in.
        if useOrder {
            for pair in pr.sessionOrderPairs[si] {
                let now = orderBroken(Int(pair))
                if now != orderViolated[Int(pair)] {
                    bump(rOrderMissed, now ? 1 : -1)
                    orderViolated[Int(pair)] = now
                }
            }
        }

        // day-balance.
        if useBalance && pr.sessionBalanced[si] {
            balancePlaced += sign
            if pr.dayHasGrid[day] { balanceOnDay[day] += Int32(sign) }
            let now = balanceTotal()
            bump(rDayBalance, now - balanceUnits)
            balanceUnits = now
        }
    }

    // MARK: Each pair rule once: the pairs part `p` at `pos` makes with the others

    /// room-conflict: parts overlapping `pos` in its room.
    @inline(__always) func roomPairs(_ p: Int, _ pos: Pos) -> Int {
        var n = 0
        roomBuckets[Int(pos.room) * problem.dayCount + Int(pos.day)].withUnsafeBufferPointer { bucket in
            for q in bucket where Int(q) != p && at[Int(q)].overlaps(pos) { n += 1 }
        }
        return n
    }

    /// person-conflict: per person of session `s`, parts of other sessions overlapping `pos`.
    @inline(__always) func personPairs(_ p: Int, _ s: Int, _ pos: Pos) -> Int {
        let pr = problem
        var n = 0
        let base = Int(pos.day)
        for person in pr.sessionPeople[s] {
            personBuckets[Int(person) * pr.dayCount + base].withUnsafeBufferPointer { bucket in
                for q in bucket where at[Int(q)].overlaps(pos) && Int(pr.partSession[Int(q)]) != s { n += 1 }
            }
        }
        return n
    }

    /// theme-parallel: overlapping parts of other sessions sharing a non-cross-cutting theme,
    /// counted in the bucket of the first theme they share (so once per pair); and
    /// theme-main-clash: this part against main sessions of its themes, and (for a main
    /// session) the parts of its theme against it.
    @inline(__always) func themePairs(_ p: Int, _ s: Int, _ pos: Pos) -> (Int, Int) {
        let pr = problem
        let themes = pr.sessionThemes[s]
        let days = pr.dayCount, day = Int(pos.day)
        var n = 0, clash = 0
        let parallelOn = ruleOn[rThemeParallel]
        for i in themes.indices {
            let k = Int(themes[i]) * days + day
            if parallelOn {
                themeBuckets[k].withUnsafeBufferPointer { bucket in
                    for q in bucket where at[Int(q)].overlaps(pos) {
                        let qs = Int(pr.partSession[Int(q)])
                        if qs != s && (i == 0 || !sharesEarlier(themes, i, pr.sessionThemes[qs])) { n += 1 }
                    }
                }
            }
            // A main session of several of this session's themes counts once, at the first.
            if useMain {
                mainBuckets[k].withUnsafeBufferPointer { bucket in
                    for m in bucket where at[Int(m)].overlaps(pos) {
                        let ms = Int(pr.partSession[Int(m)])
                        if ms != s && (i == 0 || !sharesEarlier(themes, i, pr.sessionMainThemes[ms])) { clash += 1 }
                    }
                }
            }
        }
        if useMain {
            let mains = pr.sessionMainThemes[s]
            for j in mains.indices {
                themeBuckets[Int(mains[j]) * days + day].withUnsafeBufferPointer { bucket in
                    for q in bucket where at[Int(q)].overlaps(pos) {
                        let qs = Int(pr.partSession[Int(q)])
                        if qs != s && (j == 0 || !sharesEarlier(mains, j, pr.sessionThemes[qs])) { clash += 1 }
                    }
                }
            }
        }
        return (n, clash)
    }

    /// group-conflict: other parts of the series overlapping `pos`, and overlapping parts of
    /// other sessions sharing a no-overlap group (in the bucket of the first shared group).
    @inline(__always) func groupPairs(_ p: Int, _ s: Int, _ pos: Pos) -> Int {
        let pr = problem
        var n = 0
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        if count > 1 {
            for q in first..<(first + count) where q != p && at[q].overlaps(pos) { n += 1 }
        }
        guard useGroups else { return n }
        let groups = pr.sessionNoOverlapGroups[s]
        let days = pr.dayCount, day = Int(pos.day)
        for i in groups.indices {
            groupBuckets[Int(groups[i]) * days + day].withUnsafeBufferPointer { bucket in
                for q in bucket where at[Int(q)].overlaps(pos) {
                    let qs = Int(pr.partSession[Int(q)])
                    if qs != s && (i == 0 || !sharesEarlier(groups, i, pr.sessionNoOverlapGroups[qs])) { n += 1 }
                }
            }
        }
        return n
    }

    @inline(__always) static func adjacent(_ a: Pos, _ b: Pos) -> Bool {
        a.day == b.day && (a.end == b.start || a.start == b.end)
    }

    /// group-isolated: updates the adjacency counters of `p` at `pos` and its neighbours in
    /// each compact group of session `s`, and returns the change in isolated parts.
    func compactLink(_ p: Int, _ s: Int, _ pos: Pos, sign: Int) -> Int {
        let pr = problem
        let base = Int(pr.partCompactBase[p])
        let days = pr.dayCount
        var isolated = 0
        for (i, g) in pr.sessionCompactGroups[s].enumerated() {
            var mine: Int32 = 0
            for q in groupBuckets[Int(g) * days + Int(pos.day)] where Int(q) != p && ScoreState.adjacent(at[Int(q)], pos) {
                mine += 1
                let slot = compactSlot(Int(q), g)
                let before = compactAdjacent[slot]
                compactAdjacent[slot] = before + Int32(sign)
                if sign > 0 && before == 0 { isolated -= 1 }        // q was isolated, no longer
                if sign < 0 && before == 1 { isolated += 1 }        // q becomes isolated
            }
            if sign > 0 {
                compactAdjacent[base + i] = mine
                if mine == 0 { isolated += 1 }
            } else {
                if compactAdjacent[base + i] == 0 { isolated -= 1 }
                compactAdjacent[base + i] = 0
            }
        }
        return isolated
    }

    @inline(__always) func compactSlot(_ q: Int, _ g: Int32) -> Int {
        let pr = problem
        return Int(pr.partCompactBase[q]) + pr.sessionCompactGroups[Int(pr.partSession[q])].firstIndex(of: g)!
    }

    // MARK: Scoring a move without making it

    /// The change in score if placed part `p` moved to `new`, computed from the same rule
    /// counts as ``move(_:to:)`` without changing anything (tests hold the two together).
    public func moveDelta(_ p: Int, to new: Pos) -> Score {
        let pr = problem
        let old = at[p]
        let si = Int(pr.partSession[p])
        var hardDelta = 0, softDelta = 0
        @inline(__always) func count(_ rule: Int, _ delta: Int) {
            if delta == 0 || !ruleOn[rule] { return }
            if ruleHard[rule] { hardDelta += delta * ruleWeight[rule] } else { softDelta += delta * ruleWeight[rule] }
        }
        let un = unaryUnits(p, new), uo = unaryUnits(p, old)
        count(rOutsideGrid, Int(un.outsideGrid - uo.outsideGrid))
        count(rRoomUnavailable, Int(un.roomUnavailable - uo.roomUnavailable))
        count(rLongerThanPlacement, Int(un.longerThanPlacement - uo.longerThanPlacement))
        count(rRoomTooSmall, Int(un.roomTooSmall - uo.roomTooSmall))
        count(rEquipmentMissing, Int(un.equipmentMissing - uo.equipmentMissing))
        count(rPersonUnavailable, Int(un.personUnavailable - uo.personUnavailable))
        count(rSessionUnavailable, Int(un.sessionUnavailable - uo.sessionUnavailable))
        count(rRoomSizeFit, Int(un.roomSizeFit - uo.roomSizeFit))
        count(rPreferenceMissed, Int(un.preferenceMissed - uo.preferenceMissed))
        count(rMovedFromPublished, Int(un.movedFromPublished - uo.movedFromPublished))

        if ruleOn[rRoomConflict] { count(rRoomConflict, roomPairs(p, new) - roomPairs(p, old)) }
        if usePeople { count(rPersonConflict, personPairs(p, si, new) - personPairs(p, si, old)) }
        if useThemes {
            let a = themePairs(p, si, new), b = themePairs(p, si, old)
            count(rThemeParallel, a.0 - b.0)
            count(rThemeMainClash, a.1 - b.1)
        }
        if ruleOn[rGroupConflict] { count(rGroupConflict, groupPairs(p, si, new) - groupPairs(p, si, old)) }
        if useCompact && !pr.sessionCompactGroups[si].isEmpty { count(rGroupIsolated, compactPeek(p, si, old, new)) }

        let series = useSeries && (pr.sessionPartCount[si] > 1 || pr.sessionMinDays[si] > 1)
        if series || useOrder {
            at[p] = new
            if series {
                let (spread, rooms) = seriesUnits(si)
                count(rSeriesSpread, Int(spread - seriesSpreadUnits[si]))
                count(rSeriesRoomChange, Int(rooms - seriesRoomUnits[si]))
            }
            if useOrder {
                for pair in pr.sessionOrderPairs[si] {
                    let now = orderBroken(Int(pair))
                    if now != orderViolated[Int(pair)] { count(rOrderMissed, now ? 1 : -1) }
                }
            }
            at[p] = old
        }
        if useBalance && pr.sessionBalanced[si] && old.day != new.day {
            let a = Int(old.day), b = Int(new.day)
            if pr.dayHasGrid[a] { balanceOnDay[a] -= 1 }
            if pr.dayHasGrid[b] { balanceOnDay[b] += 1 }
            count(rDayBalance, balanceTotal() - balanceUnits)
            if pr.dayHasGrid[a] { balanceOnDay[a] += 1 }
            if pr.dayHasGrid[b] { balanceOnDay[b] -= 1 }
        }
        return Score(hard: hardDelta, soft: softDelta)
    }

    /// group-isolated change if `p` moved from `old` to `new`: its neighbours at `old` may
    /// become isolated, those at `new` stop being isolated (unless only `p` at `old` kept
    /// them company), and `p` itself may change.
    func compactPeek(_ p: Int, _ s: Int, _ old: Pos, _ new: Pos) -> Int {
        let pr = problem
        let base = Int(pr.partCompactBase[p])
        let days = pr.dayCount
        var delta = 0
        for (i, g) in pr.sessionCompactGroups[s].enumerated() {
            for q in groupBuckets[Int(g) * days + Int(old.day)] where Int(q) != p && ScoreState.adjacent(at[Int(q)], old) {
                if compactAdjacent[compactSlot(Int(q), g)] == 1 { delta += 1 }
            }
            if compactAdjacent[base + i] == 0 { delta -= 1 }
            var mine = 0
            for q in groupBuckets[Int(g) * days + Int(new.day)] where Int(q) != p && ScoreState.adjacent(at[Int(q)], new) {
                mine += 1
                let after = Int(compactAdjacent[compactSlot(Int(q), g)]) - (ScoreState.adjacent(at[Int(q)], old) ? 1 : 0)
                if after == 0 { delta -= 1 }
            }
            if mine == 0 { delta += 1 }
        }
        return delta
    }

    @inline(__always) func detach(_ bucket: inout [Int32], _ p: Int32) {
        if let i = bucket.firstIndex(of: p) { bucket.swapAt(i, bucket.count - 1); bucket.removeLast() }
    }

    /// Whether `other` holds one of `mine[0..<i]` (both ascending).
    @inline(__always) func sharesEarlier(_ mine: [Int32], _ i: Int, _ other: [Int32]) -> Bool {
        for j in 0..<i where other.contains(mine[j]) { return true }
        return false
    }

    /// series-spread and series-room-change units of session `s` as placed now.
    func seriesUnits(_ s: Int) -> (Int32, Int32) {
        let pr = problem
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        var days = 0, rooms = 0
        for i in first..<(first + count) where at[i].day >= 0 {
            var newDay = true, newRoom = true
            for j in first..<i where at[j].day >= 0 {
                if at[j].day == at[i].day { newDay = false }
                if at[j].room == at[i].room { newRoom = false }
            }
            if newDay { days += 1 }
            if newRoom { rooms += 1 }
        }
        if rooms == 0 { return (0, 0) }
        let minDays = Int(pr.sessionMinDays[s])
        return (Int32(minDays > 1 ? max(0, minDays - days) : 0), Int32(rooms - 1))
    }

    /// Earliest start and latest end of session `s` (as cross-day keys), nil when unplaced.
    func span(ofSession s: Int) -> (start: Int, end: Int)? {
        let pr = problem
        let first = Int(pr.sessionFirstPart[s]), count = Int(pr.sessionPartCount[s])
        var lo = Int.max, hi = Int.min
        for i in first..<(first + count) where at[i].day >= 0 {
            lo = min(lo, pr.timeKey(day: at[i].day, minute: at[i].start))
            hi = max(hi, pr.timeKey(day: at[i].day, minute: at[i].end))
        }
        return lo == Int.max ? nil : (lo, hi)
    }

    func orderBroken(_ pair: Int) -> Bool {
        let (f, a) = problem.orderPairs[pair]
        guard let follower = span(ofSession: Int(f)), let predecessor = span(ofSession: Int(a)) else { return false }
        return follower.start < predecessor.end
    }

    /// The even share per grid day and the day-balance units.
    func balanceShare() -> Int {
        let d = problem.gridDayCount
        return d == 0 ? 0 : (balancePlaced + d - 1) / d
    }

    func balanceTotal() -> Int {
        let share = balanceShare()
        var total = 0
        for d in 0..<problem.dayCount where problem.dayHasGrid[d] { total += max(0, Int(balanceOnDay[d]) - share) }
        return total
    }

    // MARK: Placement-only rules

    /// Units of the rules that depend only on one placement.
    public struct Unary: Hashable, Sendable {
        public var outsideGrid: Int32 = 0, roomUnavailable: Int32 = 0, longerThanPlacement: Int32 = 0
        public var roomTooSmall: Int32 = 0, equipmentMissing: Int32 = 0, personUnavailable: Int32 = 0
        public var sessionUnavailable: Int32 = 0, roomSizeFit: Int32 = 0, preferenceMissed: Int32 = 0
        public var movedFromPublished: Int32 = 0
    }

    @inline(__always) func unary(_ p: Int, _ pos: Pos, sign: Int) {
        let u = unaryUnits(p, pos)
        bump(rOutsideGrid, sign * Int(u.outsideGrid))
        bump(rRoomUnavailable, sign * Int(u.roomUnavailable))
        bump(rLongerThanPlacement, sign * Int(u.longerThanPlacement))
        bump(rRoomTooSmall, sign * Int(u.roomTooSmall))
        bump(rEquipmentMissing, sign * Int(u.equipmentMissing))
        bump(rPersonUnavailable, sign * Int(u.personUnavailable))
        bump(rSessionUnavailable, sign * Int(u.sessionUnavailable))
        bump(rRoomSizeFit, sign * Int(u.roomSizeFit))
        bump(rPreferenceMissed, sign * Int(u.preferenceMissed))
        bump(rMovedFromPublished, sign * Int(u.movedFromPublished))
    }

    /// The placement-only units of part `p` at `pos` (from the caches when they hold it).
    public func unaryUnits(_ p: Int, _ pos: Pos) -> Unary {
        let pr = problem
        let s = Int(pr.partSession[p])
        var u = Unary()
        let r = Int(pos.room)
        let dur = pr.sessionDuration[s]
        if cacheOn && pos.slot >= 0 && pos.end - pos.start == dur && pr.roomKnown[r] && pr.onGrid(pos) {
            let rb = (s * pr.roomCount + r) * 4
            u.roomTooSmall = cacheRoom[rb]; u.equipmentMissing = cacheRoom[rb + 1]
            u.roomSizeFit = cacheRoom[rb + 2]; u.preferenceMissed = cacheRoom[rb + 3]
            let tb = (s * pr.startCount + Int(pos.slot)) * 4
            u.personUnavailable = cacheTime[tb]; u.sessionUnavailable = cacheTime[tb + 1]
            u.preferenceMissed += cacheTime[tb + 2] + cacheTime[tb + 3]
            u.roomUnavailable = Int32(cacheRoomFree[(Int(sessionDurationClass[s]) * pr.startCount + Int(pos.slot)) * pr.roomCount + r])
        } else {
            let room = roomFactor(s, r)
            u.roomTooSmall = room.tooSmall; u.equipmentMissing = room.equipment
            u.roomSizeFit = room.sizeFit; u.preferenceMissed = room.preferredRoom
            let time = timeFactor(s, day: Int(pos.day), start: Int(pos.start), end: Int(pos.end))
            u.personUnavailable = time.people; u.sessionUnavailable = time.session
            u.preferenceMissed += time.preferredDay + time.preferredTime
            u.roomUnavailable = roomTimeFactor(r, day: Int(pos.day), start: Int(pos.start), end: Int(pos.end))
            u.outsideGrid = pr.onGrid(pos) ? 0 : 1
            u.longerThanPlacement = pos.end - pos.start < dur ? 1 : 0
        }
        if let old = pr.published[p], old.day != pos.day || old.start != pos.start || old.room != pos.room {
            u.movedFromPublished = 1
        }
        return u
    }

    /// room-too-small, equipment-missing, room-size-fit and the room wish of session `s` in room `r`.
    func roomFactor(_ s: Int, _ r: Int) -> (tooSmall: Int32, equipment: Int32, sizeFit: Int32, preferredRoom: Int32) {
        let pr = problem
        let session = pr.programme.sessions[s]
        var out: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
        if !session.preferences.rooms.isEmpty && !session.preferences.rooms.contains(pr.roomIDs[r]) { out.3 = 1 }
        guard pr.roomKnown[r] else { return out }
        let room = pr.programme.rooms[r]
        if let capacity = room.capacity, let audience = session.audience {
            if audience > capacity { out.0 = Int32(audience - capacity) }
            out.2 = Int32((max(0, capacity - 2 * audience) + 9) / 10)
        }
        var missing = Set<String>()
        for item in session.equipment where !room.equipment.contains(item) { missing.insert(item) }
        out.1 = Int32(missing.count)
        return out
    }

    /// person-unavailable, session-unavailable and the day and time wishes of session `s` over a span.
    func timeFactor(_ s: Int, day: Int, start: Int, end: Int) -> (people: Int32, session: Int32, preferredDay: Int32, preferredTime: Int32) {
        let pr = problem
        let session = pr.programme.sessions[s]
        let date = pr.dayDates[day]
        let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
        var people: Int32 = 0
        for person in pr.sessionPeople[s] where pr.programme.people[Int(person)].unavailable.contains(where: { $0.overlaps(day: date, range: range) }) {
            people += 1
        }
        let excluded: Int32 = session.unavailable.contains { $0.overlaps(day: date, range: range) } ? 1 : 0
        let prefs = session.preferences
        let dayMissed: Int32 = !prefs.days.isEmpty && !prefs.days.contains(date) ? 1 : 0
        let timeMissed: Int32 = !prefs.times.isEmpty && !prefs.times.contains { $0.contains(range) } ? 1 : 0
        return (people, excluded, dayMissed, timeMissed)
    }

    /// room-unavailable: 1 when room `r` does not exist or is not available for the span.
    func roomTimeFactor(_ r: Int, day: Int, start: Int, end: Int) -> Int32 {
        let pr = problem
        guard pr.roomKnown[r] else { return 1 }
        let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
        return pr.programme.rooms[r].isAvailable(day: pr.dayDates[day], range: range) ? 0 : 1
    }

    /// Precomputes the placement-only rules for every session at every grid start and room,
    /// so the solver reads them from tables (the same functions fill them).
    public func enableUnaryCache() {
        guard !cacheOn else { return }
        let pr = problem
        cacheRoom = Array(repeating: 0, count: pr.sessionCount * pr.roomCount * 4)
        cacheTime = Array(repeating: 0, count: pr.sessionCount * pr.startCount * 4)
        for s in 0..<pr.sessionCount {
            for r in 0..<pr.roomCount {
                let f = roomFactor(s, r), b = (s * pr.roomCount + r) * 4
                cacheRoom[b] = f.tooSmall; cacheRoom[b + 1] = f.equipment; cacheRoom[b + 2] = f.sizeFit; cacheRoom[b + 3] = f.preferredRoom
            }
            let d = Int(pr.sessionDuration[s])
            for t in 0..<pr.startCount {
                let start = Int(pr.startMinute[t])
                let f = timeFactor(s, day: Int(pr.startDay[t]), start: start, end: start + d), b = (s * pr.startCount + t) * 4
                cacheTime[b] = f.people; cacheTime[b + 1] = f.session; cacheTime[b + 2] = f.preferredDay; cacheTime[b + 3] = f.preferredTime
            }
        }
        var classes: [Int32: Int32] = [:]
        var durations: [Int32] = []
        sessionDurationClass = pr.sessionDuration.map { d in
            if let c = classes[d] { return c }
            classes[d] = Int32(durations.count); durations.append(d); return Int32(durations.count - 1)
        }
        cacheRoomFree = Array(repeating: 0, count: durations.count * pr.startCount * pr.roomCount)
        for (c, d) in durations.enumerated() {
            for t in 0..<pr.startCount {
                let start = Int(pr.startMinute[t])
                for r in 0..<pr.roomCount {
                    cacheRoomFree[(c * pr.startCount + t) * pr.roomCount + r] = UInt8(roomTimeFactor(r, day: Int(pr.startDay[t]), start: start, end: start + Int(d)))
                }
            }
        }
        cacheOn = true
    }

    // MARK: Checking mode

    /// Recomputes every rule from scratch for the current placements and returns a
    /// description of each difference from the incremental counters (empty when they agree).
    public func recountMismatch() -> [String] {
        let fresh = ScoreState(problem: problem)
        for p in 0..<problem.partCount where at[p].day >= 0 { fresh.add(p, at: at[p]) }
        var out: [String] = []
        for (i, rule) in RuleID.allCases.enumerated() where fresh.units[i] != units[i] {
            out.append("\(rule.rawValue): incremental \(units[i]), recount \(fresh.units[i])")
        }
        if fresh.hard != hard || fresh.soft != soft { out.append("score: incremental \(score), recount \(fresh.score)") }
        return out
    }
}

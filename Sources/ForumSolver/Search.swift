import Foundation
import ForumModel
import ForumRules

/// One run of the solver: construction, simulated annealing, and the final account.
final class Search {
    let options: SolverOptions
    let input: Programme
    let problem: Problem
    let state: ScoreState
    // Mutable state skips dynamic exclusivity checks (one thread, no overlapping access): see ScoreState.
    @exclusivity(unchecked) var rng: SeededGenerator
    let roomCount: Int
    let dayCount: Int

    /// Parts the search may move, and a flag per part.
    @exclusivity(unchecked) var movable: [Int32] = []
    @exclusivity(unchecked) var isMovable: [Bool]
    /// Per session: the (start, room) codes `start * roomCount + room` it may take.
    @exclusivity(unchecked) var domain: [[Int32]]
    /// Per session: whether its domain was empty of hard-free places (so it is all of the grid).
    @exclusivity(unchecked) var domainRelaxed: [Bool]
    @exclusivity(unchecked) var domainBits: [UInt64]
    let words: Int
    /// Weight of one hard penalty point against soft ones in the search's objective.
    @exclusivity(unchecked) var hardWeight = 1

    let clockStart = DispatchTime.now().uptimeNanoseconds
    @exclusivity(unchecked) var moves = 0, accepted = 0, improvements = 0
    @exclusivity(unchecked) var best: [Pos] = []
    @exclusivity(unchecked) var bestScore = Score(hard: Int.max, soft: Int.max)
    @exclusivity(unchecked) var constructed = Score.zero
    @exclusivity(unchecked) var constructionSeconds = 0.0
    /// No programme in reach scores below this (see LowerBound.swift); reaching it stops the search.
    @exclusivity(unchecked) var bound = Score.zero
    @exclusivity(unchecked) var stopReason = StopReason.maxMoves
    @exclusivity(unchecked) var lastProgress = 0.0
    @exclusivity(unchecked) var feasibleAfterSeconds: Double?
    @exclusivity(unchecked) var feasibleAfterMoves: Int?
    /// What checking mode found, if the score drifted.
    @exclusivity(unchecked) var drift: CheckFailure?

    func noteFeasible() {
        if feasibleAfterSeconds == nil && state.hard == 0 { feasibleAfterSeconds = elapsed; feasibleAfterMoves = moves }
    }

    init(programme: Programme, options: SolverOptions) {
        self.options = options
        self.input = programme
        var working = programme
        for i in working.sessions.indices where !working.sessions[i].pinned {
            if options.fresh {
                working.sessions[i].placements = []
            } else if working.sessions[i].placements.isEmpty, let published = options.published?.session(working.sessions[i].id) {
                // A session the changed programme left unplaced starts where it was published.
                working.sessions[i].placements = Array(published.placements.prefix(working.sessions[i].parts))
            }
        }
        problem = Problem(working, published: options.published)
        state = ScoreState(problem: problem)
        state.enableUnaryCache()
        if let rule = options.injectFault { state.injectFault(rule) }
        rng = SeededGenerator(seed: options.seed)
        roomCount = problem.roomCount
        dayCount = problem.dayCount
        isMovable = Array(repeating: false, count: problem.partCount)
        words = (problem.startCount * problem.roomCount + 63) / 64
        domain = []
        domainRelaxed = []
        domainBits = Array(repeating: 0, count: words * problem.sessionCount)
        buildDomains()
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - clockStart) / 1e9 }

    // MARK: Domains

    /// Each session's domain: the grid places where it breaks no hard rule that depends on
    /// that placement only (the rules say which).
    func buildDomains() {
        let pr = problem
        for s in 0..<pr.sessionCount {
            let dur = pr.sessionDuration[s]
            var codes: [Int32] = [], all: [Int32] = []
            let first = Int(pr.sessionFirstPart[s])
            if pr.sessionPartCount[s] > 0 {
                for t in 0..<pr.startCount where pr.startRun[t] >= dur && pr.dayInProgramme[Int(pr.startDay[t])] {
                    for r in 0..<roomCount where pr.roomKnown[r] {
                        let code = Int32(t * roomCount + r)
                        all.append(code)
                        if !state.breaksPlacementOnlyHardRule(first, at: pr.gridPos(part: first, slot: t, room: r)) { codes.append(code) }
                    }
                }
            }
            domainRelaxed.append(codes.isEmpty && !all.isEmpty)
            if codes.isEmpty { codes = all }
            for c in codes { domainBits[s * words + Int(c) / 64] |= 1 << UInt64(Int(c) % 64) }
            domain.append(codes)
        }
    }

    @inline(__always) func inDomain(_ s: Int, _ code: Int) -> Bool {
        domainBits[s * words + code / 64] & (1 << UInt64(code % 64)) != 0
    }

    @inline(__always) func objective() -> Int { state.hard * hardWeight + state.soft }

    // MARK: The run

    /// Fixed and starting placements, then construction.
    func prepare() {
        let pr = problem
        // Fixed and starting placements.
        var toBuild: [Int] = []
        for p in 0..<pr.partCount {
            let s = Int(pr.partSession[p])
            if let pos = pr.initial[p] {
                if pr.sessionPinned[s] { state.add(p, at: pos); continue }
                isMovable[p] = true
                if pos.slot >= 0 && pr.onGrid(pos) && pr.roomKnown[Int(pos.room)] && pos.end - pos.start == pr.sessionDuration[s] {
                    state.add(p, at: pos)
                    continue
                }
            }
            isMovable[p] = true
            toBuild.append(p)
        }
        for p in 0..<pr.partCount where isMovable[p] && !domain[Int(pr.partSession[p])].isEmpty { movable.append(Int32(p)) }

        construct(toBuild)
        constructed = state.score
        constructionSeconds = elapsed
        noteFeasible()
        snapshotBest()
        // Only a cancelled construction leaves movable parts unplaced; then there is no search.
        movable = movable.filter { state.isPlaced(Int($0)) }
    }

    /// Construction, then annealing to a stop, then the account.
    func run() -> SolveResult {
        prepare()
        bound = lowerBound()
        if options.cancellation?.isCancelled == true { stopReason = .cancelled } else { anneal() }
        restoreBest()
        return finish()
    }

    /// Places `parts` one by one, hardest first, each where it adds least.
    func construct(_ parts: [Int]) {
        let pr = problem
        func difficulty(_ p: Int) -> (Int, Int, Int, Int) {
            let s = Int(pr.partSession[p])
            let ties = pr.sessionPeople[s].count + pr.sessionNoOverlapGroups[s].count + Int(pr.sessionPartCount[s]) - 1
            return (domain[s].count, -ties, -Int(pr.sessionDuration[s]), p)
        }
        let order = parts.filter { !domain[Int(pr.partSession[$0])].isEmpty }.sorted { difficulty($0) < difficulty($1) }
        for (i, p) in order.enumerated() {
            let s = Int(pr.partSession[p])
            let codes = domain[s]
            let n = codes.count
            let offset = rng.int(below: n)
            // Large domains are sampled (a stride through them), so construction stays near-linear.
            let step = n > 1500 ? n / 1000 : 1
            var bestCode = -1
            var bestScore = Score(hard: Int.max, soft: Int.max)
            var k = 0
            while k < n {
                let code = Int(codes[(offset + k) % n])
                state.add(p, at: pr.gridPos(part: p, slot: code / roomCount, room: code % roomCount))
                let score = state.score
                state.remove(p)
                if score < bestScore { bestScore = score; bestCode = code }
                k += step
            }
            state.add(p, at: pr.gridPos(part: p, slot: bestCode / roomCount, room: bestCode % roomCount))
            if i % 64 == 0 && elapsed - lastProgress >= options.progressInterval { report(phase: "construct", current: state.score) }
            if options.cancellation?.isCancelled == true { break }
        }
    }

    // MARK: Simulated annealing

    /// Moves applied in the current trial, to undo it.
    @exclusivity(unchecked) var trail: [(part: Int32, from: Pos)] = []

    @inline(__always) func apply(_ p: Int, _ pos: Pos) {
        trail.append((Int32(p), state.at[p]))
        state.move(p, to: pos)
    }

    @inline(__always) func undo() {
        while let (p, from) = trail.popLast() { state.move(Int(p), to: from) }
    }

    /// What `neighbour` made: nothing; a move not yet made (`pendingPart` to `pendingPos`,
    /// scored with `moveDelta`) after the moves on `trail` (the other half of a swap); or
    /// moves all applied (on `trail`).
    enum Trial { case none, single, applied }
    @exclusivity(unchecked) var pendingPart = 0
    /// Share of moves that keep the time and change only the room.
    /// (On ITC-2007 comp06/comp07 this halves the room changes and lowers the cost.)
    let roomMoveRate = 0.2
    @exclusivity(unchecked) var pendingPos = ScoreState.unplacedPos

    /// One random neighbour: a move (a swap when the place is taken by a part that fits
    /// the mover's place) or a Kempe chain.
    func neighbour(kempe: Bool) -> Trial {
        let pr = problem
        let p = Int(movable[rng.int(below: movable.count)])
        let s = Int(pr.partSession[p])
        let codes = domain[s]
        let old = state.at[p]
        var code = Int(codes[rng.int(below: codes.count)])
        if !kempe && old.slot >= 0 && rng.unit() < roomMoveRate {
            // Another room at the same time (room size, equipment, a series' one room).
            let same = Int(old.slot) * roomCount + rng.int(below: roomCount)
            if inDomain(s, same) { code = same }
        }
        let slot = code / roomCount, room = code % roomCount
        if kempe { return kempeChain(p, toSlot: slot) ? .applied : .none }
        let pos = pr.gridPos(part: p, slot: slot, room: room)
        if pos.day == old.day && pos.start == old.start && pos.room == old.room { return .none }
        // Who sits there now?
        var other = -1
        if old.slot >= 0 {
            let oldCode = Int(old.slot) * roomCount + Int(old.room)
            for q in state.roomBuckets[room * dayCount + Int(pos.day)] {
                let qi = Int(q)
                if state.at[qi].slot == Int32(slot) && isMovable[qi] && state.at[qi].end == pos.end {
                    if inDomain(Int(pr.partSession[qi]), oldCode) { other = qi }
                    break
                }
            }
        }
        // A swap moves the other part first; the mover's own move is scored without making it.
        if other >= 0 { apply(other, pr.gridPos(part: other, slot: Int(old.slot), room: Int(old.room))) }
        pendingPart = p
        pendingPos = pos
        return .single
    }

    /// Kempe chain between the start of `p` and `toSlot`: the parts linked to `p` by a
    /// person, a no-overlap group or a series, alternately at either start, swap starts
    /// (keeping their rooms). Returns false when the chain cannot be built.
    func kempeChain(_ p: Int, toSlot t2: Int) -> Bool {
        let pr = problem
        let from = state.at[p]
        let t1 = Int(from.slot)
        guard t1 >= 0, t1 != t2 else { return false }
        let dur = from.end - from.start
        guard pr.startRun[t2] >= dur, pr.startRun[t1] >= dur else { return false }
        var chain: [Int] = [p]
        var side: [Bool] = [true]     // true: at t1, moves to t2
        var i = 0
        func visit(_ q: Int, atSlot t: Int, sideOfQ: Bool) -> Bool {
            if chain.contains(q) { return true }
            let pos = state.at[q]
            guard pos.slot == Int32(t) else { return true }   // overlapping but not at the same start: left as is
            guard isMovable[q], pos.end - pos.start == dur, chain.count < 24 else { return false }
            let target = sideOfQ ? t2 : t1
            guard inDomain(Int(pr.partSession[q]), target * roomCount + Int(pos.room)) else { return false }
            chain.append(q); side.append(sideOfQ)
            return true
        }
        while i < chain.count {
            let x = chain[i], xs = Int(pr.partSession[x])
            let other = side[i] ? t2 : t1
            let day = Int(pr.startDay[other])
            for person in pr.sessionPeople[xs] where state.keeps.contains(.people) {
                for q in state.personBuckets[Int(person) * dayCount + day] where !visit(Int(q), atSlot: other, sideOfQ: !side[i]) { return false }
            }
            for g in pr.sessionNoOverlapGroups[xs] where state.keeps.contains(.groups) {
                for q in state.groupBuckets[Int(g) * dayCount + day] where !visit(Int(q), atSlot: other, sideOfQ: !side[i]) { return false }
            }
            let first = Int(pr.sessionFirstPart[xs])
            for q in first..<(first + Int(pr.sessionPartCount[xs])) where q != x && state.at[q].day >= 0 {
                if !visit(q, atSlot: other, sideOfQ: !side[i]) { return false }
            }
            i += 1
        }
        for (k, x) in chain.enumerated() {
            apply(x, pr.gridPos(part: x, slot: side[k] ? t2 : t1, room: Int(state.at[x].room)))
        }
        return true
    }

    /// The annealing schedule and where the search is in it (kept between calls of
    /// ``annealSteps(until:)`` so parallel searches can meet at fixed move counts).
    struct Schedule {
        var t0 = 1.0, tEnd = 0.05, temperature = 1.0
        var current = 0
        var bestObjective = 0
        var currentIsBest = true
        var iteration = 0
        /// With a time limit, a first quick cooling over this many moves: an easy programme
        /// reaches its bound there (Athens 2006 in a tenth of a second) instead of at the end
        /// of a minute-long schedule; a hard one loses a few tenths of a second.
        var quickMoves = 0
        var mainStart: Double?
        var finished = false
    }
    @exclusivity(unchecked) var schedule = Schedule()

    func anneal() {
        startAnnealing()
        annealSteps(until: nil)
        endAnnealing()
    }

    /// Samples worsening moves for the temperature and sets the weight of hard penalties.
    func startAnnealing() {
        guard !movable.isEmpty else { stopReason = .nothingToPlace; schedule.finished = true; return }
        let maxSoftWeight = state.ruleOn.indices.filter { state.ruleOn[$0] && !state.ruleHard[$0] && $0 != RuleID.movedFromPublished.index }.map { state.ruleWeight[$0] }.max() ?? 1
        // Sample the size of worsening moves to set the temperature.
        hardWeight = 1_000_000
        var worse: [Int] = []
        // Moves away from a published placement are left out: their weight says "almost never".
        let movedIndex = RuleID.movedFromPublished.index
        for _ in 0..<400 {
            let before = objective(), movedBefore = state.units[movedIndex]
            let trial = neighbour(kempe: false)
            if trial == .none { continue }
            if trial == .single { apply(pendingPart, pendingPos) }
            let delta = objective() - before
            let movedChanged = state.units[movedIndex] != movedBefore
            undo()
            if delta > 0 && delta < hardWeight && !movedChanged { worse.append(delta) }
        }
        worse.sort()
        let typical = worse.isEmpty ? Double(maxSoftWeight) : Double(worse[worse.count / 2])
        schedule.t0 = max(0.5, typical)
        schedule.tEnd = max(0.05, min(0.3, schedule.t0 / 200))
        schedule.temperature = schedule.t0
        let anySoftWeight = state.ruleOn.indices.filter { state.ruleOn[$0] && !state.ruleHard[$0] }.map { state.ruleWeight[$0] }.max() ?? 1
        hardWeight = max(100 * maxSoftWeight, 10 * anySoftWeight, Int(200 * schedule.t0), 1000)
        schedule.current = objective()
        schedule.bestObjective = best.isEmpty ? schedule.current : bestScore.hard * hardWeight + bestScore.soft
        schedule.currentIsBest = true
        schedule.quickMoves = options.maxMoves == nil ? max(200_000, 1_000 * movable.count) : 0
    }

    /// Anneals until `moveLimit` moves (nil: none) or a stop: the time limit, the budget,
    /// the bound, cancellation or a drift (then `schedule.finished`).
    func annealSteps(until moveLimit: Int?) {
        if schedule.finished { return }
        let budget = options.maxMoves
        let limit = options.timeLimit
        let kempeRate = 0.1
        var z = schedule
        defer { schedule = z }
        while true {
            if z.iteration & 255 == 0 {
                let now = elapsed
                if let limit, now >= limit { stopReason = .timeLimit; z.finished = true; break }
                if options.cancellation?.isCancelled == true { stopReason = .cancelled; z.finished = true; break }
                var progress = 0.0
                if let budget { progress = Double(moves) / Double(max(1, budget)) }
                else if moves < z.quickMoves { progress = Double(moves) / Double(z.quickMoves) }
                else if let limit {
                    // The main cooling, from a reheat, over the time that is left.
                    if z.mainStart == nil { z.mainStart = now }
                    progress = (now - z.mainStart!) / max(limit - z.mainStart!, 1e-3)
                }
                z.temperature = z.t0 * pow(z.tEnd / z.t0, min(1, progress))
                if now - lastProgress >= options.progressInterval { report(phase: "search", current: state.score) }
            }
            if let budget, moves >= budget { stopReason = .maxMoves; z.finished = true; break }
            if reachedBound { stopReason = .optimal; z.finished = true; break }
            if let moveLimit, moves >= moveLimit { break }
            z.iteration += 1
            let trial = neighbour(kempe: rng.unit() < kempeRate)
            if trial == .none { continue }
            moves += 1
            let delta: Int
            if trial == .single {
                let d = state.moveDelta(pendingPart, to: pendingPos)
                delta = objective() - z.current + d.hard * hardWeight + d.soft
            } else {
                delta = objective() - z.current
            }
            if delta <= 0 || rng.unit() < exp(-Double(delta) / z.temperature) {
                if delta > 0 && z.currentIsBest {
                    // Leaving a best programme: keep it first (each part moves once per trial).
                    let targets = trail.map { (Int($0.part), state.at[Int($0.part)]) }
                    undo()
                    snapshotBest()
                    for (q, pos) in targets { state.move(q, to: pos) }
                    z.currentIsBest = false
                }
                if trial == .single { state.move(pendingPart, to: pendingPos) }
                trail.removeAll(keepingCapacity: true)
                accepted += 1
                z.current += delta
                if z.current < z.bestObjective {
                    z.bestObjective = z.current
                    z.currentIsBest = true
                    improvements += 1
                    bestScore = state.score
                    noteFeasible()
                }
                if options.checking && !check(expected: z.current) { stopReason = .drift; z.finished = true; break }
            } else {
                undo()
            }
        }
    }

    /// Keeps the best programme and, in checking mode, checks the last state.
    func endAnnealing() {
        if movable.isEmpty { return }
        if schedule.currentIsBest { snapshotBest() }
        // Also where the last check was (or no move was accepted at all).
        if options.checking && drift == nil && !check(expected: objective()) { stopReason = .drift }
    }

    /// Makes `positions` (another search's best programme, which scores `score`) this
    /// search's current and best programme; the schedule goes on from where it is.
    func adopt(_ positions: [Pos]) {
        for p in 0..<problem.partCount where state.at[p] != positions[p] {
            if state.at[p].day >= 0 { state.remove(p) }
            if positions[p].day >= 0 { state.add(p, at: positions[p]) }
        }
        trail.removeAll(keepingCapacity: true)
        snapshotBest()
        schedule.current = objective()
        schedule.bestObjective = schedule.current
        schedule.currentIsBest = true
        noteFeasible()
    }

    /// Checking mode: every rule's counter against its plain recount, and the objective the
    /// moves' deltas added up to against the score. Records the first drift.
    func check(expected: Int) -> Bool {
        var mismatch = state.recountMismatch()
        if mismatch.isEmpty && expected != objective() {
            mismatch.append(RuleMismatch(rule: nil, incremental: expected, recount: objective()))
        }
        guard !mismatch.isEmpty else { return true }
        drift = CheckFailure(move: moves, mismatches: mismatch)
        return false
    }

    /// Whether the best programme scores the bound, so no programme scores lower.
    var reachedBound: Bool { bestScore.hard <= bound.hard && bestScore.soft <= bound.soft }

    func snapshotBest() {
        best = state.at
        bestScore = state.score
    }

    func restoreBest() {
        guard !best.isEmpty else { return }
        for p in 0..<problem.partCount where state.at[p] != best[p] {
            if state.at[p].day >= 0 { state.remove(p) }
            if best[p].day >= 0 { state.add(p, at: best[p]) }
        }
    }

    func report(phase: String, current: Score) {
        guard let progress = options.progress else { return }
        let now = elapsed
        lastProgress = now
        progress(SolverProgress(elapsed: now, moves: moves, best: bestScore.hard == Int.max ? current : bestScore, current: current,
                                movesPerSecond: now > constructionSeconds ? Double(moves) / (now - constructionSeconds) : 0, phase: phase))
    }
}

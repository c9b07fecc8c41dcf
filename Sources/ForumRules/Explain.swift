import ForumModel

/// Turning the rules' counters into violations an organiser can act on.
extension ScoreState {
    /// Every violation of the current placements, in catalogue order, then by time. The
    /// penalties add up to ``score`` (tests hold the two to each other).
    public func violations() -> [Violation] { report(listing: .max).violations }

    /// The report on the current placements: per rule, the first `limit` violations in full
    /// (by time, then session) and the count and penalty of the rest. Only the listed ones
    /// are worded, so a calendar of thousands of copies of one event (millions of pairs)
    /// costs a count per pair, not a sentence and a suggestion each.
    public func report(listing limit: Int = ValidationReport.listedPerRule) -> ValidationReport {
        report(listing: limit, involving: nil)
    }

    /// The report on the current placements, wording only the violations that involve one of
    /// `sessions` (session indices); the others are counted (in ``ValidationReport/unlisted``),
    /// so the score stays whole. The planning board asks this after a trial move: what the
    /// move would cost the moved session, without wording the whole programme.
    public func report(listing limit: Int = ValidationReport.listedPerRule, involving sessions: Set<Int>?) -> ValidationReport {
        var out = Findings(self, limit: limit)
        out.focus = sessions
        suggestions = [:]
        suggestionTries = 0
        defer { suggestions = [:] }
        rules.violations(self, 0, &out)
        return out.report()
    }

    // MARK: Naming things for people

    public func sessionLabel(_ s: Int) -> String {
        let session = problem.programme.sessions[s]
        return "\(session.id) '\(session.title)'"
    }

    public func partLabel(_ p: Int) -> String {
        let s = Int(problem.partSession[p])
        if problem.sessionPartCount[s] > 1 { return "\(sessionLabel(s)) (part \(problem.partIndex[p] + 1))" }
        return sessionLabel(s)
    }

    public func roomLabel(_ r: Int) -> String {
        guard r >= 0 else { return "no room" }
        guard problem.roomKnown[r] else { return "`\(problem.roomIDs[r])`" }
        let room = problem.rooms[r]
        return room.name == room.id ? room.id : "\(room.name) (\(room.id))"
    }

    public func personLabel(_ person: Int) -> String {
        let who = problem.programme.people[person]
        return who.name == who.id ? who.id : "\(who.name) (\(who.id))"
    }

    public func dayText(_ d: Int32) -> String { problem.dayDates[Int(d)].description }
    public func clock(_ minutes: Int32) -> String { TimeOfDay(minutes: Int(minutes)).description }
    /// "09:30–11:00" for part `p` where it is now.
    public func span(_ p: Int) -> String { "\(clock(at[p].start))–\(clock(at[p].end))" }
    /// "2006-10-31 09:30–11:00" for a position.
    public func when(_ pos: Pos) -> String { "\(dayText(pos.day)) \(clock(pos.start))–\(clock(pos.end))" }

    func dayRanks() -> [Int] {
        let order = (0..<problem.dayCount).sorted { problem.dayDates[$0] < problem.dayDates[$1] }
        var rank = Array(repeating: 0, count: problem.dayCount)
        for (i, d) in order.enumerated() { rank[d] = i }
        return rank
    }

    /// The first id `a` and `b` share (both ascending), the one a pair is listed under.
    public func firstShared(_ a: [Int32], _ b: [Int32]) -> Int32? { a.first { b.contains($0) } }

    /// The placed parts of session `s`.
    public func placedParts(_ s: Int) -> [Int] {
        let first = Int(problem.sessionFirstPart[s])
        return (first..<(first + Int(problem.sessionPartCount[s]))).filter { at[$0].day >= 0 }
    }

    /// Calls `body` with each pair of parts in `bucket` that overlap, once, in time order,
    /// without collecting them (a bucket of thousands of copies has millions of pairs).
    public func forEachOverlappingPair(_ bucket: [Int32], _ body: (Int, Int) -> Void) {
        let sorted = bucket.map(Int.init).sorted { (at[$0].start, at[$0].end, $0) < (at[$1].start, at[$1].end, $1) }
        for i in sorted.indices {
            for j in (i + 1)..<sorted.count {
                if at[sorted[j]].start >= at[sorted[i]].end { break }
                if at[sorted[i]].overlaps(at[sorted[j]]) { body(sorted[i], sorted[j]) }
            }
        }
    }

    /// The time two placed parts share.
    public func overlap(_ a: Int, _ b: Int) -> (Int32, Int32) { (max(at[a].start, at[b].start), min(at[a].end, at[b].end)) }

    /// Of two parts in conflict, the one to move: not a pinned one, else the later one.
    public func mover(_ a: Int, _ b: Int) -> Int {
        let pr = problem
        let pa = pr.sessionPinned[Int(pr.partSession[a])], pb = pr.sessionPinned[Int(pr.partSession[b])]
        if pb && !pa { return a }
        return b
    }

    /// A cheap hint for where part `p` could go without breaking a hard rule against what is
    /// placed now (asking every hard rule): first another room at the same time (when
    /// `sameTime`), else the first free grid start and room.
    public func suggestion(_ p: Int, sameTime: Bool) -> String {
        let key = 2 * p + (sameTime ? 1 : 0)
        if let known = suggestions[key] { return known }
        let found = freshSuggestion(p, sameTime: sameTime)
        suggestions[key] = found
        return found
    }

    private func freshSuggestion(_ p: Int, sameTime: Bool) -> String {
        let pr = problem
        let s = Int(pr.partSession[p])
        let duration = Int32(pr.sessionDuration[s])
        var candidates: [Int] = []
        if sameTime, at[p].slot >= 0 { candidates.append(Int(at[p].slot)) }
        for d in 0..<pr.dayCount { candidates.append(contentsOf: pr.startsOfDay[d].map(Int.init)) }
        var tries = 0
        for t in candidates where pr.startRun[t] >= duration {
            for r in 0..<pr.roomCount where pr.roomKnown[r] {
                tries += 1
                suggestionTries += 1
                if tries > 300 || suggestionTries > ScoreState.suggestionBudget { return "no free room and time found quickly" }
                let pos = pr.gridPos(part: p, slot: t, room: r)
                if pos == at[p] { continue }
                if fitsHard(p, pos) {
                    let same = sameTime && t == Int(at[p].slot)
                    return same ? "\(pr.roomIDs[r]) is free then" : "\(pr.roomIDs[r]) is free on \(dayText(pos.day)) at \(clock(pos.start))"
                }
            }
        }
        return "no room and time is free for it"
    }
}

/// The violations the rules list, collected for one report: each rule emits its own with
/// ``emit(units:parts:pos:room:person:start:end:timed:message:fix:)``. Per rule, the first
/// `limit` (in report order) are kept to be worded; the rest are only counted.
public struct Findings {
    let engine: ScoreState
    let dayOrder: [Int]
    let limit: Int
    /// The rule emitting now (catalogue index).
    var rule = 0
    /// Violations worded so far, per rule, with their report-order key: the time, then the
    /// first session, then the order of emission (so equal times keep the rule's order).
    var listed: [Int: [(key: (Int, Int, Int), violation: Violation)]] = [:]
    var emitted: [Int: (count: Int, penalty: Int)] = [:]
    /// Per rule, once its list was trimmed: the key of the last violation it can list.
    var threshold: [Int: (Int, Int, Int)] = [:]
    /// When set, only violations with a part of one of these sessions are worded.
    var focus: Set<Int>?

    init(_ engine: ScoreState, limit: Int) {
        self.engine = engine
        dayOrder = engine.dayRanks()
        self.limit = max(0, limit)
    }

    /// Records one violation of the current rule: `units` units, the parts involved, where
    /// and when (`pos`, or `start`/`end` within its day), the person, and the words, which
    /// are only worked out while the violation can still be among those the report lists.
    public mutating func emit(units n: Int, parts: [Int], pos: Pos?, room: Int? = nil, person: Int? = nil,
                              start: Int32? = nil, end: Int32? = nil, timed: Bool = true,
                              message: @autoclosure () -> String, fix: @autoclosure () -> String?) {
        let e = engine, pr = e.problem, rule = rule
        guard n > 0, e.ruleOn[rule] else { return }
        let penalty = n * e.ruleWeight[rule]
        let seen = emitted[rule, default: (0, 0)]
        emitted[rule] = (seen.count + 1, seen.penalty + penalty)
        // Per pair of millions in a calendar of copies: a plain loop, no lazy sequence.
        var first = -1
        for part in parts {
            let session = Int(pr.partSession[part])
            if first < 0 || session < first { first = session }
        }
        let key = (pos.map { dayOrder[Int($0.day)] * 2000 + Int(start ?? $0.start) } ?? -1, first, seen.count)
        guard limit > 0 else { return }
        if let focus, !parts.contains(where: { focus.contains(Int(pr.partSession[$0])) }) { return }
        if let worst = threshold[rule], !(key < worst) { return }
        let sessions = Array(Set(parts.map { Int(pr.partSession[$0]) })).sorted()
        let v = Violation(rule: RuleID.allCases[rule], hard: e.ruleHard[rule], penalty: penalty,
                          sessions: sessions.map { pr.programme.sessions[$0].id },
                          room: (room ?? pos.map { Int($0.room) }).flatMap { $0 >= 0 ? pr.roomIDs[$0] : nil },
                          person: person.map { pr.programme.people[$0].id },
                          day: pos.map { pr.dayDates[Int($0.day)] },
                          start: timed ? (start ?? pos?.start).map { TimeOfDay(minutes: Int($0)) } : nil,
                          end: timed ? (end ?? pos?.end).map { TimeOfDay(minutes: Int($0)) } : nil,
                          message: message(), fix: fix())
        listed[rule, default: []].append((key, v))
        if limit <= Int.max / 2, listed[rule]!.count >= 2 * limit {
            // Keep the best `limit`; nothing after the worst of them can be listed any more.
            let best = listed[rule]!.sorted { $0.key < $1.key }.prefix(limit)
            listed[rule] = Array(best)
            threshold[rule] = best.last!.key
        }
    }

    /// The rank of day `d` in date order.
    public func dayRank(_ d: Int) -> Int { dayOrder[d] }

    /// The listed violations in report order (catalogue, time, session), the rest counted per rule.
    func report() -> ValidationReport {
        var violations: [Violation] = [], unlisted: [UnlistedViolations] = []
        for rule in emitted.keys.sorted() {
            let shown = (listed[rule] ?? []).sorted { $0.key < $1.key }.prefix(limit).map(\.violation)
            violations += shown
            let total = emitted[rule]!
            if total.count > shown.count {
                unlisted.append(UnlistedViolations(rule: RuleID.allCases[rule], hard: engine.ruleHard[rule], count: total.count - shown.count,
                                                   penalty: total.penalty - shown.reduce(0) { $0 + $1.penalty }))
            }
        }
        return ValidationReport(violations: violations, unlisted: unlisted)
    }
}

/// How much room and time the frame offers, for the rules' shortage explanations.
public struct GridCapacity {
    public let problem: Problem
    /// Rooms of the frame (not unknown ids that placements name).
    public let knownRooms: [Int]
    /// Days of the event.
    public let programmeDays: Int

    init(_ problem: Problem) {
        self.problem = problem
        knownRooms = (0..<problem.rooms.count).filter { problem.roomKnown[$0] }
        programmeDays = (0..<problem.dayCount).filter { problem.dayInProgramme[$0] }.count
    }

    /// How many sessions of `minutes` fit one after another in room `r` on the grid of day `d`.
    public func roomSlots(room r: Int, day d: Int, minutes: Int32) -> Int {
        let pr = problem
        var count = 0
        var free: Int32 = -1
        for t in pr.startsOfDay[d] {
            let ti = Int(t)
            let start = pr.startMinute[ti]
            guard start >= free, pr.startRun[ti] >= minutes else { continue }
            let range = TimeRange(start: TimeOfDay(minutes: Int(start)), end: TimeOfDay(minutes: Int(start + minutes)))
            guard pr.rooms[r].isAvailable(day: pr.dayDates[d], range: range) else { continue }
            count += 1
            free = start + minutes
        }
        return count
    }

    /// Sessions of `minutes` that fit one after another in `rooms` over all the event's days.
    public func roomSlots(rooms: [Int], minutes: Int32) -> Int {
        var total = 0
        for r in rooms { for d in 0..<problem.dayCount where problem.dayInProgramme[d] { total += roomSlots(room: r, day: d, minutes: minutes) } }
        return total
    }

    /// Minutes of a day's grid (the union of its slots) in which room `r` is available.
    public func gridMinutes(room r: Int, day d: Int) -> Int {
        let slots = problem.programme.days[d].slots.sorted { $0.start < $1.start }
        var total = 0, reach = -1
        for slot in slots {
            let start = max(slot.start.minutes, reach), end = slot.end.minutes
            if end > start {
                let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
                if problem.rooms[r].isAvailable(day: problem.dayDates[d], range: range) { total += end - start }
            }
            reach = max(reach, end)
        }
        return total
    }

    /// Times over the event that do not overlap each other, for the shortest session length:
    /// the most sessions one person or one audience can attend.
    public var disjointTimes: Int {
        let pr = problem
        let shortest = pr.sessionDuration.min() ?? 60
        var total = 0
        for d in 0..<pr.dayCount where pr.dayInProgramme[d] {
            var free: Int32 = -1
            for t in pr.startsOfDay[d] where pr.startMinute[Int(t)] >= free && pr.startRun[Int(t)] >= shortest {
                total += 1
                free = pr.startMinute[Int(t)] + shortest
            }
        }
        return total
    }
}

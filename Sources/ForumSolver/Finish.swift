import Foundation
import ForumModel
import ForumRules

/// The end of a run: taking off what cannot be placed, saying why, and the result.
extension Search {
    func finish() -> SolveResult {
        let pr = problem
        var unplaced: [UnplacedPart] = []
        var explanation: [String] = []
        if hardBesidesUnplaced() > 0 {
            takeOffBlockers()
            reinsertUnplaced()
        }
        for p in 0..<pr.partCount where state.at[p].day < 0 {
            let (rule, reason) = blockingRule(p)
            let s = pr.session(ofPart: p)
            unplaced.append(UnplacedPart(session: s.id, part: Int(pr.partIndex[p]), blockedBy: rule, reason: reason))
        }
        if state.hard > 0 || !unplaced.isEmpty {
            explanation = explainShortage()
            if explanation.isEmpty {
                explanation.append("No programme without a broken hard rule was found in this run; the sessions below are what blocks it. A longer --time-limit may find one.")
            }
            if hardBesidesUnplaced() > 0 {
                explanation.append("Some pinned sessions break hard rules among themselves; the solver never moves pinned sessions.")
            }
        }

        // The programme with the placements found.
        var programme = input
        for (si, session) in programme.sessions.enumerated() {
            let first = Int(pr.sessionFirstPart[si])
            var placements: [Placement] = []
            for p in first..<(first + Int(pr.sessionPartCount[si])) where state.at[p].day >= 0 {
                let k = Int(pr.partIndex[p])
                let placement = pr.placement(state.at[p], part: p)
                if k < session.placements.count, sameSpot(session.placements[k], placement) {
                    placements.append(session.placements[k])
                } else {
                    placements.append(placement)
                }
            }
            programme.sessions[si].placements = placements
        }

        // What moved, against the published programme when given, else the input.
        var moved: [MovedPart] = []
        let reference = options.published ?? input
        for (si, session) in programme.sessions.enumerated() {
            guard let before = reference.session(session.id) else { continue }
            let first = Int(pr.sessionFirstPart[si])
            for p in first..<(first + Int(pr.sessionPartCount[si])) {
                let k = Int(pr.partIndex[p])
                guard k < before.placements.count else { continue }
                let from = before.placements[k]
                let to = state.at[p].day >= 0 ? pr.placement(state.at[p], part: p) : nil
                if to == nil || !sameSpot(from, to!) { moved.append(MovedPart(session: session.id, part: k, from: from, to: to)) }
            }
        }

        var perRule: [RuleScore] = []
        for (i, rule) in RuleID.allCases.enumerated() where state.units[i] > 0 && state.ruleOn[i] {
            perRule.append(RuleScore(rule: rule, hard: state.ruleHard[i], units: state.units[i], penalty: state.units[i] * state.ruleWeight[i]))
        }
        let seconds = elapsed
        let searchSeconds = max(1e-9, seconds - constructionSeconds)
        let stats = SolverStats(seconds: seconds, constructionSeconds: constructionSeconds, moves: moves, accepted: accepted,
                                improvements: improvements, movesPerSecond: Double(moves) / searchSeconds, stopReason: stopReason,
                                constructed: constructed, best: state.score,
                                feasibleAfterSeconds: feasibleAfterSeconds, feasibleAfterMoves: feasibleAfterMoves)
        let onlyUnplaced = state.hard == state.units[RuleID.unplaced.index] * state.ruleWeight[RuleID.unplaced.index]
        return SolveResult(programme: programme, score: state.score, perRule: perRule,
                           feasible: state.hard == 0 || (!state.ruleHard[RuleID.unplaced.index] && onlyUnplaced && unplaced.isEmpty),
                           unplaced: unplaced, explanation: explanation, moved: moved, stats: stats)
    }

    func sameSpot(_ a: Placement, _ b: Placement) -> Bool { a.day == b.day && a.start == b.start && a.room == b.room }

    /// The hard penalty, other than for unplaced parts, that part `p` clears by leaving its place.
    func hardRelief(_ p: Int) -> Int {
        let pos = state.at[p]
        let before = hardBesidesUnplaced()
        state.remove(p)
        let after = hardBesidesUnplaced()
        state.add(p, at: pos)
        return before - after
    }

    func hardBesidesUnplaced() -> Int {
        let u = RuleID.unplaced.index
        return state.hard - (state.ruleOn[u] && state.ruleHard[u] ? state.units[u] * state.ruleWeight[u] : 0)
    }

    /// Takes parts off, the one that clears most hard penalty first, until no hard rule
    /// breaks but `unplaced` (or no movable part helps).
    func takeOffBlockers() {
        let pr = problem
        var candidates = (0..<pr.partCount).filter { isMovable[$0] && state.at[$0].day >= 0 && hardRelief($0) > 0 }
        while hardBesidesUnplaced() > 0 && !candidates.isEmpty {
            var bestPart = -1, bestRelief = 0
            var keep: [Int] = []
            for p in candidates {
                let relief = hardRelief(p)
                if relief > 0 { keep.append(p) }
                if relief > bestRelief { bestRelief = relief; bestPart = p }
            }
            candidates = keep
            guard bestPart >= 0 else { break }
            state.remove(bestPart)
            candidates.removeAll { $0 == bestPart }
        }
    }

    /// Puts back any unplaced part that fits somewhere without a hard penalty.
    func reinsertUnplaced() {
        let pr = problem
        for p in 0..<pr.partCount where isMovable[p] && state.at[p].day < 0 {
            let s = Int(pr.partSession[p])
            let hardBefore = hardBesidesUnplaced()
            var bestCode = -1, bestSoft = Int.max
            for code in domain[s] {
                let c = Int(code)
                state.add(p, at: pr.gridPos(part: p, slot: c / roomCount, room: c % roomCount))
                if hardBesidesUnplaced() == hardBefore && state.soft < bestSoft { bestSoft = state.soft; bestCode = c }
                state.remove(p)
            }
            if bestCode >= 0 { state.add(p, at: pr.gridPos(part: p, slot: bestCode / roomCount, room: bestCode % roomCount)) }
        }
    }

    /// The hard rule that keeps part `p` out, found where it would break the fewest, and why in words.
    func blockingRule(_ p: Int) -> (RuleID, String) {
        let pr = problem
        let s = Int(pr.partSession[p])
        let session = pr.programme.sessions[s]
        if domain[s].isEmpty {
            return (.outsideGrid, "it runs \(session.duration) minutes, but no day has \(session.duration) minutes of back-to-back slots")
        }
        var bestUnits: [Int] = []
        var bestHard = Int.max
        let before = state.units
        var positions = 0
        var busyPeople = Set<Int>()
        for code in domain[s] {
            let c = Int(code)
            let pos = pr.gridPos(part: p, slot: c / roomCount, room: c % roomCount)
            state.add(p, at: pos)
            let hardNow = state.hard
            if hardNow < bestHard {
                bestHard = hardNow
                bestUnits = zip(state.units, before).map { $0 - $1 }
            }
            if state.units[RuleID.personConflict.index] > before[RuleID.personConflict.index] {
                for person in pr.sessionPeople[s] {
                    for q in state.personBuckets[Int(person) * dayCount + Int(pos.day)] where Int(q) != p && state.at[Int(q)].overlaps(pos) {
                        busyPeople.insert(Int(person))
                    }
                }
            }
            state.remove(p)
            positions += 1
        }
        var rule = RuleID.unplaced
        var worst = 0
        for (i, r) in RuleID.allCases.enumerated() where state.ruleHard[i] && state.ruleOn[i] && r != .unplaced {
            if i < bestUnits.count && bestUnits[i] * state.ruleWeight[i] > worst { worst = bestUnits[i] * state.ruleWeight[i]; rule = r }
        }
        let rooms = Set(domain[s].map { Int($0) % roomCount }).count
        let names = busyPeople.sorted().map { pr.programme.people[$0].name }
        let reason: String
        switch rule {
        case .roomConflict:
            reason = "every room it can use (\(rooms) with enough seats and its equipment) is taken at every start that fits it"
        case .personConflict:
            reason = "\(names.isEmpty ? "its people are" : names.joined(separator: ", ") + (names.count == 1 ? " is" : " are")) busy in other sessions whenever a suitable room is free"
        case .groupConflict:
            reason = "another session of its group (or of its series) runs whenever a suitable room is free"
        case .roomTooSmall:
            let largest = pr.programme.rooms.compactMap(\.capacity).max() ?? 0
            reason = "it expects \(session.audience ?? 0) participants; the largest room seats \(largest)"
        case .equipmentMissing:
            reason = "no room has all of \(session.equipment.joined(separator: ", "))"
        case .personUnavailable:
            reason = "one of its people is unavailable whenever a suitable room is free"
        case .sessionUnavailable:
            reason = "it excludes every time at which a suitable room is free"
        case .roomUnavailable:
            reason = "the rooms that suit it are not available at the times it can run"
        default:
            reason = "no room and time keeps every hard rule"
        }
        return (rule, reason)
    }

    // MARK: Organisers' reasons

    /// How many sessions of `minutes` fit one after another in room `r` on the grid of day `d`.
    func roomSlots(room r: Int, day d: Int, minutes: Int32) -> Int {
        let pr = problem
        var count = 0
        var free: Int32 = -1
        for t in pr.startsOfDay[d] {
            let ti = Int(t)
            let start = pr.startMinute[ti]
            guard start >= free, pr.startRun[ti] >= minutes else { continue }
            let range = TimeRange(start: TimeOfDay(minutes: Int(start)), end: TimeOfDay(minutes: Int(start + minutes)))
            guard pr.programme.rooms[r].isAvailable(day: pr.dayDates[d], range: range) else { continue }
            count += 1
            free = start + minutes
        }
        return count
    }

    func roomSlots(rooms: [Int], minutes: Int32) -> Int {
        var total = 0
        for r in rooms { for d in 0..<problem.dayCount where problem.dayInProgramme[d] { total += roomSlots(room: r, day: d, minutes: minutes) } }
        return total
    }

    /// Shortages that make the programme impossible, in organisers' terms.
    func explainShortage() -> [String] {
        let pr = problem
        var lines: [String] = []
        let knownRooms = (0..<pr.programme.rooms.count).filter { pr.roomKnown[$0] }
        let programmeDays = (0..<pr.dayCount).filter { pr.dayInProgramme[$0] }.count

        // Room-slots for each session length.
        let durations = Array(Set(pr.sessionDuration.enumerated().filter { pr.sessionPartCount[$0.offset] > 0 }.map(\.element))).sorted()
        var totalNeed = 0, totalHave = 0
        for d in durations {
            let need = (0..<pr.sessionCount).filter { pr.sessionDuration[$0] == d }.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
            let have = roomSlots(rooms: knownRooms, minutes: d)
            totalNeed += need * Int(d)
            if need > have {
                lines.append("\(need) sessions of \(d) minutes need a room, but \(knownRooms.count) rooms over \(programmeDays) days offer only \(have) room-slots of that length.")
            }
        }
        for r in knownRooms {
            for d in 0..<pr.dayCount where pr.dayInProgramme[d] {
                totalHave += roomSlots(room: r, day: d, minutes: 1) > 0 ? gridMinutes(room: r, day: d) : 0
            }
        }
        if totalNeed > totalHave && lines.isEmpty {
            lines.append("The sessions need \(totalNeed / 60) hours of room time, but the rooms offer only \(totalHave / 60) hours on the grid.")
        }

        // Equipment.
        let tags = Array(Set(pr.programme.sessions.flatMap(\.equipment))).sorted()
        if state.ruleOn[RuleID.equipmentMissing.index] && state.ruleHard[RuleID.equipmentMissing.index] {
            for tag in tags {
                let sessions = (0..<pr.sessionCount).filter { pr.programme.sessions[$0].equipment.contains(tag) }
                let need = sessions.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
                let rooms = knownRooms.filter { pr.programme.rooms[$0].equipment.contains(tag) }
                if rooms.isEmpty {
                    lines.append("\(need) sessions need \(tag), but no room has it.")
                    continue
                }
                let typical = sessions.map { pr.sessionDuration[$0] }.min() ?? 90
                let have = roomSlots(rooms: rooms, minutes: typical)
                if need > have {
                    lines.append("\(need) sessions need \(tag); the only rooms with it (\(rooms.map { pr.roomIDs[$0] }.joined(separator: ", "))) have \(have) room-slots.")
                }
            }
        }

        // Audiences larger than every room.
        if state.ruleOn[RuleID.roomTooSmall.index] && state.ruleHard[RuleID.roomTooSmall.index], let largest = pr.programme.rooms.compactMap(\.capacity).max() {
            for s in pr.programme.sessions where (s.audience ?? 0) > largest {
                lines.append("\(s.id) '\(s.title)' expects \(s.audience!) participants; the largest room seats \(largest).")
            }
        }

        // Sessions too long for the grid.
        for (si, s) in pr.programme.sessions.enumerated() where domain[si].isEmpty && pr.sessionPartCount[si] > 0 {
            lines.append("\(s.id) '\(s.title)' runs \(s.duration) minutes, but no day has that many minutes of back-to-back slots.")
        }

        // People and groups with more sessions than times.
        let maxStarts = (0..<pr.dayCount).filter { pr.dayInProgramme[$0] }.reduce(0) { total, d in
            total + roomSlots(room: -1, day: d)
        }
        if state.ruleOn[RuleID.personConflict.index] && state.ruleHard[RuleID.personConflict.index] {
            var partsOf = Array(repeating: 0, count: pr.personCount)
            for s in 0..<pr.sessionCount { for person in pr.sessionPeople[s] { partsOf[Int(person)] += Int(pr.sessionPartCount[s]) } }
            for (person, n) in partsOf.enumerated() where n > maxStarts {
                lines.append("\(pr.programme.people[person].name) (\(pr.programme.people[person].id)) is in \(n) sessions, but the grid has only \(maxStarts) times that do not overlap.")
            }
        }
        if state.ruleOn[RuleID.groupConflict.index] && state.ruleHard[RuleID.groupConflict.index] {
            for (g, group) in pr.programme.groups.enumerated() where group.noOverlap {
                let n = (0..<pr.sessionCount).filter { pr.sessionNoOverlapGroups[$0].contains(Int32(g)) }.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
                if n > maxStarts {
                    lines.append("Group '\(group.title)' (\(group.id)) has \(n) sessions that must not overlap, but the grid has only \(maxStarts) times that do not overlap.")
                }
            }
        }
        // Sessions that break a placement-only rule wherever they go.
        for (si, s) in pr.programme.sessions.enumerated() where domainRelaxed[si] {
            lines.append("\(s.id) '\(s.title)' has no room and time that suits it (room size, equipment, availability or its people's unavailability).")
        }
        return lines
    }

    /// Minutes of a day's grid (the union of its slots) in which room `r` is available.
    func gridMinutes(room r: Int, day d: Int) -> Int {
        let slots = problem.programme.days[d].slots.sorted { $0.start < $1.start }
        var total = 0, reach = -1
        for slot in slots {
            let start = max(slot.start.minutes, reach), end = slot.end.minutes
            if end > start {
                let range = TimeRange(start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end))
                if problem.programme.rooms[r].isAvailable(day: problem.dayDates[d], range: range) { total += end - start }
            }
            reach = max(reach, end)
        }
        return total
    }

    /// Times on day `d` that do not overlap each other, for the shortest session length.
    func roomSlots(room: Int, day d: Int) -> Int {
        let pr = problem
        let shortest = pr.sessionDuration.min() ?? 60
        var count = 0
        var free: Int32 = -1
        for t in pr.startsOfDay[d] where pr.startMinute[Int(t)] >= free && pr.startRun[Int(t)] >= shortest {
            count += 1
            free = pr.startMinute[Int(t)] + shortest
        }
        return count
    }
}

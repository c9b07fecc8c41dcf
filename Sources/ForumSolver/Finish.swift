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
                                constructed: constructed, best: state.score, lowerBound: bound,
                                feasibleAfterSeconds: feasibleAfterSeconds, feasibleAfterMoves: feasibleAfterMoves)
        let u = Unplaced.index
        let onlyUnplaced = state.hard == state.units[u] * state.ruleWeight[u]
        return SolveResult(programme: programme, score: state.score, perRule: perRule,
                           feasible: state.hard == 0 || (!state.ruleHard[u] && onlyUnplaced && unplaced.isEmpty),
                           unplaced: unplaced, explanation: explanation, moved: moved, stats: stats, drift: drift)
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
        let u = Unplaced.index
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

    /// The hard rule that keeps part `p` out, found where it would break the fewest, and
    /// why in the rule's own words.
    func blockingRule(_ p: Int) -> (RuleID, String) {
        let pr = problem
        let s = Int(pr.partSession[p])
        if domain[s].isEmpty {
            return (.outsideGrid, state.unplacedReason(p, blockedBy: .outsideGrid, domain: []))
        }
        var bestUnits: [Int] = []
        var bestHard = Int.max
        let before = state.units
        var positions: [Pos] = []
        for code in domain[s] {
            let c = Int(code)
            let pos = pr.gridPos(part: p, slot: c / roomCount, room: c % roomCount)
            positions.append(pos)
            state.add(p, at: pos)
            if state.hard < bestHard {
                bestHard = state.hard
                bestUnits = zip(state.units, before).map { $0 - $1 }
            }
            state.remove(p)
        }
        var rule = RuleID.unplaced
        var worst = 0
        for (i, r) in RuleID.allCases.enumerated() where state.ruleHard[i] && state.ruleOn[i] && r != .unplaced {
            if i < bestUnits.count && bestUnits[i] * state.ruleWeight[i] > worst { worst = bestUnits[i] * state.ruleWeight[i]; rule = r }
        }
        return (rule, state.unplacedReason(p, blockedBy: rule, domain: positions))
    }

    // MARK: Organisers' reasons

    /// Shortages that make the programme impossible, in organisers' terms: each hard rule's
    /// own, then sessions that break a placement-only rule wherever they go.
    func explainShortage() -> [String] {
        var lines = state.shortages()
        for (si, s) in problem.programme.sessions.enumerated() where domainRelaxed[si] {
            lines.append("\(s.id) '\(s.title)' has no room and time that suits it (room size, equipment, availability or its people's unavailability).")
        }
        return lines
    }
}

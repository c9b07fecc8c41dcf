import ForumModel
import ForumRules

// # The solver's lower bound: when to stop
//
// No programme the search can reach (every movable part placed somewhere in its domain,
// every other part where it is) scores below
//
//     Σ over rules with a bound of their own (`unavoidableUnits`: theme-parallel's
//         pigeonhole over start instants): that bound
//   + Σ over other rules whose count placing never lowers (clashes, loads, input-fixed
//         counts): their count with only the fixed parts placed
//   + Σ over fixed parts: what the placement-only rules charge where they are
//   + Σ over movable parts: the least the placement-only rules charge anywhere in its domain
//
// taken for hard and soft penalties separately. Other rules (unplaced parts, day balance,
// compact groups, order, series spread) can fall as parts are placed, so they add nothing.
// Reaching the bound in both parts proves the programme optimal (e.g. Athens 2006 with its
// pinned main sessions: 44, all room-size-fit of the pinned sessions); otherwise the gap
// says how far the result may be from the best.

extension Search {
    /// The bound (see the notes above), for the parts in `movable` and the rest where they are now.
    func lowerBound() -> Score {
        let pr = problem
        var canMove = [Bool](repeating: false, count: pr.partCount)
        for p in movable { canMove[Int(p)] = true }
        // Which rules depend on one placement only (they answer for any part and position).
        var placementOnly = [Bool](repeating: false, count: RuleID.allCases.count)
        if pr.partCount > 0 {
            let probe = pr.gridPos(part: 0, slot: 0, room: 0)
            for (i, units) in state.placementUnits(0, at: probe).enumerated() where units != nil { placementOnly[i] = true }
        }
        let fixedOnly = ScoreState(problem: pr)
        var hard = 0, soft = 0
        for p in 0..<pr.partCount where !canMove[p] && state.at[p].day >= 0 {
            fixedOnly.add(p, at: state.at[p])
            let charge = state.placementPenalty(p, at: state.at[p])
            hard += charge.hard
            soft += charge.soft
        }
        let units = fixedOnly.units
        let own = fixedOnly.unavoidableUnits(canMove: canMove)
        for i in units.indices where state.ruleOn[i] && !placementOnly[i] {
            guard let n = own[i] ?? (ScoreState.placingNeverLowers[i] ? units[i] : nil) else { continue }
            if state.ruleHard[i] { hard += n * state.ruleWeight[i] } else { soft += n * state.ruleWeight[i] }
        }
        for p32 in movable {
            let p = Int(p32)
            var leastHard = Int.max, leastSoft = Int.max
            for code in domain[Int(pr.partSession[p])] {
                let c = Int(code)
                let charge = state.placementPenalty(p, at: pr.gridPos(part: p, slot: c / roomCount, room: c % roomCount))
                leastHard = min(leastHard, charge.hard)
                leastSoft = min(leastSoft, charge.soft)
                if leastHard == 0 && leastSoft == 0 { break }
            }
            if leastHard != Int.max { hard += leastHard; soft += leastSoft }
        }
        return Score(hard: hard, soft: soft)
    }
}

import Foundation

// # The 0-1 program behind `forum select`
//
//     maximise   Σ value[i]·x[i]
//     subject to Σ coef[c][i]·x[i] ≤ limit[c]   for every row c
//                x[i] = 1 for forced items, x[i] = 0 for excluded ones, x[i] ∈ {0, 1}
//
// Every cap of a selection is one such row with integer coefficients (a minimum is a
// maximum of the negated count; a share is a row with mixed signs). The search is an exact
// branch and bound:
//
// 1. A first feasible selection by a depth-first dive (best value first), improved by a
//    local search (add one, swap one for one, swap one for two).
// 2. A Lagrangian bound: with multipliers λ ≥ 0 on every row, Σ λ·limit + Σ max(0, value[i]
//    − Σ λ·coef[·][i]) bounds every selection from above; subgradient steps (Polyak's rule,
//    towards the best selection known) lower it. At its best λ it equals the bound of the
//    linear relaxation.
// 3. Reduced-cost fixing: an item whose flip alone would bring the bound below the best
//    selection is fixed.
// 4. Depth-first branch and bound over the remaining items in order of reduced value, the
//    bound kept in O(1) per decision with the root's λ (and re-optimised every few levels),
//    and every row's best reachable activity kept so that a partial selection that can no
//    longer meet a row is cut at once.
//
// Values are integers, so a node whose bound is below best + 1 cannot hold a strictly
// better selection. Without a node budget (or with one it does not reach) the result is
// optimal and `proven` says so; with the budget reached the best selection found is
// returned with the bound, so the gap is known.
//
// Determinism: integer data, a fixed order of every loop, no randomness and no clock in
// the decisions (the optional time limit only stops the search early).

/// One non-zero of a row, seen from its item.
struct ProgramEntry: Hashable, Sendable {
    var row: Int
    var coef: Int64
}

/// The 0-1 program (see the notes at the top of this file).
struct BinaryProgram: Sendable {
    var values: [Int64]
    var forced: [Bool]
    var excluded: [Bool]
    var limits: [Int64]
    /// The rows each item appears in.
    var entries: [[ProgramEntry]]

    var itemCount: Int { values.count }
    var rowCount: Int { limits.count }

    init(itemCount: Int) {
        values = Array(repeating: 0, count: itemCount)
        forced = Array(repeating: false, count: itemCount)
        excluded = Array(repeating: false, count: itemCount)
        limits = []
        entries = Array(repeating: [], count: itemCount)
    }

    /// Adds the row Σ coefs[i]·x[i] ≤ limit and returns its index. The row is divided by the
    /// greatest common divisor of its coefficients (the limit rounded down, which only cuts
    /// off fractional selections): a share row's coefficients are thousands where a cap's
    /// are 1, and rows of one scale keep the subgradient steps of the bound balanced.
    @discardableResult
    mutating func addRow(_ coefs: [(item: Int, coef: Int64)], limit: Int64) -> Int {
        var divisor: Int64 = 0
        for (_, coef) in coefs where coef != 0 { divisor = greatestCommonDivisor(divisor, coef.magnitude) }
        if divisor <= 1 { divisor = 1 }
        let row = limits.count
        limits.append(floorDivision(limit, divisor))
        for (item, coef) in coefs where coef != 0 { entries[item].append(ProgramEntry(row: row, coef: coef / divisor)) }
        return row
    }

    /// Each row's activity for `x`.
    func activity(_ x: [Bool]) -> [Int64] {
        var lhs = Array(repeating: Int64(0), count: rowCount)
        for i in 0..<itemCount where x[i] { for e in entries[i] { lhs[e.row] += e.coef } }
        return lhs
    }

    /// Whether `x` keeps every row, forced and excluded item.
    func isFeasible(_ x: [Bool]) -> Bool {
        for i in 0..<itemCount where (forced[i] && !x[i]) || (excluded[i] && x[i]) { return false }
        let lhs = activity(x)
        return !zip(lhs, limits).contains { $0 > $1 }
    }

    func value(_ x: [Bool]) -> Int64 {
        var total: Int64 = 0
        for i in 0..<itemCount where x[i] { total += values[i] }
        return total
    }
}

private func greatestCommonDivisor(_ a: Int64, _ b: UInt64) -> Int64 {
    var (x, y) = (a.magnitude, b)
    while y != 0 { (x, y) = (y, x % y) }
    return Int64(x)
}

/// ⌊a / b⌋ for b > 0.
private func floorDivision(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && a < 0) ? q - 1 : q
}

/// What the branch and bound found.
struct ProgramSolution: Sendable {
    /// The best selection found (nil: no selection keeps every row).
    var x: [Bool]?
    var value: Int64
    /// An upper bound on every selection's value (the value itself when proven).
    var bound: Double
    /// Whether `x` is optimal (or, with `x` nil, whether no selection exists for certain).
    var proven: Bool
    var nodes: Int
}

/// Branch and bound over a ``BinaryProgram`` (see the notes at the top of this file).
final class ProgramSearch {
    let program: BinaryProgram
    let n: Int
    let m: Int
    let maxNodes: Int?
    let deadline: UInt64?
    var nodes = 0
    var stopped = false
    /// Nodes a first dive may use before it gives up (nil: no dive running).
    var diveLimit: Int?
    var diveStopped = false

    // The best selection found.
    var best: [Bool]?
    var bestValue = Int64.min

    init(_ program: BinaryProgram, maxNodes: Int?, timeLimit: Double?) {
        self.program = program
        n = program.itemCount
        m = program.rowCount
        self.maxNodes = maxNodes
        deadline = timeLimit.map { DispatchTime.now().uptimeNanoseconds + UInt64(max(0, $0) * 1e9) }
    }

    func outOfBudget() -> Bool {
        if stopped { return true }
        if let maxNodes, nodes >= maxNodes { stopped = true }
        if !stopped, let deadline, nodes % 256 == 0, DispatchTime.now().uptimeNanoseconds >= deadline { stopped = true }
        return stopped
    }

    func consider(_ x: [Bool]) {
        let v = program.value(x)
        if best == nil || v > bestValue { best = x; bestValue = v }
    }

    /// The smallest bound that could still hold a strictly better selection.
    var threshold: Double { best == nil ? -Double.infinity : Double(bestValue) + 1 }

    /// Whether a bound leaves no room for a strictly better selection (with a margin for rounding).
    @inline(__always) func prunes(_ bound: Double) -> Bool {
        best != nil && bound + 1e-7 * (1 + abs(bound)) < threshold
    }

    // MARK: Lagrangian bound

    /// Reduced values value[i] − Σ λ·coef for every item.
    func reducedValues(_ lambda: [Double]) -> [Double] {
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var v = Double(program.values[i])
            for e in program.entries[i] where lambda[e.row] != 0 { v -= lambda[e.row] * Double(e.coef) }
            r[i] = v
        }
        return r
    }

    /// The Lagrangian bound with items fixed by `fixed` (1: in, 0: out, -1: free).
    func lagrangian(_ lambda: [Double], _ r: [Double], fixed: [Int8]) -> Double {
        var bound = 0.0
        for c in 0..<m { bound += lambda[c] * Double(program.limits[c]) }
        for i in 0..<n {
            switch fixed[i] {
            case 1: bound += r[i]
            case 0: break
            default: bound += max(0, r[i])
            }
        }
        return bound
    }

    /// Subgradient optimisation of λ for the subproblem `fixed`, from `lambda`. Returns the
    /// best λ met and its bound.
    func optimiseMultipliers(from start: [Double], fixed: [Int8], iterations: Int) -> (lambda: [Double], bound: Double) {
        var lambda = start
        var r = reducedValues(lambda)
        var bestLambda = lambda
        var bestBound = lagrangian(lambda, r, fixed: fixed)
        var current = bestBound
        var theta = 1.0
        var sinceImprovement = 0
        var g = [Double](repeating: 0, count: m)
        for _ in 0..<iterations {
            if prunes(bestBound) { break }
            // The subgradient: limit − activity of the relaxed solution.
            for c in 0..<m { g[c] = Double(program.limits[c]) }
            for i in 0..<n where fixed[i] == 1 || (fixed[i] == -1 && r[i] > 0) {
                for e in program.entries[i] { g[e.row] -= Double(e.coef) }
            }
            var norm = 0.0
            for c in 0..<m {
                if lambda[c] == 0 && g[c] > 0 { g[c] = 0 }
                norm += g[c] * g[c]
            }
            if norm == 0 { break }   // the relaxed solution keeps every row with complementary slackness: optimal λ
            let target = best == nil ? current - 0.05 * abs(current) - 1 : Double(bestValue)
            let step = theta * max(current - target, 1e-9 * (1 + abs(current))) / norm
            for c in 0..<m where g[c] != 0 { lambda[c] = max(0, lambda[c] - step * g[c]) }
            r = reducedValues(lambda)
            current = lagrangian(lambda, r, fixed: fixed)
            if current < bestBound - 1e-9 * (1 + abs(bestBound)) {
                bestBound = current
                bestLambda = lambda
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= 8 { theta /= 2; sinceImprovement = 0 }
                if theta < 1e-6 { break }
            }
        }
        return (bestLambda, bestBound)
    }

    // MARK: Local search

    /// Improves a feasible `x` by adding one item, swapping one for one, or one for two,
    /// while the value rises. Candidates are tried in order of `priority` (higher first).
    func improve(_ start: [Bool], priority: [Double]) -> [Bool] {
        var x = start
        var lhs = program.activity(x)
        let order = (0..<n).sorted { (priority[$0], -$0) > (priority[$1], -$1) }
        var delta = [Int64](repeating: 0, count: m)
        var touched: [Int] = []
        func fits(adding add: [Int], removing remove: [Int]) -> Bool {
            touched.removeAll(keepingCapacity: true)
            for i in add { for e in program.entries[i] { if delta[e.row] == 0 { touched.append(e.row) }; delta[e.row] += e.coef } }
            for i in remove { for e in program.entries[i] { if delta[e.row] == 0 { touched.append(e.row) }; delta[e.row] -= e.coef } }
            var ok = true
            for row in touched {
                if delta[row] > 0 && lhs[row] + delta[row] > program.limits[row] { ok = false }
                delta[row] = 0
            }
            return ok
        }
        func apply(adding add: [Int], removing remove: [Int]) {
            for i in add { x[i] = true; for e in program.entries[i] { lhs[e.row] += e.coef } }
            for i in remove { x[i] = false; for e in program.entries[i] { lhs[e.row] -= e.coef } }
        }
        var improved = true
        var passes = 0
        while improved && passes < 50 {
            improved = false
            passes += 1
            // Add one.
            for i in order where !x[i] && !program.excluded[i] && program.values[i] > 0 {
                if fits(adding: [i], removing: []) { apply(adding: [i], removing: []); improved = true }
            }
            // Swap one in for one out (the lowest value out first).
            let inside = order.reversed().filter { x[$0] && !program.forced[$0] }
            for i in order where !x[i] && !program.excluded[i] {
                for j in inside where x[j] && program.values[i] > program.values[j] {
                    if fits(adding: [i], removing: [j]) { apply(adding: [i], removing: [j]); improved = true; break }
                }
            }
            if improved { continue }
            // Two in for one out.
            let outside = order.filter { !x[$0] && !program.excluded[$0] }.prefix(60)
            search: for j in inside.prefix(60) where x[j] {
                for (a, i1) in outside.enumerated() where !x[i1] {
                    for i2 in outside.dropFirst(a + 1) where !x[i2] && program.values[i1] + program.values[i2] > program.values[j] {
                        if fits(adding: [i1, i2], removing: [j]) {
                            apply(adding: [i1, i2], removing: [j]); improved = true; break search
                        }
                    }
                }
            }
        }
        return x
    }

    // MARK: Greedy construction with repair

    /// A first selection when a dive is trapped: items are added by `priority` while every
    /// row whose coefficients are all ≥ 0 (places, room-slots, caps) stays kept; rows with a
    /// negative coefficient (shares, minimums) may break on the way and are repaired after,
    /// by the add, drop or swap that lowers their total excess most (highest priority in,
    /// lowest out on ties). Returns nil when the repair gets stuck.
    func greedyWithRepair(fixed: [Int8], priority: [Double], maxSteps: Int = 20_000) -> [Bool]? {
        var soft = [Bool](repeating: false, count: m)
        for i in 0..<n { for e in program.entries[i] where e.coef < 0 { soft[e.row] = true } }
        var x = fixed.map { $0 == 1 }
        var lhs = program.activity(x)
        for c in 0..<m where !soft[c] && lhs[c] > program.limits[c] { return nil }
        let free = (0..<n).filter { fixed[$0] == -1 }
        let order = free.sorted { (priority[$0], -$0) > (priority[$1], -$1) }
        /// The hard rows keep after adding `add` and dropping `drop` (either may be -1).
        func hardFits(add: Int, drop: Int) -> Bool {
            guard add >= 0 else { return true }
            for e in program.entries[add] where !soft[e.row] {
                var after = lhs[e.row] + e.coef
                if drop >= 0, let d = program.entries[drop].first(where: { $0.row == e.row }) { after -= d.coef }
                if e.coef > 0 && after > program.limits[e.row] { return false }
            }
            return true
        }
        /// The change in total excess over the soft rows.
        func excessChange(add: Int, drop: Int) -> Int64 {
            var change: Int64 = 0
            var seen: [Int: Int64] = [:]
            if add >= 0 { for e in program.entries[add] where soft[e.row] { seen[e.row, default: 0] += e.coef } }
            if drop >= 0 { for e in program.entries[drop] where soft[e.row] { seen[e.row, default: 0] -= e.coef } }
            for (row, d) in seen {
                let limit = program.limits[row]
                change += max(0, lhs[row] + d - limit) - max(0, lhs[row] - limit)
            }
            return change
        }
        func apply(add: Int, drop: Int) {
            if add >= 0 { x[add] = true; for e in program.entries[add] { lhs[e.row] += e.coef } }
            if drop >= 0 { x[drop] = false; for e in program.entries[drop] { lhs[e.row] -= e.coef } }
        }
        // Greedy: by priority, keeping the hard rows.
        for i in order where !x[i] && program.values[i] > 0 && hardFits(add: i, drop: -1) { apply(add: i, drop: -1) }
        // Repair.
        for _ in 0..<maxSteps {
            var excess: Int64 = 0
            for c in 0..<m where soft[c] { excess += max(0, lhs[c] - program.limits[c]) }
            if excess == 0 { return x }
            // Candidates: items that touch a broken row, in priority order.
            var broken = Set<Int>()
            for c in 0..<m where soft[c] && lhs[c] > program.limits[c] { broken.insert(c) }
            let touching = order.filter { i in program.entries[i].contains { broken.contains($0.row) } }
            let ins = touching.filter { !x[$0] && program.entries[$0].contains { broken.contains($0.row) && $0.coef < 0 } }.prefix(40)
            let outs = touching.reversed().filter { x[$0] && program.entries[$0].contains { broken.contains($0.row) && $0.coef > 0 } }.prefix(40)
            var bestMove: (add: Int, drop: Int)?
            var bestChange: Int64 = 0
            func offer(_ add: Int, _ drop: Int) {
                guard hardFits(add: add, drop: drop) else { return }
                let change = excessChange(add: add, drop: drop)
                if change < bestChange { bestChange = change; bestMove = (add, drop) }
            }
            for i in ins { offer(i, -1) }
            for j in outs { offer(-1, j) }
            for i in ins { for j in outs { offer(i, j) } }
            // A swap may free a hard row for an item that helps: drop the lowest item of a
            // full hard row that blocks the best helper.
            if bestMove == nil, let helper = ins.first {
                for j in order.reversed() where x[j] && fixed[j] == -1 { offer(helper, j) }
            }
            guard let move = bestMove else { return nil }
            apply(add: move.add, drop: move.drop)
        }
        return nil
    }

    // MARK: Depth-first branch and bound

    /// Depth-first search over the free items of `fixed` in `order`, with the bound from
    /// `lambda`. Stops at the first feasible leaf when `firstOnly`.
    func branch(order: [Int], fixed start: [Int8], lambda: [Double], firstOnly: Bool) {
        let r = reducedValues(lambda)
        var fixed = start
        var lhs = Array(repeating: Int64(0), count: m)
        var negFree = Array(repeating: Int64(0), count: m)   // Σ over free items of min(0, coef)
        var base = 0.0                                       // Σ λ·limit + Σ over items in of r
        var value: Int64 = 0
        for c in 0..<m { base += lambda[c] * Double(program.limits[c]) }
        for i in 0..<n {
            switch fixed[i] {
            case 1:
                base += r[i]; value += program.values[i]
                for e in program.entries[i] { lhs[e.row] += e.coef }
            case -1:
                for e in program.entries[i] where e.coef < 0 { negFree[e.row] += e.coef }
            default: break
            }
        }
        var violated = 0
        for c in 0..<m where lhs[c] + negFree[c] > program.limits[c] { violated += 1 }
        if violated > 0 { return }
        let count = order.count
        var suffix = [Double](repeating: 0, count: count + 1)
        for k in stride(from: count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + max(0, r[order[k]]) }

        @inline(__always) func setRow(_ c: Int, _ dLhs: Int64, _ dNeg: Int64) {
            let was = lhs[c] + negFree[c] > program.limits[c]
            lhs[c] += dLhs; negFree[c] += dNeg
            let now = lhs[c] + negFree[c] > program.limits[c]
            if was != now { violated += now ? 1 : -1 }
        }
        func assign(_ i: Int, _ on: Bool) {
            fixed[i] = on ? 1 : 0
            if on { base += r[i]; value += program.values[i] }
            for e in program.entries[i] {
                let neg = e.coef < 0 ? -e.coef : 0
                if on { setRow(e.row, e.coef, neg) } else if neg != 0 { setRow(e.row, 0, neg) }
            }
        }
        func unassign(_ i: Int, _ on: Bool) {
            fixed[i] = -1
            if on { base -= r[i]; value -= program.values[i] }
            for e in program.entries[i] {
                let neg = e.coef < 0 ? -e.coef : 0
                if on { setRow(e.row, -e.coef, -neg) } else if neg != 0 { setRow(e.row, 0, -neg) }
            }
        }

        var tried = [UInt8](repeating: 0, count: count + 1)
        var chosen = [Bool](repeating: false, count: count)
        var k = 0
        while k >= 0 {
            if k == count {
                if violated == 0 && (best == nil || value > bestValue) {
                    best = fixed.map { $0 == 1 }
                    bestValue = value
                    if firstOnly { return }
                }
                k -= 1
                continue
            }
            let i = order[k]
            if tried[k] > 0 { unassign(i, chosen[k]) }
            if tried[k] == 2 { tried[k] = 0; k -= 1; continue }
            if tried[k] == 0 {
                nodes += 1
                if outOfBudget() { return }
                if firstOnly, let diveLimit, nodes >= diveLimit { diveStopped = true; return }
                if prunes(base + suffix[k]) { k -= 1; continue }
                // Every few levels, a bound of its own for this subtree.
                if !firstOnly && k % 24 == 12 && count - k > 24 {
                    let local = optimiseMultipliers(from: lambda, fixed: fixed, iterations: 12)
                    if prunes(local.bound) { k -= 1; continue }
                }
            }
            let preferIn = r[i] > 0
            let on = tried[k] == 0 ? preferIn : !preferIn
            tried[k] += 1
            assign(i, on)
            chosen[k] = on
            if violated > 0 || prunes(base + suffix[k + 1]) { continue }
            k += 1
            tried[k] = 0
        }
    }

    // MARK: The whole search

    func run() -> ProgramSolution {
        var fixed = [Int8](repeating: -1, count: n)
        for i in 0..<n {
            if program.forced[i] { fixed[i] = 1 } else if program.excluded[i] { fixed[i] = 0 }
        }
        let zero = [Double](repeating: 0, count: m)
        // 1. A first selection: dive by value.
        let byValue = (0..<n).filter { fixed[$0] == -1 }.sorted { (program.values[$0], -$0) > (program.values[$1], -$1) }
        let budget = maxNodes ?? Int.max
        diveLimit = min(budget, 200_000)
        branch(order: byValue, fixed: fixed, lambda: zero, firstOnly: true)
        if best == nil && diveStopped && !stopped {
            // Shares and minimums can trap a dive by value: build one greedily and repair it.
            let byValueAll = program.values.map(Double.init)
            if let x = greedyWithRepair(fixed: fixed, priority: byValueAll), program.isFeasible(x) { consider(x) }
        }
        if best == nil && diveStopped && !stopped {
            // Shares and minimums can trap a dive by value: dive again by the values the
            // multipliers of the relaxation give (they price those rows in).
            let priced = optimiseMultipliers(from: zero, fixed: fixed, iterations: 300).lambda
            let r = reducedValues(priced)
            let byPrice = (0..<n).filter { fixed[$0] == -1 }.sorted { (r[$0], -$0) > (r[$1], -$1) }
            diveStopped = false
            diveLimit = budget
            branch(order: byPrice, fixed: fixed, lambda: priced, firstOnly: true)
        }
        diveLimit = nil
        if best == nil && (stopped || diveStopped) {
            return ProgramSolution(x: nil, value: 0, bound: .infinity, proven: false, nodes: nodes)
        }
        if best == nil {
            // The dive is exhaustive when it finds nothing: no selection keeps every row.
            return ProgramSolution(x: nil, value: 0, bound: -.infinity, proven: true, nodes: nodes)
        }
        if let first = best { consider(improve(first, priority: program.values.map(Double.init))) }
        // 2. Multipliers at the root.
        var (lambda, bound) = optimiseMultipliers(from: zero, fixed: fixed, iterations: 300)
        if let current = best { consider(improve(current, priority: reducedValues(lambda))) }
        (lambda, bound) = optimiseMultipliers(from: lambda, fixed: fixed, iterations: 200)
        if prunes(bound) { return ProgramSolution(x: best, value: bestValue, bound: bound, proven: true, nodes: nodes) }
        // 3. Reduced-cost fixing.
        let r = reducedValues(lambda)
        for i in 0..<n where fixed[i] == -1 {
            if r[i] > 0, prunes(bound - r[i]) { fixed[i] = 1 }
            else if r[i] <= 0, prunes(bound + r[i]) { fixed[i] = 0 }
        }
        // 4. Branch and bound, the most decided items (largest |r|) first.
        let order = (0..<n).filter { fixed[$0] == -1 }.sorted { (abs(r[$0]), -$0) > (abs(r[$1]), -$1) }
        branch(order: order, fixed: fixed, lambda: lambda, firstOnly: false)
        let proven = !stopped
        return ProgramSolution(x: best, value: bestValue, bound: proven ? Double(bestValue) : max(bound, Double(bestValue)),
                               proven: proven, nodes: nodes)
    }
}

/// Solves `program` (see the notes at the top of this file).
func solveProgram(_ program: BinaryProgram, maxNodes: Int?, timeLimit: Double?) -> ProgramSolution {
    ProgramSearch(program, maxNodes: maxNodes, timeLimit: timeLimit).run()
}

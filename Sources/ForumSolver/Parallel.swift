import Foundation
import ForumModel
import ForumRules

// # Parallel search (`SolverOptions.threads` > 1)
//
// One search per thread, each with its own copy of the problem and its own score, seeded
// `seed`, `seed + φ`, `seed + 2φ`, … (φ the 64-bit golden ratio), so thread 0 is the
// one-thread search. Each builds its own first programme, then all anneal in rounds of
// `exchangeMoves` moves each; between rounds every search whose best programme scores worse
// than the best of all takes that programme over (ties: the lowest thread) and goes on from
// it at its own temperature. The run ends at the first round in which a search stops (its
// move budget, the time limit, the bound, cancellation, a drift), and the best programme of
// all is the result.
//
// Determinism: rounds end at move counts, never at clock moments, and the exchange looks at
// scores only; with `maxMoves` set the result depends on the input, the seed and `threads`.

/// Runs `searches` in parallel rounds with exchanges (see the notes at the top of this file).
final class ParallelSearch {
    let searches: [Search]
    let exchangeMoves: Int

    init(programme: Programme, options: SolverOptions) {
        let count = max(1, options.threads)
        var built = [Search?](repeating: nil, count: count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: count) { k in
            var own = options
            own.seed = options.seed &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15
            if k > 0 { own.progress = nil }
            let search = Search(programme: programme, options: own)
            lock.lock(); built[k] = search; lock.unlock()
        }
        searches = built.map { $0! }
        exchangeMoves = max(1, options.exchangeMoves)
    }

    /// Calls `body` on every search at once and waits for all.
    func inParallel(_ body: (Search) -> Void) {
        let searches = self.searches
        DispatchQueue.concurrentPerform(iterations: searches.count) { body(searches[$0]) }
    }

    /// The search whose best programme scores lowest (the lowest thread on ties).
    var leader: Search {
        var best = searches[0]
        for s in searches.dropFirst() where s.bestScore < best.bestScore { best = s }
        return best
    }

    func run() -> SolveResult {
        inParallel { $0.prepare() }
        // Every search has the same fixed parts and domains, so the same bound.
        let bound = searches[0].lowerBound()
        for s in searches { s.bound = bound }
        if searches[0].options.cancellation?.isCancelled == true {
            for s in searches { s.stopReason = .cancelled }
        } else {
            inParallel { $0.startAnnealing() }
            var round = 1
            while true {
                let until = round.multipliedReportingOverflow(by: exchangeMoves)
                inParallel { $0.annealSteps(until: until.overflow ? nil : until.partialValue) }
                if searches.contains(where: { $0.schedule.finished }) { break }
                exchange()
                round += 1
            }
            inParallel { $0.endAnnealing() }
        }
        let winner = searches.first { $0.drift != nil } ?? leader
        winner.restoreBest()
        var result = winner.finish()
        // The figures of the whole run: every thread's moves.
        let moves = searches.reduce(0) { $0 + $1.moves }
        result.stats.moves = moves
        result.stats.accepted = searches.reduce(0) { $0 + $1.accepted }
        result.stats.improvements = searches.reduce(0) { $0 + $1.improvements }
        result.stats.movesPerSecond = Double(moves) / max(1e-9, result.stats.seconds - result.stats.constructionSeconds)
        result.stats.threads = searches.count
        return result
    }

    /// Every search behind the leader takes the leader's best programme over.
    func exchange() {
        // A search keeps its best programme lazily (when it leaves it): take it now.
        for s in searches where s.schedule.currentIsBest { s.snapshotBest() }
        let lead = leader
        let positions = lead.best, score = lead.bestScore
        inParallel { s in
            if score < s.bestScore { s.adopt(positions) }
        }
    }
}

import Foundation
import ForumModel
import ForumRules

// # ForumSolver
//
// Places every session of a programme in a room and a time so that no hard rule of the
// catalogue breaks, and as few weighted soft penalties as it can find remain. The rules are
// those of `ForumRules` (the same counters `validate()` reads), scored incrementally.
//
//     let result = Solver(programme: programme, options: SolverOptions(seed: 7, timeLimit: 10)).solve()
//     if result.feasible { write(result.programme) } else { print(result.explanation) }
//     for line in result.perRule { print(line.rule, line.units, line.penalty) }
//
// How it works:
// 1. The programme is compiled to integers (`Problem`). Each session's domain is every
//    (grid start, room) where it fits the run of back-to-back slots and breaks no
//    placement-only hard rule (room size, equipment, availability, people's and its own
//    unavailability); a session with no such place keeps every grid position, so it can
//    still be placed and its conflict explained.
// 2. Pinned parts stay where they are. Other placed parts start where they are (unless
//    `fresh`); unplaced parts are built in, hardest first (fewest places, then most
//    people and groups, then longest), each where it costs least.
// 3. Simulated annealing over three neighbourhoods: move one part to another room and
//    start (a fifth of the moves keep the start and change the room), swap two parts (a
//    move onto an occupied place swaps when each fits the other's), and Kempe chains (two starts exchange the chain of parts that share people,
//    groups or a series between them). A move is scored by the rules' delta without being
//    made (`ScoreState.moveDelta`); swaps and chains are made and undone. Hard penalties
//    weigh far more than any soft one, so the search keeps to feasible programmes once it
//    has one. The temperature starts at the median worsening of sampled moves and cools
//    geometrically over the budget (moves when `maxMoves` is set, else time).
// 4. It stops at the time limit, after `maxMoves` evaluated moves, at a score of zero,
//    or when cancelled, and returns the best programme found.
// 5. When hard rules still break, the parts whose removal clears them are taken off
//    (`unplaced`, each with the rule that blocks it) and `explanation` says in organisers'
//    terms why the programme does not fit (room-slots, equipment, people, groups).
//
// Determinism: the search draws from `SeededGenerator` only and never iterates a
// dictionary or set; with `maxMoves` set (and no time limit reached) the same input and
// seed give the same result on every run and machine.

/// How to solve.
public struct SolverOptions: Sendable {
    /// Seed of the search's random generator.
    public var seed: UInt64
    /// Stop after this many seconds (nil: no time limit; then set `maxMoves`).
    public var timeLimit: Double?
    /// Stop after this many evaluated moves. With a budget in moves the search (and so its
    /// result) depends only on the input and the seed.
    public var maxMoves: Int?
    /// Ignore every placement that is not pinned and place everything anew.
    public var fresh: Bool
    /// The programme participants have already seen: moving a part away from its published
    /// placement costs `moved-from-published`, and parts without a placement start there.
    public var published: Programme?
    /// Check mode (Timefold's FULL_ASSERT): after every accepted move recompute the whole
    /// score from scratch and stop with a failure if it differs. Slow; for tests.
    public var checking: Bool
    /// Checking mode's own test: makes this rule's counter wrong on purpose, so the check
    /// must stop the search with a drift. Never set it for real work.
    public var injectFault: RuleID?
    /// Called from the solving thread about every `progressInterval` seconds.
    public var progress: (@Sendable (SolverProgress) -> Void)?
    public var progressInterval: Double
    /// Set it to stop the search early; the best programme so far is returned.
    public var cancellation: SolverCancellation?
    /// Searches run in parallel (see Parallel.swift): 1 is the one-thread search. With
    /// `maxMoves` (each thread's budget) the result depends on the input, seed and threads.
    public var threads: Int
    /// Moves each thread makes between exchanges of the best programme.
    public var exchangeMoves: Int

    public init(seed: UInt64 = 1, timeLimit: Double? = 60, maxMoves: Int? = nil, fresh: Bool = false,
                published: Programme? = nil, checking: Bool = false,
                progress: (@Sendable (SolverProgress) -> Void)? = nil, progressInterval: Double = 0.25,
                cancellation: SolverCancellation? = nil, threads: Int = 1, exchangeMoves: Int = 500_000) {
        self.seed = seed
        self.timeLimit = timeLimit
        self.maxMoves = maxMoves
        self.fresh = fresh
        self.published = published
        self.checking = checking
        self.injectFault = nil
        self.progress = progress
        self.progressInterval = progressInterval
        self.threads = threads
        self.exchangeMoves = exchangeMoves
        self.cancellation = cancellation
    }
}

/// A flag another thread (a Ctrl-C handler) sets to stop the search.
public final class SolverCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    public init() {}
    public func cancel() { lock.lock(); flag = true; lock.unlock() }
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}

/// A snapshot of the search for progress displays.
public struct SolverProgress: Sendable {
    public var elapsed: Double
    /// Moves evaluated so far.
    public var moves: Int
    public var best: Score
    public var current: Score
    /// Moves evaluated per second over the run so far.
    public var movesPerSecond: Double
    /// "construct" or "search".
    public var phase: String
}

/// Why the search stopped.
public enum StopReason: String, Sendable, Codable {
    case timeLimit = "time-limit", maxMoves = "max-moves", optimal = "optimal", cancelled = "cancelled", nothingToPlace = "nothing-to-place"
    /// Checking mode found the incremental score apart from the recount (see `SolveResult.drift`).
    case drift = "drift"
}

/// Figures of one run.
public struct SolverStats: Sendable, Codable {
    public var seconds: Double
    public var constructionSeconds: Double
    /// Moves evaluated (each scored by the rules' delta).
    public var moves: Int
    public var accepted: Int
    public var improvements: Int
    public var movesPerSecond: Double
    public var stopReason: StopReason
    /// Score after construction, and of the best programme found.
    public var constructed: Score
    public var best: Score
    /// No programme in the solver's reach (every movable session placed in its domain, the
    /// rest where they are) scores below this, hard and soft each (see LowerBound.swift).
    public var lowerBound: Score
    /// Whether the best programme scores the bound: nothing can score lower.
    public var provenOptimal: Bool { best.hard <= lowerBound.hard && best.soft <= lowerBound.soft }
    /// Seconds and moves until the first programme without a hard penalty (nil: none found).
    public var feasibleAfterSeconds: Double?
    public var feasibleAfterMoves: Int?
    /// Searches that ran in parallel (moves, accepted and improvements are their sums).
    public var threads: Int = 1
}

/// Penalty per rule of the result.
public struct RuleScore: Sendable, Codable, Hashable {
    public var rule: RuleID
    public var hard: Bool
    public var units: Int
    public var penalty: Int
}

/// A part the solver could not place without breaking a hard rule.
public struct UnplacedPart: Sendable, Codable, Hashable {
    public var session: String
    /// 0-based part of a series (0 for an ordinary session).
    public var part: Int
    /// The hard rule that blocks it wherever it could go.
    public var blockedBy: RuleID
    /// Why, for organisers.
    public var reason: String
}

/// A part whose placement differs from the one it had (the published one with `published`).
public struct MovedPart: Sendable, Codable, Hashable {
    public var session: String
    public var part: Int
    public var from: Placement?
    public var to: Placement?
}

/// What `Solver.solve()` found.
public struct SolveResult: Sendable {
    /// The programme with the best placements found. When `feasible` is false the parts in
    /// `unplaced` have no placement, so the programme breaks no other hard rule (except
    /// among pinned sessions, which never move).
    public var programme: Programme
    /// The score of `programme` (its `unplaced` penalty included).
    public var score: Score
    /// Every rule with a penalty, in catalogue order.
    public var perRule: [RuleScore]
    /// Whether every part is placed without breaking a hard rule.
    public var feasible: Bool
    public var unplaced: [UnplacedPart]
    /// Organisers' reasons why the programme does not fit (empty when feasible).
    public var explanation: [String]
    /// Parts whose placement changed, against `published` when given, else the input.
    public var moved: [MovedPart]
    public var stats: SolverStats
    /// In checking mode, the first move after which the incremental score differed from the
    /// rules' plain recount (nil: none did). The search stops there.
    public var drift: CheckFailure?
}

/// A drift that checking mode found: after accepted move `move`, these rules' incremental
/// counters (or the objective, `rule` nil) differed from the recount.
public struct CheckFailure: Sendable, Hashable, CustomStringConvertible {
    public var move: Int
    public var mismatches: [RuleMismatch]
    public var description: String {
        "after move \(move): " + mismatches.map(\.description).joined(separator: "; ")
    }
}

/// The constraint solver. See the notes at the top of this file.
public final class Solver {
    public let programme: Programme
    public let options: SolverOptions

    public init(programme: Programme, options: SolverOptions = SolverOptions()) {
        self.programme = programme
        self.options = options
    }

    /// Solves the programme (blocking until a stop criterion holds).
    public func solve() -> SolveResult {
        if options.threads > 1 { return ParallelSearch(programme: programme, options: options).run() }
        return Search(programme: programme, options: options).run()
    }
}

/// Solves `programme` with `options` (shorthand for `Solver(programme:options:).solve()`).
public func solve(_ programme: Programme, options: SolverOptions = SolverOptions()) -> SolveResult {
    Solver(programme: programme, options: options).solve()
}

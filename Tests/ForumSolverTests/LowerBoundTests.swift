import Foundation
import Testing
import ForumModel
import ForumRules
import ForumFormats
@testable import ForumSolver

/// The programmes the bound and monotonicity are checked on: Athens 2006, the hybrid Kyoto
/// example, WSIS Forum 2012 and generated ones (with and without the hybrid rules).
func boundProgrammes() throws -> [(String, Programme)] {
    var out: [(String, Programme)] = [("athens", try athens())]
    for name in ["igf-2023-kyoto-hybrid", "wsis-forum-2012"] {
        out.append((name, try ProgrammeReader.read(path: repositoryRoot.appendingPathComponent("Examples/\(name).yaml").path)))
    }
    for (seed, hybrid) in [(UInt64(1), false), (2, true), (3, true)] {
        var options = GeneratorOptions(sessions: 90, rooms: 8, days: 3, seed: seed)
        options.hybrid = hybrid
        out.append(("generated-\(seed)\(hybrid ? "-hybrid" : "")", try ProgrammeGenerator.generate(options)))
    }
    return out
}

@Suite struct LowerBoundTests {
    /// Every rule that says placing never lowers its count keeps its word: parts placed one
    /// by one, in a random order at random grid places, never lower it.
    @Test func rulesThatSayPlacingNeverLowersTheirCountKeepIt() throws {
        let claimed = RuleID.allCases.filter { ScoreState.placingNeverLowers[$0.index] }
        #expect(claimed.count >= 10)
        for (name, programme) in try boundProgrammes() {
            var unpinned = programme
            for i in unpinned.sessions.indices { unpinned.sessions[i].placements = []; unpinned.sessions[i].pinned = false }
            let problem = Problem(unpinned)
            var rng = SeededGenerator(seed: 77)
            for round in 0..<4 {
                let state = ScoreState(problem: problem)
                var before = state.units
                var order = Array(0..<problem.partCount)
                for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
                for p in order where problem.startCount > 0 {
                    let slot = rng.int(below: problem.startCount), room = rng.int(below: max(1, problem.roomCount))
                    state.add(p, at: problem.gridPos(part: p, slot: slot, room: room))
                    let now = state.units
                    for rule in claimed where now[rule.index] < before[rule.index] {
                        Issue.record("\(name), round \(round): placing part \(p) lowered \(rule) from \(before[rule.index]) to \(now[rule.index])")
                    }
                    before = now
                }
            }
        }
    }

    /// No solve ends below the bound, and random programmes in the solver's reach (every
    /// movable session at a random place of its domain, pinned ones kept) score at or
    /// above it, hard and soft each.
    @Test func noProgrammeScoresBelowTheBound() throws {
        for (name, programme) in try boundProgrammes() {
            let result = solve(programme, options: budget(20_000, seed: 5, fresh: true))
            let bound = result.stats.lowerBound
            #expect(result.score.hard >= bound.hard && result.score.soft >= bound.soft, "\(name): \(result.score) below \(bound)")
            let search = Search(programme: programme, options: budget(0, fresh: true))
            search.prepare()
            #expect(search.lowerBound() == bound, "\(name)")
            var rng = SeededGenerator(seed: 11)
            for _ in 0..<20 {
                for p32 in search.movable {
                    let p = Int(p32)
                    let codes = search.domain[Int(search.problem.partSession[p])]
                    let c = Int(codes[rng.int(below: codes.count)])
                    search.state.move(p, to: search.problem.gridPos(part: p, slot: c / search.roomCount, room: c % search.roomCount))
                }
                let score = search.state.score
                #expect(score.hard >= bound.hard && score.soft >= bound.soft, "\(name): a random programme scores \(score), below \(bound)")
            }
        }
    }

    /// Athens 2006 with its main sessions pinned: the bound is what the pinned sessions
    /// force, the solver reaches it and stops there with the proof, long before its minute.
    @Test func athensFreshStopsWithAProofOfOptimality() throws {
        let result = solve(try athens(), options: SolverOptions(seed: 1, timeLimit: 60, fresh: true))
        #expect(result.stats.stopReason == .optimal)
        #expect(result.stats.provenOptimal)
        #expect(result.score == result.stats.lowerBound)
        #expect(result.stats.lowerBound.soft > 0)
        #expect(result.stats.moves < 5_000_000)
    }

    /// Two threads with a move budget: the same programme every time, exchanges included;
    /// never worse than the bound allows, and every session placed without a hard penalty.
    @Test func twoThreadsWithAMoveBudgetAreDeterministic() throws {
        let input = try generated(80, rooms: 8, days: 3, seed: 4)
        var options = budget(12_000, seed: 9)
        options.threads = 2
        options.exchangeMoves = 3_000
        let a = solve(input, options: options)
        let b = solve(input, options: options)
        #expect(ProgrammeWriter.yaml(a.programme) == ProgrammeWriter.yaml(b.programme))
        #expect(a.stats.threads == 2 && a.stats.moves == 24_000)
        #expect(a.feasible)
        #expect(validate(a.programme).score == a.score)
        options.threads = 3
        let c = solve(input, options: options)
        #expect(c.stats.moves == 36_000)
        #expect(validate(c.programme).score == c.score)
    }

    /// Five sessions of one theme at two start times (three rooms): the fewest same-theme
    /// pairs in parallel is three at one time and two at the other, C(3,2) + C(2,2) = 4. The
    /// bound says 4 and the solver, reaching it, stops with the proof.
    @Test func themeParallelPigeonholeIsTheKnownAnswer() throws {
        let day = LocalDate(year: 2026, month: 6, day: 1)
        let slots = [Slot(start: TimeOfDay("09:00")!, end: TimeOfDay("10:30")!), Slot(start: TimeOfDay("11:00")!, end: TimeOfDay("12:30")!)]
        let programme = Programme(
            event: Event(name: "Pigeonhole", acronym: "ph", timeZone: "UTC", startDate: day, endDate: day),
            days: [Day(date: day, slots: slots)],
            rooms: (1...3).map { Room(id: "r\($0)", name: "Room \($0)", capacity: 100) },
            themes: [Theme(id: "a", title: "A")],
            sessions: (1...5).map { Session(id: "s\($0)", title: "Session \($0)", themes: ["a"], duration: 90) })
        let result = solve(programme, options: SolverOptions(seed: 1, timeLimit: 10, fresh: true))
        let pairs = result.perRule.first { $0.rule == .themeParallel }?.units
        #expect(pairs == 4)
        #expect(result.stats.lowerBound.soft == result.score.soft)
        #expect(result.stats.stopReason == .optimal)
    }

    /// Three 90-minute sessions of one theme fit only the 90-minute slot, a 30-minute one
    /// fits both: the three meet in 3 pairs whatever happens (spreading all four over the two
    /// starts would suggest 2). The bound sees the nested fits and says 3; the solver proves it.
    @Test func themeParallelBoundKnowsWhichStartsASessionFits() throws {
        let day = LocalDate(year: 2026, month: 6, day: 1)
        let slots = [Slot(start: TimeOfDay("09:00")!, end: TimeOfDay("10:30")!), Slot(start: TimeOfDay("11:00")!, end: TimeOfDay("11:30")!)]
        var sessions = (1...3).map { Session(id: "long\($0)", title: "Long \($0)", themes: ["a"], duration: 90) }
        sessions.append(Session(id: "short", title: "Short", themes: ["a"], duration: 30))
        let programme = Programme(
            event: Event(name: "Nested", acronym: "nested", timeZone: "UTC", startDate: day, endDate: day),
            days: [Day(date: day, slots: slots)],
            rooms: (1...4).map { Room(id: "r\($0)", name: "Room \($0)", capacity: 100) },
            themes: [Theme(id: "a", title: "A")], sessions: sessions)
        let result = solve(programme, options: SolverOptions(seed: 1, timeLimit: 10, fresh: true))
        #expect(result.perRule.first { $0.rule == .themeParallel }?.units == 3)
        #expect(result.stats.lowerBound.soft == result.score.soft)
        #expect(result.stats.stopReason == .optimal)
    }
}

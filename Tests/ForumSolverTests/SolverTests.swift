import Foundation
import Testing
import ForumModel
import ForumRules
import ForumFormats
@testable import ForumSolver

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func athens() throws -> Programme {
    try ProgrammeReader.read(path: repositoryRoot.appendingPathComponent("Schedules/athens-2006.yaml").path)
}

func generated(_ sessions: Int, rooms: Int, days: Int, seed: UInt64 = 1) throws -> Programme {
    try ProgrammeGenerator.generate(GeneratorOptions(sessions: sessions, rooms: rooms, days: days, seed: seed))
}

/// A deterministic budget: the same moves on every machine.
func budget(_ moves: Int, seed: UInt64 = 1, fresh: Bool = true) -> SolverOptions {
    SolverOptions(seed: seed, timeLimit: nil, maxMoves: moves, fresh: fresh)
}

@Suite struct SolverTests {
    @Test func athensFreshIsSolvedWithoutAHardViolationAndMainSessionsStay() throws {
        let input = try athens()
        let result = solve(input, options: budget(20_000))
        #expect(result.feasible)
        #expect(result.unplaced.isEmpty)
        let report = validate(result.programme)
        #expect(!report.hasHardViolations, "\(report.violations.filter(\.hard).map(\.message))")
        #expect(report.score == result.score)
        // Every session placed, pinned ones exactly where they were.
        for (before, after) in zip(input.sessions, result.programme.sessions) {
            #expect(after.placements.count == after.parts)
            if before.pinned { #expect(after.placements == before.placements) }
        }
        #expect(input.sessions.contains { $0.pinned })
    }

    @Test func sameSeedAndMoveBudgetGiveIdenticalFiles() throws {
        let input = try generated(80, rooms: 8, days: 3, seed: 4)
        let a = solve(input, options: budget(5_000, seed: 9))
        let b = solve(input, options: budget(5_000, seed: 9))
        #expect(ProgrammeWriter.yaml(a.programme) == ProgrammeWriter.yaml(b.programme))
        #expect(a.stats.moves == 5_000 && b.stats.moves == 5_000)
        let c = solve(input, options: budget(5_000, seed: 10))
        #expect(ProgrammeWriter.yaml(a.programme) != ProgrammeWriter.yaml(c.programme))
    }

    @Test func generatedProgrammeIsSolvedAndValidatesClean() throws {
        let input = try generated(120, rooms: 10, days: 3, seed: 2)
        let result = solve(input, options: budget(30_000))
        let report = validate(result.programme)
        #expect(result.feasible)
        #expect(!report.hasHardViolations, "\(report.violations.filter(\.hard).prefix(3).map(\.message))")
        #expect(report.score == result.score)
        #expect(result.score.soft <= result.stats.constructed.soft || result.stats.constructed.hard > 0)
    }

    /// Switching off the rules whose occupancy Kempe chains follow is a documented setting:
    /// the search still runs (it trapped with an index out of range before).
    @Test(arguments: [["person-conflict"], ["group-conflict"], ["person-conflict", "group-conflict"]])
    func switchingOffPersonOrGroupConflictStillSolves(off: [String]) throws {
        var input = try generated(120, rooms: 10, days: 3, seed: 2)
        for rule in off { input.ruleSettings[rule] = RuleSetting(enabled: false) }
        let result = solve(input, options: budget(50_000))
        #expect(result.feasible)
        #expect(result.stats.moves == 50_000)
        #expect(validate(result.programme).score == result.score)
    }

    @Test func pinnedPartsNeverMove() throws {
        var input = try generated(60, rooms: 6, days: 3, seed: 3)
        // Pin a few sessions somewhere legal (where a first-fit puts them).
        let placed = ProgrammeGenerator.place(input)
        var pinnedIDs: [String] = []
        for i in input.sessions.indices where i % 7 == 0 {
            input.sessions[i].placements = placed.sessions[i].placements
            input.sessions[i].pinned = true
            pinnedIDs.append(input.sessions[i].id)
        }
        let result = solve(input, options: budget(15_000))
        for id in pinnedIDs {
            #expect(result.programme.session(id)!.placements == input.session(id)!.placements)
        }
        #expect(!validate(result.programme).hasHardViolations)
    }

    @Test func checkingModeAgreesWithTheFullRecountOnEveryAcceptedMove() throws {
        // A programme that uses series, groups, order and preferences besides the generator's features.
        var input = try generated(40, rooms: 5, days: 3, seed: 5)
        input.sessions[5].parts = 3; input.sessions[5].minDays = 3
        input.sessions[6].after = [input.sessions[7].id]
        input.sessions[8].preferences = Preferences(days: [input.days[1].date])
        input.groups.append(SessionGroup(id: "track", title: "Track", sessions: input.sessions[10..<18].map(\.id), compact: true))
        var options = budget(1_500)
        options.checking = true
        let result = solve(input, options: options)
        #expect(result.stats.accepted > 0)
        #expect(validate(result.programme).score == result.score)
    }

    @Test func anOverFullProgrammeSaysWhyAndLeavesTheRestClean() {
        // 3 rooms x 2 days x 2 slots = 12 room-slots for 15 workshops.
        let d1 = LocalDate(year: 2006, month: 10, day: 30)
        let slots = [Slot(start: TimeOfDay("09:30")!, end: TimeOfDay("11:00")!), Slot(start: TimeOfDay("11:30")!, end: TimeOfDay("13:00")!)]
        let programme = Programme(
            event: Event(name: "Over-full", acronym: "full", timeZone: "Europe/Athens", startDate: d1, endDate: d1.adding(days: 1)),
            days: [Day(date: d1, slots: slots), Day(date: d1.adding(days: 1), slots: slots)],
            rooms: (1...3).map { Room(id: "room-\($0)", name: "Room \($0)", capacity: 100) },
            sessions: (1...15).map { Session(id: "WS\($0)", title: "Workshop \($0)", audience: 50) })
        let result = solve(programme, options: budget(20_000))
        #expect(!result.feasible)
        #expect(result.unplaced.count == 3)
        #expect(result.unplaced.allSatisfy { $0.blockedBy == .roomConflict })
        #expect(result.explanation.contains { $0.contains("15 sessions of 90 minutes") && $0.contains("12 room-slots") })
        let report = validate(result.programme)
        #expect(report.violations.filter(\.hard).allSatisfy { $0.rule == .unplaced })
        #expect(report.units(.unplaced) == 3)
    }

    @Test func equipmentShortageIsExplainedInOrganisersTerms() {
        let d1 = LocalDate(year: 2006, month: 10, day: 30)
        let slots = [Slot(start: TimeOfDay("09:30")!, end: TimeOfDay("11:00")!), Slot(start: TimeOfDay("11:30")!, end: TimeOfDay("13:00")!)]
        let programme = Programme(
            event: Event(name: "Interpretation", acronym: "int", timeZone: "Europe/Athens", startDate: d1, endDate: d1),
            days: [Day(date: d1, slots: slots)],
            rooms: [Room(id: "main-hall", name: "Main Hall", capacity: 800, equipment: ["interpretation"])]
                + (1...4).map { Room(id: "room-\($0)", name: "Room \($0)", capacity: 100) },
            sessions: (1...3).map { Session(id: "HL\($0)", title: "High-level \($0)", equipment: ["interpretation"]) }
                + (1...2).map { Session(id: "WS\($0)", title: "Workshop \($0)") })
        let result = solve(programme, options: budget(10_000))
        #expect(!result.feasible)
        #expect(result.explanation.contains { $0.contains("3 sessions need interpretation") && $0.contains("main-hall") && $0.contains("2 room-slots") })
        #expect(result.unplaced.map(\.session).allSatisfy { $0.hasPrefix("HL") })
    }

    @Test func keepingAPublishedProgrammeMovesOnlyWhatItMust() throws {
        let published = solve(try generated(60, rooms: 6, days: 3, seed: 6), options: budget(15_000)).programme
        #expect(!validate(published).hasHardViolations)
        // A late change: a new session, and one speaker of a placed session now unavailable on its day.
        var changed = published
        changed.sessions.append(Session(id: "late", title: "Late addition", themes: [changed.themes[0].id], audience: 20))
        let victim = changed.sessions.firstIndex { !$0.pinned && !$0.people.isEmpty }!
        let person = changed.sessions[victim].people[0].person
        let pi = changed.people.firstIndex { $0.id == person }!
        changed.people[pi].unavailable.append(TimeWindow(date: changed.sessions[victim].placements[0].day))
        var options = budget(15_000, fresh: false)
        options.published = published
        let result = solve(changed, options: options)
        let report = validate(result.programme, published: published)
        #expect(!report.hasHardViolations)
        #expect(result.programme.session("late")!.placements.count == 1)
        // The sessions of the unavailable person must move; little else should.
        let mustMove = Set(changed.sessions.filter { s in s.people.contains { $0.person == person } && s.placements.contains { $0.day == changed.sessions[victim].placements[0].day } }.map(\.id))
        #expect(mustMove.isSubset(of: Set(result.moved.map(\.session))))
        #expect(result.moved.count <= mustMove.count + 2, "moved: \(result.moved.map(\.session))")
        #expect(report.units(.movedFromPublished) == result.moved.count)
    }
}

extension ValidationReport {
    func units(_ rule: RuleID) -> Int {
        let w = RuleBook()[rule].weight
        return violations.filter { $0.rule == rule }.reduce(0) { $0 + $1.penalty } / w
    }
}

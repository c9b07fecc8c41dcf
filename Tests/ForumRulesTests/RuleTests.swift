import Testing
import ForumModel
@testable import ForumRules

/// Each rule on a hand-built programme whose answer is known.
@Suite struct RuleTests {
    typealias F = Fixture
    let d1 = Fixture.day1, d2 = Fixture.day2

    @Test func roomConflictCountsEachOverlappingPairAndNamesBoth() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")]),
            F.ws("B", [F.at(d1, "09:30", "plato")]),
            F.ws("C", [F.at(d1, "10:00", "plato")], duration: 180),
            F.ws("D", [F.at(d1, "11:00", "plato")]),    // overlaps C only
            F.ws("E", [F.at(d1, "09:30", "small")]),
        ]))
        #expect(report.units(.roomConflict) == 4)   // A-B, A-C, B-C, C-D
        let ab = report.of(.roomConflict).first { $0.sessions == ["A", "B"] }!
        #expect(ab.hard && ab.room == "plato" && ab.day == d1 && ab.start == TimeOfDay("09:30"))
        #expect(ab.message.contains("A 'Session A'") && ab.message.contains("B 'Session B'") && ab.message.contains("Plato Hall"))
        #expect(ab.fix!.contains("main is free then"))
        #expect(report.hasHardViolations)
    }

    @Test func personConflictPerPersonAndPair() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")], people: ["alice", "bob", "alice"]),
            F.ws("B", [F.at(d1, "10:00", "main")], duration: 180, people: ["alice", "bob"]),
            F.ws("C", [F.at(d1, "11:00", "small")], people: ["alice"]),
        ]))
        // alice: A-B, B-C (A and C are back to back); bob: A-B.
        #expect(report.units(.personConflict) == 3)
        #expect(report.of(.personConflict).contains { $0.person == "bob" && $0.sessions == ["A", "B"] && $0.message.contains("Bob") })
    }

    @Test func groupConflictOncePerPairAndForSeries() {
        let p = F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")]),
            F.ws("B", [F.at(d1, "09:30", "small")]),
            F.ws("C", [F.at(d1, "09:30", "main")]),
            F.ws("S", [F.at(d2, "09:30", "plato"), F.at(d2, "09:30", "small")], parts: 2),
        ], groups: [
            SessionGroup(id: "g1", title: "Track 1", sessions: ["A", "B"]),
            SessionGroup(id: "g2", title: "Track 2", sessions: ["A", "B", "A"]),
            SessionGroup(id: "loose", title: "Loose", sessions: ["A", "C"], noOverlap: false),
        ])
        let report = validate(p)
        #expect(report.units(.groupConflict) == 2)   // A-B once, S's two parts
        #expect(report.of(.groupConflict).contains { $0.sessions == ["S"] && $0.message.contains("Parts 1 and 2") })
    }

    @Test func outsideGridForOffStartsOtherDaysAndTooLongRuns() {
        let report = validate(F.programme([
            F.ws("off", [F.at(d1, "10:15", "plato")]),
            F.ws("nodate", [F.at(LocalDate(year: 2006, month: 11, day: 5), "09:30", "plato")]),
            F.ws("long", [F.at(d1, "14:00", "plato")], duration: 180),
            F.ws("joined", [F.at(d2, "09:30", "plato")], duration: 180),   // 09:30-11:00 + 11:00-12:30
        ]))
        #expect(report.units(.outsideGrid) == 3)
        #expect(Set(report.of(.outsideGrid).flatMap(\.sessions)) == ["off", "nodate", "long"])
        #expect(report.of(.outsideGrid).first { $0.sessions == ["off"] }!.message.contains("no slot starts at 10:15"))
    }

    @Test func roomAvailabilityAndExplicitEnds() {
        var rooms = [Room(id: "plato", name: "Plato Hall", capacity: 100, availability: [TimeWindow(date: Fixture.day1)])]
        rooms.append(Room(id: "main", name: "Main Hall"))
        let report = validate(F.programme([
            F.ws("A", [F.at(d2, "09:30", "plato")]),
            F.ws("B", [F.at(d1, "09:30", "plato")]),
            F.ws("C", [F.at(d1, "09:30", "main", end: "10:30")]),
            F.ws("D", [F.at(d1, "14:00", "nowhere")]),
        ], rooms: rooms))
        #expect(report.of(.roomUnavailable).map(\.sessions).sorted { $0[0] < $1[0] } == [["A"], ["D"]])
        #expect(report.units(.roomUnavailable) == 2)
        #expect(report.of(.roomUnavailable).contains { $0.message.contains("`nowhere` does not exist") })
        #expect(report.units(.longerThanPlacement) == 1)
        #expect(report.of(.longerThanPlacement)[0].sessions == ["C"])
    }

    @Test func roomTooSmallCountsSeatsAndSizeFitCountsTens() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "09:30", "small")], audience: 50),
            F.ws("B", [F.at(d1, "09:30", "main")], audience: 40),
            F.ws("C", [F.at(d1, "09:30", "plato")], audience: 45),
        ]))
        #expect(report.units(.roomTooSmall) == 20)
        #expect(report.of(.roomTooSmall)[0].message.contains("20 too many"))
        #expect(report.of(.roomTooSmall)[0].fix!.contains("plato") == false)   // plato is taken by C
        // B: ceil((800 - 80) / 10) = 72; C: ceil((100 - 90) / 10) = 1; A: 0.
        #expect(report.units(.roomSizeFit) == 73)
        #expect(!report.of(.roomSizeFit).contains { $0.sessions == ["A"] })
    }

    @Test func equipmentPerMissingItem() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "09:30", "small")], equipment: ["interpretation", "webcast"]),
            F.ws("B", [F.at(d1, "09:30", "plato")], equipment: ["webcast"]),
        ]))
        #expect(report.units(.equipmentMissing) == 2)
        #expect(report.of(.equipmentMissing)[0].fix!.contains("main is free then"))
    }

    @Test func unavailablePeopleAndSessions() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d2, "09:30", "plato")], people: ["alice", "bob"]),
            F.ws("B", [F.at(d1, "09:30", "plato")], people: ["bob"]),
            F.ws("C", [F.at(d1, "14:00", "plato")], unavailable: [TimeWindow(range: TimeRange(start: TimeOfDay("13:00")!, end: TimeOfDay("18:00")!))]),
        ]))
        #expect(report.units(.personUnavailable) == 1)
        #expect(report.of(.personUnavailable)[0].person == "bob")
        #expect(report.units(.sessionUnavailable) == 1)
        #expect(report.of(.sessionUnavailable)[0].sessions == ["C"])
    }

    @Test func unplacedPerMissingPart() {
        let report = validate(F.programme([
            F.ws("S", [F.at(d1, "09:30", "plato")], parts: 3),
            F.ws("T", []),
        ]))
        #expect(report.units(.unplaced) == 3)
        #expect(report.of(.unplaced).contains { $0.sessions == ["S"] && $0.message.contains("2 of its 3 parts") })
    }

    @Test func themeParallelOncePerPairIgnoringCrossCuttingThemes() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")], themes: ["openness", "security"]),
            F.ws("B", [F.at(d1, "09:30", "small")], themes: ["security", "openness"]),
            F.ws("C", [F.at(d1, "09:30", "main")], themes: ["cb"]),
            F.ws("D", [F.at(d1, "14:00", "main")], themes: ["cb"]),
            F.ws("E", [F.at(d1, "14:00", "plato")], themes: ["cb"]),
        ]))
        #expect(report.units(.themeParallel) == 1)
        #expect(report.of(.themeParallel)[0].penalty == 10)
    }

    @Test func themeMainClashCountsSessionsAgainstTheirThemesMainSession() {
        let report = validate(F.programme([
            F.ws("main-open", [F.at(d1, "10:00", "main")], themes: ["openness"], duration: 180, kind: .mainSession),
            F.ws("A", [F.at(d1, "11:00", "plato")], themes: ["openness"]),
            F.ws("B", [F.at(d1, "11:00", "small")], themes: ["security"]),
            F.ws("C", [F.at(d1, "14:00", "plato")], themes: ["openness"]),
        ]))
        #expect(report.units(.themeMainClash) == 1)
        #expect(report.of(.themeMainClash)[0].sessions == ["main-open", "A"])   // programme order
        #expect(report.units(.themeParallel) == 1)
        #expect(!report.hasHardViolations)
    }

    /// A main session of several themes (Athens' "Taking Stock" covered all four) is the main
    /// session of each: a workshop on any of them clashes, once however many it shares.
    @Test func aMainSessionOfSeveralThemesClashesWithEachOnce() {
        let report = validate(F.programme([
            F.ws("stock", [F.at(d1, "10:00", "main")], themes: ["openness", "security"], duration: 180, kind: .mainSession),
            F.ws("A", [F.at(d1, "11:00", "plato")], themes: ["security"]),
            F.ws("B", [F.at(d1, "11:00", "small")], themes: ["security", "openness"]),
            F.ws("C", [F.at(d1, "09:30", "plato")], themes: ["cb"]),   // cross-cutting only
        ]))
        #expect(report.units(.themeMainClash) == 2)
        #expect(Set(report.of(.themeMainClash).map { Set($0.sessions) }) == [["stock", "A"], ["stock", "B"]])
        #expect(report.of(.themeMainClash).allSatisfy { $0.penalty == 30 })
    }

    @Test func preferencesPerMissedWish() {
        let prefs = Preferences(days: [Fixture.day2], times: [TimeRange(start: TimeOfDay("09:00")!, end: TimeOfDay("12:00")!)], rooms: ["plato"])
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "14:00", "small")], preferences: prefs),   // misses all three
            F.ws("B", [F.at(d2, "09:30", "plato")], preferences: prefs),   // misses none
        ]))
        #expect(report.units(.preferenceMissed) == 3)
        #expect(report.of(.preferenceMissed).count == 1)
    }

    @Test func orderMissedWhenAFollowerStartsBeforeItsPredecessorEnds() {
        let report = validate(F.programme([
            F.ws("main-open", [F.at(d1, "10:00", "main")], duration: 180, kind: .mainSession),
            F.ws("A", [F.at(d1, "11:00", "plato")], after: ["main-open"]),   // starts before 13:00
            F.ws("B", [F.at(d1, "14:00", "plato")], after: ["main-open"]),
            F.ws("C", [F.at(d1, "09:30", "small")], after: ["A"]),
        ]))
        #expect(report.units(.orderMissed) == 2)
        #expect(Set(report.of(.orderMissed).map(\.sessions)) == [["main-open", "A"], ["A", "C"]])
    }

    @Test func dayBalanceCountsUnpinnedOrdinarySessionsBeyondAnEvenShare() {
        let report = validate(F.programme([
            F.ws("main-open", [F.at(d1, "10:00", "main")], duration: 180, kind: .mainSession),
            F.ws("A", [F.at(d1, "09:30", "plato")]),
            F.ws("B", [F.at(d1, "11:00", "plato")]),
            F.ws("C", [F.at(d1, "14:00", "plato")]),
            F.ws("P", [F.at(d1, "14:00", "small")], pinned: true),
            F.ws("D", [F.at(d2, "14:00", "plato")]),
        ]))
        // Four counted sessions over two days: share 2; day 1 has 3.
        #expect(report.units(.dayBalance) == 1)
        #expect(report.of(.dayBalance)[0].message.contains("not pinned"))
    }

    @Test func seriesSpreadAndRoomChange() {
        let report = validate(F.programme([
            F.ws("S", [F.at(d1, "09:30", "plato"), F.at(d1, "14:00", "plato"), F.at(d2, "09:30", "small")], parts: 3, minDays: 3),
            F.ws("T", [F.at(d1, "11:00", "plato"), F.at(d2, "11:00", "plato")], parts: 2, minDays: 2),
        ]))
        #expect(report.units(.seriesSpread) == 1)
        #expect(report.units(.seriesRoomChange) == 1)
        #expect(report.of(.seriesSpread)[0].sessions == ["S"])
    }

    @Test func groupIsolatedPerPartAndCompactGroup() {
        let p = F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")]),
            F.ws("B", [F.at(d1, "11:00", "small")]),   // back to back with A
            F.ws("C", [F.at(d1, "14:00", "plato")]),   // isolated
            F.ws("D", [F.at(d2, "09:30", "plato")]),   // isolated in both groups
        ], groups: [
            SessionGroup(id: "cur1", title: "Curriculum 1", sessions: ["A", "B", "C", "D"], compact: true),
            SessionGroup(id: "cur2", title: "Curriculum 2", sessions: ["D"], noOverlap: false, compact: true),
        ])
        let report = validate(p)
        #expect(report.units(.groupIsolated) == 3)
        #expect(report.of(.groupIsolated).filter { $0.sessions == ["D"] }.count == 2)
    }

    @Test func movedFromPublishedMatchesPartsBySessionAndIndex() {
        let published = F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")]),
            F.ws("B", [F.at(d1, "09:30", "small")]),
        ])
        let now = F.programme([
            F.ws("A", [F.at(d1, "09:30", "small")]),
            F.ws("B", [F.at(d1, "09:30", "plato")]),
            F.ws("N", [F.at(d1, "14:00", "plato")]),   // new: not published, no cost
        ])
        #expect(validate(now).units(.movedFromPublished) == 0)
        let report = validate(now, published: published)
        #expect(report.units(.movedFromPublished) == 2)
        #expect(report.of(.movedFromPublished)[0].penalty == 1000)
    }

    @Test func settingsSwitchOffReweighAndHarden() {
        let sessions = [
            F.ws("A", [F.at(d1, "09:30", "plato")], themes: ["openness"], audience: 120),
            F.ws("B", [F.at(d1, "09:30", "small")], themes: ["openness"]),
        ]
        let report = validate(F.programme(sessions, rules: [
            "theme-parallel": RuleSetting(weight: 3, hard: true),
            "room-too-small": RuleSetting(weight: 1, hard: false),
            "room-size-fit": RuleSetting(enabled: false),
            "day-balance": RuleSetting(weight: 0),
        ]))
        #expect(report.of(.themeParallel).map(\.penalty) == [3])
        #expect(report.of(.themeParallel)[0].hard)
        #expect(report.of(.roomTooSmall).map(\.penalty) == [20])
        #expect(!report.of(.roomTooSmall)[0].hard)
        #expect(report.of(.roomSizeFit).isEmpty)
        #expect(report.score == Score(hard: 3, soft: 20))
    }

    @Test func aCleanProgrammeHasNoViolations() {
        let report = validate(F.programme([
            F.ws("A", [F.at(d1, "09:30", "plato")], themes: ["openness"], audience: 60, people: ["alice"]),
            F.ws("B", [F.at(d1, "11:00", "plato")], themes: ["openness"], audience: 60, people: ["alice"]),
            F.ws("C", [F.at(d2, "09:30", "plato")], themes: ["security"], audience: 60, people: ["alice"]),
            F.ws("D", [F.at(d2, "11:00", "plato")], themes: ["security"], audience: 60),
        ], rules: ["panel-size": RuleSetting(limit: 1)]))   // one speaker is a whole panel here
        #expect(report.violations.isEmpty)
    }
}

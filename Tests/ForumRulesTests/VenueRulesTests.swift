import Testing
import Foundation
import ForumModel
@testable import ForumRules

/// The rules on the venue and the programme's shape (session kinds, languages, exclusive
/// sessions, buildings, topic tags) on small programmes whose answers are known.
@Suite struct VenueRulesTests {
    typealias F = Fixture
    let d1 = Fixture.day1, d2 = Fixture.day2

    /// The fixture's rooms with booths, captioning, a lightning area and two buildings.
    let rooms = [
        Room(id: "main", name: "Main Hall", capacity: 800, building: "icc", languages: ["en", "fr", "ja"], captioning: true),
        Room(id: "plato", name: "Plato Hall", capacity: 100, building: "icc", languages: ["en"]),
        Room(id: "small", name: "Small Room", capacity: 30, building: "annex", tags: ["lightning-area"]),
    ]

    func programme(_ sessions: [Session], labels: [String?] = [nil, nil], kinds: [KindPolicy] = [],
                   people: [Person]? = nil, tags: [TopicTag] = []) -> Programme {
        var p = F.programme(sessions, rooms: rooms)
        for (i, label) in labels.enumerated() { p.days[i].label = label }
        p.kinds = kinds
        p.tags = tags
        p.buildings = [Building(id: "icc", name: "ICC Kyoto", walks: ["annex": 15]), Building(id: "annex", name: "Annex")]
        if let people { p.people = people }
        return p
    }

    /// Validates and checks that the plain recount agrees with the counters.
    func check(_ p: Programme) -> ValidationReport {
        let problem = Problem(p)
        let state = ScoreState(problem: problem)
        for part in 0..<problem.partCount { if let pos = problem.initial[part] { state.add(part, at: pos) } }
        #expect(state.recountMismatch().isEmpty, "\(state.recountMismatch())")
        let report = validate(p)
        #expect(report.score == state.score)
        return report
    }

    // MARK: kind-policy

    @Test func aDayZeroEventOnDayTwoBreaksItsKindPolicy() {
        let sessions = [F.ws("Z", [F.at(d2, "09:30", "plato")], kind: .dayZero),
                        F.ws("Y", [F.at(d1, "09:30", "plato")], kind: .dayZero)]
        let report = check(programme(sessions, labels: ["Day 0", "Day 1"]))
        #expect(report.units(.kindPolicy) == 1)
        let v = report.of(.kindPolicy)[0]
        #expect(v.hard && v.sessions == ["Z"])
        #expect(v.message.contains("is on 2006-10-31; a day 0 event runs only on Day 0"), "\(v.message)")
        // Without a day called Day 0 the built-in policy does not hold the event to one.
        #expect(check(programme(sessions)).units(.kindPolicy) == 0)
    }

    @Test func durationsRoomsAndInterpretationOfTheBuiltInKinds() {
        var townHall = F.ws("T", [F.at(d1, "09:30", "plato")], kind: .townHall)   // 90 min: 30 or 60 allowed
        townHall.languages = ["fr"]                                                 // and no interpretation
        let lightningOff = F.ws("L", [F.at(d1, "14:00", "plato")], duration: 30, kind: .lightningTalk)
        let lightningOn = F.ws("M", [F.at(d2, "14:00", "small")], duration: 20, kind: .lightningTalk)
        let award = F.ws("A", [F.at(d2, "09:30", "main")], duration: 90, kind: .launchAward)   // 20–60
        let report = check(programme([townHall, lightningOff, lightningOn, award]))
        #expect(report.units(.kindPolicy) == 4)
        let t = report.of(.kindPolicy).first { $0.sessions == ["T"] }!
        #expect(t.message.contains("lasts 90 min; a town hall lasts 30 min or 60 min") && t.message.contains("asks for interpretation (fr)"), "\(t.message)")
        #expect(t.penalty == 2)
        let l = report.of(.kindPolicy).first { $0.sessions == ["L"] }!
        #expect(l.message.contains("a lightning talk belongs in lightning-area"), "\(l.message)")
        // Without a lightning area in the venue, lightning talks may go anywhere.
        let noArea = programme([lightningOff]).withRooms(rooms.map { var r = $0; r.tags = []; return r })
        #expect(check(noArea).units(.kindPolicy) == 0)
    }

    @Test func aProgrammesOwnPolicyReplacesTheBuiltInOne() {
        let own = KindPolicy(kind: .townHall, durations: [DurationRange(60, 120)], rooms: ["main"],
                             times: [TimeRange(start: TimeOfDay("09:00")!, end: TimeOfDay("12:30")!)])
        let sessions = [F.ws("T", [F.at(d1, "09:30", "main")], kind: .townHall),     // keeps it
                        F.ws("U", [F.at(d1, "14:00", "plato")], kind: .townHall)]    // wrong room and time
        let report = check(programme(sessions, kinds: [own]))
        #expect(report.units(.kindPolicy) == 2)
        #expect(report.of(.kindPolicy).allSatisfy { $0.sessions == ["U"] })
        #expect(report.of(.kindPolicy)[0].message.contains("runs 14:00–15:30; a town hall runs within 09:00–12:30"))
    }

    // MARK: language-missing

    @Test func languagesAndCaptioningTheRoomLacks() {
        var a = F.ws("A", [F.at(d1, "09:30", "plato")]); a.languages = ["fr", "ja", "en"]; a.captioning = true
        var b = F.ws("B", [F.at(d1, "11:00", "main")]); b.languages = ["fr", "ja"]; b.captioning = true
        var c = F.ws("C", [Placement(day: d1, start: TimeOfDay("14:00")!, room: nil)]); c.online = true; c.languages = ["es"]
        let report = check(programme([a, b, c]))
        #expect(report.units(.languageMissing) == 3)   // A: fr, ja, captioning; B fine; C online
        let v = report.of(.languageMissing)[0]
        #expect(v.hard && v.sessions == ["A"] && v.room == "plato")
        #expect(v.message.contains("needs interpretation into fr, ja and captioning"), "\(v.message)")
    }

    @Test func theSolverPutsSessionsWhereTheirLanguagesAre() {
        var a = F.ws("A", []); a.languages = ["ja"]
        var b = F.ws("B", []); b.captioning = true
        let p = programme([a, b])
        let problem = Problem(p)
        let state = ScoreState(problem: problem)
        let main = Int32(p.rooms.firstIndex { $0.id == "main" }!)
        for slot in 0..<problem.startCount {
            for r in 0..<problem.roomCount {
                let pos = problem.gridPos(part: 0, slot: slot, room: r)
                #expect(state.breaksPlacementOnlyHardRule(0, at: pos) == (pos.room != main) || problem.startRun[slot] < 90)
            }
        }
    }

    // MARK: exclusive-parallel

    @Test func nothingRunsAgainstTheOpening() {
        var online = F.ws("O", [Placement(day: d1, start: TimeOfDay("11:00")!, room: nil)]); online.online = true
        var marked = F.ws("X", [F.at(d2, "09:30", "main")]); marked.exclusive = true
        let sessions = [
            F.ws("OPEN", [F.at(d1, "10:00", "main")], duration: 180, kind: .opening),
            F.ws("A", [F.at(d1, "09:30", "plato")]),     // overlaps 10:00–11:00
            F.ws("B", [F.at(d1, "14:00", "plato")]),     // after it: fine
            online,                                       // online, still in parallel
            marked, F.ws("C", [F.at(d2, "09:30", "small")]),
        ]
        let report = check(programme(sessions))
        #expect(report.units(.exclusiveParallel) == 3)
        #expect(Set(report.of(.exclusiveParallel).map(\.sessions)) == [["OPEN", "A"], ["OPEN", "O"], ["X", "C"]])
        let a = report.of(.exclusiveParallel).first { $0.sessions == ["OPEN", "A"] }!
        #expect(a.room == "plato" && a.message.contains("which nothing may run against"), "\(a.message)")
    }

    // MARK: travel-time

    @Test func aWalkBetweenBuildingsLongerThanTheGap() {
        let people = [Person(id: "alice", name: "Alice"), Person(id: "bob", name: "Bob", attendance: .online)]
        func s(_ id: String, _ day: LocalDate, _ time: String, _ room: String, duration: Int = 90) -> Session {
            F.ws(id, [F.at(day, time, room)], duration: duration, people: ["alice", "bob"])
        }
        let sessions = [
            s("A", d1, "09:30", "main"), s("B", d1, "11:00", "small"),   // 0 min for a 15-min walk
            s("C", d1, "14:00", "plato"),                                // same building as nothing before it: fine
            s("D", d2, "09:30", "small", duration: 60), s("E", d2, "11:00", "main"),   // 30 min gap: fine
            s("F", d2, "14:00", "plato"), s("G", d2, "15:30", "main", duration: 60),   // one building: fine
        ]
        let report = check(programme(sessions, people: people))
        #expect(report.units(.travelTime) == 1)   // Alice A→B; Bob is online
        let v = report.of(.travelTime)[0]
        #expect(v.person == "alice" && v.sessions == ["A", "B"])
        #expect(v.message.contains("has 0 min to walk") && v.message.contains("the walk takes 15 min"), "\(v.message)")
    }

    // MARK: tag-parallel

    @Test func sessionsSharingATopicDoNotOverlapWeightedByTheTag() {
        func s(_ id: String, _ time: String, _ room: String, _ tags: [String]) -> Session {
            var x = F.ws(id, [F.at(d1, time, room)]); x.tags = tags; return x
        }
        let sessions = [s("A", "09:30", "main", ["children", "ai"]), s("B", "09:30", "plato", ["children", "ai"]),
                        s("C", "10:00", "small", ["children"]), s("D", "14:00", "small", ["ai"])]
        let report = check(programme(sessions, tags: [TopicTag(id: "ai", title: "Artificial intelligence", weight: 4)]))
        // children: A–B, A–C, B–C (weight 1 each); ai: A–B (weight 4).
        #expect(report.units(.tagParallel) == 7)
        #expect(report.of(.tagParallel).contains { $0.message.contains("both tagged Artificial intelligence") && $0.penalty == 4 * TagParallel.definition.weight })
    }
}

extension Programme {
    func withRooms(_ rooms: [Room]) -> Programme { var p = self; p.rooms = rooms; return p }
}

/// `clock-change`, on the days Athens changed its clocks in 2027 (forward on 28 March at
/// 03:00, back on 31 October at 04:00).
@Suite struct ClockChangeTests {
    func programme(_ date: LocalDate, _ start: String, _ end: String, zone: String = "Europe/Athens") -> Programme {
        Programme(event: Event(name: "Night", acronym: "night", timeZone: zone, startDate: date, endDate: date),
                  days: [Day(date: date, slots: [])],
                  rooms: [Room(id: "r1", name: "Room 1", capacity: 100)],
                  sessions: [Session(id: "s1", title: "Night owls", duration: 60,
                                     placements: [Placement(day: date, start: TimeOfDay(start)!, room: "r1", end: TimeOfDay(end)!)])])
    }

    func units(_ p: Programme) -> (Int, [String]) {
        let state = ScoreState(problem: Problem(p))
        for part in 0..<state.problem.partCount { if let pos = state.problem.initial[part] { state.add(part, at: pos) } }
        #expect(state.recountMismatch().isEmpty)
        let found = state.violations().filter { $0.rule == .clockChange }
        return (state.units[RuleID.clockChange.index], found.map(\.message))
    }

    @Test func aTimeThatDoesNotExistOrHappensTwiceCounts() throws {
        let spring = LocalDate(year: 2027, month: 3, day: 28), autumn = LocalDate(year: 2027, month: 10, day: 31)
        let (gap, gapMessages) = units(programme(spring, "03:30", "04:30"))
        #expect(gap == 1)
        #expect(gapMessages.first?.contains("on 2027-03-28 the clocks in Europe/Athens go forward from 03:00 to 04:00") == true)
        #expect(units(programme(spring, "02:00", "05:00")).0 == 1)        // runs across the gap
        #expect(units(programme(spring, "02:00", "03:00")).0 == 0)        // ends as the clocks jump
        #expect(units(programme(spring, "04:00", "05:00")).0 == 0)
        let (fold, foldMessages) = units(programme(autumn, "03:15", "03:45"))
        #expect(fold == 1)
        #expect(foldMessages.first?.contains("go back from 04:00 to 03:00") == true)
        #expect(units(programme(autumn, "10:00", "11:00")).0 == 0)
        #expect(units(programme(LocalDate(year: 2027, month: 3, day: 27), "03:30", "04:30")).0 == 0)   // the day before
        #expect(units(programme(spring, "03:30", "04:30", zone: "Asia/Tokyo")).0 == 0)                   // no summer time
        // New York changes at 02:00, on another Sunday.
        #expect(units(programme(LocalDate(year: 2027, month: 3, day: 14), "02:15", "02:45", zone: "America/New_York")).0 == 1)
    }
}

import Testing
import Foundation
import ForumModel
@testable import ForumRules

/// A tiny seeded generator for the tests (SplitMix64).
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// A random programme using every feature the rules look at: series, groups (no-overlap and
/// compact), themes (one cross-cutting), main sessions, people with unavailability, session
/// exclusions, preferences, order, audiences and equipment, rooms with availability windows,
/// online people with a home zone, organisers, and people's genders, groups, regions and
/// organisations (main sessions have a panel of three).
func randomProgramme(seed: UInt64, sessions count: Int) -> Programme {
    var rng = TestRandom(state: seed)
    // The second day is 29 October 2006, when Athens' clocks went back from 04:00 to 03:00 (clock-change).
    let d1 = LocalDate(year: 2006, month: 10, day: 28)
    let days = (0..<3).map { Day(date: d1.adding(days: $0), label: $0 == 0 ? "Day 0" : nil, slots: Fixture.slots()) }
    // Two buildings 75 minutes apart (so 13:00 to 14:00 is too short); booths, captioning and a lightning area in some rooms.
    let rooms = (0..<5).map { i in
        Room(id: "r\(i)", name: "Room \(i)", capacity: [30, 80, 150, 400, nil][i], equipment: i % 2 == 0 ? ["webcast"] : [],
             availability: i == 4 ? [TimeWindow(date: d1.adding(days: 1))] : [], building: i >= 3 ? "annex" : "main",
             languages: [["en", "fr"], [], ["en"], ["en", "fr", "es"], []][i], captioning: i == 0 || i == 3,
             tags: i == 2 ? ["lightning-area"] : [])
    }
    let themes = (0..<4).map { Theme(id: "t\($0)", title: "Theme \($0)", crossCutting: $0 == 3) }
    let people = (0..<12).map { i in
        Person(id: "p\(i)", name: "Person \(i)", stakeholderGroup: i % 6 == 5 ? nil : ["government", "civil society"][i % 2],
               region: i < 6 ? "Africa" : i % 3 == 0 ? nil : "WEOG", organisation: "org\(i % 2)",
               unavailable: i % 5 == 0 ? [TimeWindow(date: d1.adding(days: i % 3))] : [],
               attendance: i % 4 == 1 ? .online : .onsite, timezone: i % 4 == 1 ? "America/Bogota" : nil,
               gender: i % 2 == 0 ? "woman" : "man")
    }
    let times = ["09:30", "11:00", "10:00", "14:00", "10:15"]
    func randomPlacement() -> Placement {
        Placement(day: d1.adding(days: rng.below(4)), start: TimeOfDay(times[rng.below(times.count)])!,
                  room: rng.chance(5) ? "gone" : "r\(rng.below(5))",
                  end: rng.chance(10) ? TimeOfDay("12:00")! : nil)
    }
    var sessions: [Session] = []
    for i in 0..<count {
        let parts = rng.chance(20) ? 2 + rng.below(2) : 1
        let main = i < 3
        var s = Session(id: "s\(i)", title: "Session \(i)", kind: main ? .mainSession : .workshop,
                        themes: (0..<(1 + rng.below(2))).map { _ in "t\(rng.below(4))" },
                        duration: main || rng.chance(15) ? 180 : 90, audience: rng.chance(80) ? 10 + rng.below(200) : nil,
                        equipment: rng.chance(20) ? ["webcast"] : [],
                        people: (0..<rng.below(3)).map { _ in
                            let person = "p\(rng.below(12))", r = rng.below(100)
                            return Participation(person: person, role: r < 30 ? .moderator : r < 45 ? .organiser : .speaker)
                        } + (main ? ["p0", "p2", "p4"].map { Participation(person: $0, role: .speaker) } : []),
                        parts: parts, minDays: parts > 1 ? parts : 1, pinned: rng.chance(10))
        if rng.chance(15) { s.preferences = Preferences(days: [d1], times: [TimeRange(start: TimeOfDay("09:00")!, end: TimeOfDay("13:00")!)], rooms: ["r1"]) }
        if rng.chance(10) { s.unavailable = [TimeWindow(range: TimeRange(start: TimeOfDay("14:00")!, end: TimeOfDay("18:00")!))] }
        if i > 0 && rng.chance(15) { s.after = ["s\(rng.below(i))"] }
        // The IGF of today: kinds with policies, languages, captioning, an exclusive session, topic tags.
        if !main {
            switch i % 13 {
            case 7: s.kind = .townHall; if rng.chance(50) { s.duration = 60 }
            case 6: s.kind = .lightningTalk; s.duration = 30
            case 9: s.kind = .dayZero
            case 10: s.kind = .networking
            case 11: s.kind = .opening; s.duration = 60
            default: break
            }
        }
        if i % 6 == 2 { s.languages = rng.chance(50) ? ["fr"] : ["fr", "es"] }
        if i % 8 == 3 { s.captioning = true }
        if i == 5 { s.exclusive = true }
        if i == 8 { s.people = ["p1", "p5", "p2"].map { Participation(person: $0, role: .speaker) } }   // two of three online
        s.tags = (i % 7 == 0 ? ["children"] : []) + (i % 5 == 1 ? ["ai"] : [])
        s.placements = (0..<parts).compactMap { _ in rng.chance(85) ? randomPlacement() : nil }
        sessions.append(s)
    }
    // Hybrid: a virtual room, and every ninth session online only, placed in it, in no room,
    // or (wrongly) in a room of the venue.
    var allRooms = rooms
    allRooms.append(Room(id: "v", name: "Video channel", virtual: true))
    for i in stride(from: 4, to: sessions.count, by: 9) {
        sessions[i].online = true
        for k in sessions[i].placements.indices { sessions[i].placements[k].room = [nil, "v", sessions[i].placements[k].room][(i + k) % 3] }
    }
    let groups = (0..<4).map { g in
        SessionGroup(id: "g\(g)", title: "Group \(g)", sessions: (0..<(count / 3)).map { _ in "s\(rng.below(count))" },
                     noOverlap: g != 1, compact: g >= 1)
    }
    return Programme(event: Event(name: "Random", acronym: "random", timeZone: "Europe/Athens", startDate: d1, endDate: d1.adding(days: 2)),
                     days: days, rooms: allRooms, themes: themes, people: people, sessions: sessions, groups: groups,
                     ruleSettings: ["organisation-load": RuleSetting(limit: 1)],
                     buildings: [Building(id: "main", name: "Main building", walks: ["annex": 75]), Building(id: "annex", name: "Annex")],
                     kinds: [KindPolicy(kind: .networking, times: [TimeRange(start: TimeOfDay("09:00")!, end: TimeOfDay("12:30")!)])],
                     tags: [TopicTag(id: "ai", title: "Artificial intelligence", weight: 3)])
}

@Suite struct RecountTests {
    /// The checking mode: after every add, remove and move the incremental counters equal a
    /// recount from scratch, and the listed violations add up to the score.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func incrementalScoreMatchesFullRecountOnRandomMoves(seed: UInt64) {
        let programme = randomProgramme(seed: seed, sessions: 40)
        let published = randomProgramme(seed: seed + 100, sessions: 40)
        let problem = Problem(programme, published: published)
        let state = ScoreState(problem: problem)
        var rng = TestRandom(state: seed &* 7)
        for p in 0..<problem.partCount { if let pos = problem.initial[p] { state.add(p, at: pos) } }
        #expect(state.recountMismatch().isEmpty)
        func randomPos(_ p: Int) -> Pos {
            if rng.chance(80) && problem.startCount > 0 {
                return problem.gridPos(part: p, slot: rng.below(problem.startCount), room: rng.below(problem.roomCount))
            }
            let start = Int32([570, 600, 615, 840, 150][rng.below(5)])
            return Pos(day: Int32(rng.below(problem.dayCount)), start: start, end: start + Int32(30 * (1 + rng.below(6))),
                       room: Int32(rng.below(problem.roomCount)), slot: -1)
        }
        var fired = Set<RuleID>()
        for step in 0..<600 {
            let p = rng.below(problem.partCount)
            if state.isPlaced(p) {
                if rng.chance(25) { state.remove(p) } else {
                    // Scoring a move without making it agrees with making it.
                    let target = randomPos(p)
                    let before = state.score
                    let predicted = state.moveDelta(p, to: target)
                    #expect(state.score == before)
                    state.move(p, to: target)
                    #expect(Score(hard: state.score.hard - before.hard, soft: state.score.soft - before.soft) == predicted, "step \(step)")
                }
            } else {
                state.add(p, at: randomPos(p))
            }
            for (i, rule) in RuleID.allCases.enumerated() where state.units[i] > 0 { fired.insert(rule) }
            let mismatch = state.recountMismatch()
            #expect(mismatch.isEmpty, "step \(step): \(mismatch)")
            if !mismatch.isEmpty { return }
            if step % 50 == 0 {
                let listed = ValidationReport(violations: state.violations()).score
                #expect(listed == state.score, "step \(step): violations add to \(listed), counters say \(state.score)")
            }
        }
        #expect(ValidationReport(violations: state.violations()).score == state.score)
        // The sequence exercised every rule.
        #expect(fired == Set(RuleID.allCases), "never fired: \(Set(RuleID.allCases).subtracting(fired))")
    }

    @Test func unaryCacheAgreesWithDirectComputation() {
        let problem = Problem(randomProgramme(seed: 9, sessions: 30))
        let direct = ScoreState(problem: problem)
        let cached = ScoreState(problem: problem)
        cached.enableUnaryCache()
        for p in 0..<problem.partCount {
            for slot in 0..<problem.startCount {
                for room in 0..<problem.roomCount {
                    let pos = problem.gridPos(part: p, slot: slot, room: room)
                    #expect(direct.placementUnits(p, at: pos) == cached.placementUnits(p, at: pos))
                }
            }
        }
    }
}

@Suite struct CheckingModeTests {
    /// A counter made wrong on purpose is caught by the recount, and named.
    @Test func aBrokenCounterIsReportedWithItsRule() {
        let problem = Problem(randomProgramme(seed: 5, sessions: 30))
        let state = ScoreState(problem: problem)
        for p in 0..<problem.partCount { if let pos = problem.initial[p] { state.add(p, at: pos) } }
        #expect(state.recountMismatch().isEmpty)
        state.injectFault(.seriesSpread)
        let p = (0..<problem.partCount).first { state.isPlaced($0) }!
        let pos = state.at[p]
        state.move(p, to: pos)
        let mismatch = state.recountMismatch()
        #expect(mismatch.map(\.rule) == [.seriesSpread])
        #expect(mismatch.first.map { $0.incremental == $0.recount + 1 } == true)
    }

    /// Every rule of `forum rules` has its own file in Sources/ForumRules/Rules, named after it.
    @Test func everyRuleHasItsOwnFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ForumRules/Rules")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") })
        let expected = Set(RuleID.allCases.map { id in
            id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + ".swift"
        })
        #expect(files == expected)
    }
}

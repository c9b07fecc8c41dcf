import Testing
import Foundation
import ForumModel
import ForumFormats
@testable import ForumRules

/// The rules on people (load, panels, diversity, hybrid participation) on small programmes
/// whose answers are known.
@Suite struct PeopleRulesTests {
    typealias F = Fixture
    let d1 = Fixture.day1, d2 = Fixture.day2

    /// The fixture's frame with these people.
    func programme(_ sessions: [Session], people: [Person], rules: [String: RuleSetting] = [:],
                   days: [LocalDate]? = nil) -> Programme {
        var p = F.programme(sessions, rules: rules)
        p.people = people
        if let days {
            p.days = days.map { Day(date: $0, slots: F.slots()) }
            p.event.startDate = days.first!
            p.event.endDate = days.last!
        }
        return p
    }

    func session(_ id: String, _ placements: [Placement] = [], kind: SessionKind = .workshop, duration: Int = 90,
                 _ people: [(String, Role)], online: Bool = false) -> Session {
        Session(id: id, title: "Session \(id)", kind: kind, duration: duration,
                people: people.map { Participation(person: $0.0, role: $0.1) }, parts: max(1, placements.count),
                placements: placements, online: online)
    }

    // MARK: onsite-speakers

    @Test func onsiteSpeakersCountsMissingOnsiteSpeakersUpToTheLimit() {
        let people = [Person(id: "on1", name: "On One"), Person(id: "on2", name: "On Two"),
                      Person(id: "off1", name: "Off One", attendance: .online), Person(id: "off2", name: "Off Two", attendance: .online)]
        let sessions = [
            session("A", [F.at(d1, "09:30", "plato")], [("on1", .speaker), ("off1", .speaker), ("off2", .speaker)]),
            session("B", [F.at(d1, "11:00", "plato")], [("off1", .speaker), ("on2", .moderator)]),
            session("C", [], [("off1", .speaker), ("off2", .speaker)], online: true),
            session("D", [F.at(d1, "14:00", "plato")], [("on1", .speaker), ("on2", .speaker)]),
        ]
        let report = validate(programme(sessions, people: people))
        #expect(report.units(.onsiteSpeakers) == 2)   // A: 1 of 2; B: 0 of 1; C online; D fine
        let a = report.of(.onsiteSpeakers).first { $0.sessions == ["A"] }!
        #expect(a.penalty == 1 && !a.hard)
        #expect(a.message.contains("1 of its 3 speakers onsite") && a.message.contains("Off One (off1)") && a.message.contains("Off Two (off2)"))
        #expect(report.of(.onsiteSpeakers).first { $0.sessions == ["B"] }!.message.contains("0 of its 1 speakers onsite"))
        // limit 3: A needs 3 (2 missing), B 1, D only has 2 (both onsite).
        let three = validate(programme(sessions, people: people, rules: ["onsite-speakers": RuleSetting(limit: 3)]))
        #expect(three.units(.onsiteSpeakers) == 3)
    }

    // MARK: remote-hours

    let remotePeople = [
        Person(id: "ana", name: "Ana Silva", attendance: .online, timezone: "America/Bogota"),   // UTC-5, Athens UTC+2: -7 h
        Person(id: "ken", name: "Ken Sato", timezone: "Asia/Tokyo"),                             // +7 h; onsite but online-moderates
        Person(id: "noz", name: "No Zone", attendance: .online),
        Person(id: "kai", name: "Kai Onsite", timezone: "Pacific/Auckland"),                     // onsite: never judged
    ]

    @Test func remoteHoursCountsStartedHoursOutsideWakingHoursInTheirZone() {
        let sessions = [
            // 09:30-11:00 Athens: Ana 02:30-04:00 (2 started hours), Ken 16:30-18:00.
            session("R", [F.at(d1, "09:30", "plato")], [("ana", .speaker), ("ken", .onlineModerator), ("noz", .speaker), ("kai", .speaker)]),
            // 14:00-15:30: Ana 07:00-08:30, Ken 21:00-22:30: both inside.
            session("S", [F.at(d1, "14:00", "small")], [("ana", .speaker), ("ken", .onlineModerator)]),
            // Off the grid, 16:30-18:00: Ken 23:30-01:00 the next day (2 started hours), Ana 09:30-11:00.
            session("T", [F.at(d2, "16:30", "small")], [("ana", .speaker), ("ken", .onlineModerator)]),
            // Ken only speaks here, onsite: not judged.
            session("U", [F.at(d2, "09:30", "small")], [("ken", .speaker)]),
        ]
        let report = validate(programme(sessions, people: remotePeople))
        #expect(report.units(.remoteHours) == 4)
        let ana = report.of(.remoteHours).first { $0.person == "ana" }!
        #expect(ana.sessions == ["R"] && ana.penalty == 2)
        #expect(ana.message.contains("Ana Silva (America/Bogota) would take part 02:30–04:00 local time"), "\(ana.message)")
        #expect(ana.message.contains("2 started hours outside 07:00–23:00"))
        #expect(ana.fix!.contains("14:00–06:00 event time"), "\(ana.fix!)")
        let ken = report.of(.remoteHours).first { $0.person == "ken" }!
        #expect(ken.sessions == ["T"] && ken.penalty == 2)
        #expect(ken.message.contains("Ken Sato (Asia/Tokyo) would take part 23:30–01:00 the next day local time"), "\(ken.message)")

        // Hours 08:00-22:00: S now costs Ana 07:00-08:00 and Ken 22:00-22:30; R costs Ana 2; T costs Ken 23:30-01:00 (2).
        let narrow = validate(programme(sessions, people: remotePeople,
                                        rules: ["remote-hours": RuleSetting(hours: TimeRange(start: TimeOfDay("08:00")!, end: TimeOfDay("22:00")!))]))
        #expect(narrow.units(.remoteHours) == 6)
        #expect(narrow.of(.remoteHours).filter { $0.sessions == ["S"] }.count == 2)
    }

    @Test func remoteHoursIsAPlacementRuleAndItsTableAgreesOnEveryGridStart() {
        let problem = Problem(programme([
            session("R", [], [("ana", .speaker), ("ken", .onlineModerator)]),
            session("S", [], duration: 180, [("ana", .speaker)]),
        ], people: remotePeople))
        let direct = ScoreState(problem: problem), cached = ScoreState(problem: problem)
        cached.enableUnaryCache()
        let i = RuleID.remoteHours.index
        var total = 0
        for p in 0..<problem.partCount {
            for slot in 0..<problem.startCount {
                for room in 0..<problem.roomCount {
                    let pos = problem.gridPos(part: p, slot: slot, room: room)
                    #expect(direct.placementUnits(p, at: pos)[i] == cached.placementUnits(p, at: pos)[i])
                    total += direct.placementUnits(p, at: pos)[i] ?? -1000
                }
            }
        }
        #expect(total > 0)
    }

    /// New York leaves summer time on Sunday 4 November 2007 at 02:00 (06:00 UTC, 08:00 in
    /// Athens, which left it on 28 October): 13:30 in Athens is 07:30 in New York on the
    /// Friday and 06:30 on the Monday. On the Sunday itself the offset at the start counts.
    /// (In 2006 both left summer time on 29 October.)
    @Test func remoteHoursFollowsASummerTimeChange() throws {
        let fri = LocalDate(year: 2007, month: 11, day: 2), sun = LocalDate(year: 2007, month: 11, day: 4)
        let mon = LocalDate(year: 2007, month: 11, day: 5)
        let people = [Person(id: "nyc", name: "Nia York", attendance: .online, timezone: "America/New_York")]
        func units(_ day: LocalDate, _ start: String, _ duration: Int = 90) -> (Int, [Violation]) {
            let p = programme([session("N", [F.at(day, start, "plato")], duration: duration, [("nyc", .speaker)])], people: people, days: [fri, sun, mon])
            let report = validate(p)
            // The plain recount agrees with the counter.
            let problem = Problem(p)
            let state = ScoreState(problem: problem)
            state.add(0, at: problem.initial[0]!)
            #expect(state.recountMismatch().isEmpty, "\(state.recountMismatch())")
            return (report.units(.remoteHours), report.of(.remoteHours))
        }
        #expect(units(fri, "13:30").0 == 0)               // 07:30-09:00
        let (monday, found) = units(mon, "13:30")           // 06:30-08:00
        #expect(monday == 1)
        #expect(found.first?.message.contains("06:30–08:00 local time") == true, "\(found)")
        #expect(units(sun, "07:00", 60).0 == 1)             // before the change: 01:00-02:00 EDT
        let (sunday, later) = units(sun, "09:30")           // after it: 02:30-04:00 EST
        #expect(sunday == 2)
        #expect(later.first?.message.contains("02:30–04:00 local time") == true, "\(later)")
    }

    // MARK: person-load

    @Test func personLoadCountsSessionsBeyondTheLimitAndNamesThemAll() {
        let people = [Person(id: "amy", name: "Amy"), Person(id: "bo", name: "Bo")]
        let sessions = [
            session("A", [F.at(d1, "09:30", "plato")], [("amy", .speaker), ("amy", .moderator)]),
            session("B", [F.at(d1, "11:00", "plato")], [("amy", .chair)]),
            session("C", [], [("amy", .speaker)]),
            session("D", [F.at(d2, "09:30", "plato"), F.at(d2, "11:00", "plato")], [("amy", .rapporteur), ("bo", .speaker)]),
            session("E", [F.at(d2, "14:00", "plato")], [("amy", .organiser), ("bo", .speaker)]),
        ]
        let report = validate(programme(sessions, people: people))
        #expect(report.units(.personLoad) == 1)
        let v = report.of(.personLoad)[0]
        #expect(v.penalty == 10 && v.person == "amy" && v.sessions == ["A", "B", "C", "D"])
        #expect(v.message.contains("Amy (amy) takes part in 4 sessions, more than 3"))
        for id in ["A", "B", "C", "D"] { #expect(v.message.contains("\(id) 'Session \(id)'")) }
        #expect(validate(programme(sessions, people: people, rules: ["person-load": RuleSetting(limit: 4)])).units(.personLoad) == 0)
        #expect(validate(programme(sessions, people: people, rules: ["person-load": RuleSetting(limit: 1)])).units(.personLoad) == 3 + 1)
    }

    /// The whole path from a programme file: a speaker in four sessions.
    @Test func validatingAFileWithASpeakerInFourSessionsReportsPersonLoad() throws {
        var text = """
        event:
          name: Test Forum 2006
          timezone: Europe/Athens
          start: 2006-10-30
          end: 2006-11-01
        grid: ["09:30-11:00", "11:30-13:00"]
        rooms:
          - id: plato-hall
            capacity: 150
        people:
          - id: ndesai
            name: Nitin Desai
        sessions:

        """
        for (i, time) in ["2006-10-30 09:30", "2006-10-30 11:30", "2006-10-31 09:30", "2006-10-31 11:30"].enumerated() {
            text += "  - id: ws\(i + 1)\n    title: Workshop \(i + 1)\n    speakers: [ndesai]\n    placement: \(time) plato-hall\n"
        }
        let report = validate(try ProgrammeReader.read(text: text, file: "load.yaml"))
        let found = report.of(.personLoad)
        #expect(found.count == 1)
        #expect(found.first?.sessions == ["ws1", "ws2", "ws3", "ws4"])
        #expect(found.first?.person == "ndesai")
        #expect(found.first.map { v in ["ws1", "ws2", "ws3", "ws4"].allSatisfy { v.message.contains("\($0) 'Workshop") } } == true)
        #expect(report.score.soft >= 10)
    }

    // MARK: person-day-load

    @Test func personDayLoadCountsSessionsBeyondTheLimitPerDay() {
        let people = [Person(id: "amy", name: "Amy"), Person(id: "bo", name: "Bo")]
        let sessions = [
            session("A", [F.at(d1, "09:30", "plato")], [("amy", .speaker)]),
            session("B", [F.at(d1, "11:00", "plato")], [("amy", .moderator), ("bo", .speaker)]),
            session("C", [F.at(d1, "14:00", "plato")], [("amy", .speaker), ("bo", .organiser)]),
            // A series with two parts on day 2 counts once; its first part on day 1 once more.
            session("S", [F.at(d1, "14:00", "small"), F.at(d2, "09:30", "plato"), F.at(d2, "11:00", "plato")], [("bo", .speaker)]),
            session("U", [], [("amy", .speaker)]),
        ]
        let report = validate(programme(sessions, people: people))
        #expect(report.units(.personDayLoad) == 1)
        let v = report.of(.personDayLoad)[0]
        #expect(v.person == "amy" && v.day == d1 && v.sessions == ["A", "B", "C"])
        #expect(v.message.contains("Amy (amy) takes part in 3 sessions on 2006-10-30, more than 2"))
        #expect(validate(programme(sessions, people: people, rules: ["person-day-load": RuleSetting(limit: 1)])).units(.personDayLoad) == 2 + 1)
        #expect(validate(programme(sessions, people: people, rules: ["person-day-load": RuleSetting(limit: 3)])).units(.personDayLoad) == 0)
    }

    // MARK: organisation-load

    @Test func organisationLoadCountsEachSessionOncePerOrganisation() {
        let people = [Person(id: "a", name: "A", organisation: "ISOC"), Person(id: "b", name: "B", organisation: "ISOC"),
                      Person(id: "c", name: "C", organisation: "APC"), Person(id: "d", name: "D")]
        let sessions = [
            session("S1", [F.at(d1, "09:30", "plato")], [("a", .organiser), ("b", .organiser)]),
            session("S2", [], [("a", .organiser), ("c", .organiser)]),
            session("S3", [], [("b", .organiser)]),
            session("S4", [], [("b", .organiser), ("d", .organiser)]),
            session("S5", [], [("a", .speaker), ("c", .organiser)]),   // a speaks, does not organise
        ]
        let report = validate(programme(sessions, people: people))
        #expect(report.units(.organisationLoad) == 1)
        let v = report.of(.organisationLoad)[0]
        #expect(v.sessions == ["S1", "S2", "S3", "S4"] && v.message.contains("ISOC organises 4 sessions, more than 3"))
        // limit 1: ISOC 3 over, APC 1 over.
        #expect(validate(programme(sessions, people: people, rules: ["organisation-load": RuleSetting(limit: 1)])).units(.organisationLoad) == 4)
    }

    // MARK: panel-size

    @Test func panelSizeCountsMissingSpeakersExceptForKindsThatAreNotPanels() {
        let people = ["a", "b", "c"].map { Person(id: $0, name: $0.uppercased()) }
        let sessions = [
            session("W", [F.at(d1, "09:30", "plato")], [("a", .speaker), ("a", .speaker), ("b", .moderator)]),
            session("O", [], [("a", .speaker), ("b", .speaker)]),
            session("Open", [], kind: .opening, [("a", .speaker)]),
            session("L", [], kind: .lightningTalk, [("a", .speaker)]),
            session("N", [], [("b", .moderator)]),
            session("Full", [], kind: .townHall, [("a", .speaker), ("b", .speaker), ("c", .speaker)]),
        ]
        let report = validate(programme(sessions, people: people))
        #expect(report.units(.panelSize) == 3)   // W: 2 missing, O: 1
        #expect(report.of(.panelSize).first { $0.sessions == ["W"] }?.message.contains("has 1 speaker, fewer than 3") == true)
        #expect(validate(programme(sessions, people: people, rules: ["panel-size": RuleSetting(limit: 2)])).units(.panelSize) == 1)
    }

    // MARK: panel-gender

    @Test func panelGenderFlagsPanelsOfThreeOrMoreAllOfOneRecordedGender() {
        let people = [Person(id: "a", name: "A", gender: "female"), Person(id: "b", name: "B", gender: "Female "),
                      Person(id: "c", name: "C", gender: "female"), Person(id: "m", name: "M", gender: "male"),
                      Person(id: "x", name: "X")]
        let sessions = [
            session("Same", [F.at(d1, "09:30", "plato")], [("a", .speaker), ("b", .speaker), ("c", .speaker), ("m", .moderator)]),
            session("Mixed", [], [("a", .speaker), ("b", .speaker), ("m", .speaker)]),
            session("Unknown", [], [("a", .speaker), ("b", .speaker), ("x", .speaker)]),
            session("Two", [], [("a", .speaker), ("b", .speaker)]),
        ]
        let report = validate(programme(sessions, people: people))
        #expect(report.units(.panelGender) == 1)
        let v = report.of(.panelGender)[0]
        #expect(v.sessions == ["Same"] && v.message.contains("all 3 speakers are recorded as female"))
    }

    // MARK: stakeholder-diversity and region-diversity

    let diverse = [
        Person(id: "g1", name: "G1", stakeholderGroup: "government", region: "Africa"),
        Person(id: "g2", name: "G2", stakeholderGroup: "government", region: "Africa"),
        Person(id: "g3", name: "G3", stakeholderGroup: "government", region: "WEOG"),
        Person(id: "cs", name: "CS", stakeholderGroup: "civil society", region: "WEOG"),
        Person(id: "nn", name: "Nobody Recorded"),
    ]

    @Test func stakeholderDiversityCountsMissingGroupsAmongRecordedSpeakers() {
        let sessions = [
            session("Gov", [F.at(d1, "09:30", "plato")], [("g1", .speaker), ("g2", .speaker), ("g3", .speaker)]),
            session("Mix", [], [("g1", .speaker), ("cs", .speaker), ("g2", .speaker)]),
            session("One", [], [("g1", .speaker), ("nn", .speaker)]),          // one recorded: not judged
            session("Mod", [], [("g1", .speaker), ("g2", .moderator)]),        // one speaker
        ]
        let report = validate(programme(sessions, people: diverse))
        #expect(report.units(.stakeholderDiversity) == 1)
        let v = report.of(.stakeholderDiversity)[0]
        #expect(v.sessions == ["Gov"] && v.message.contains("come from one group (government), fewer than 2"))
        // limit 3: Gov 2 missing, Mix 1.
        #expect(validate(programme(sessions, people: diverse, rules: ["stakeholder-diversity": RuleSetting(limit: 3)])).units(.stakeholderDiversity) == 3)
    }

    @Test func regionDiversityCountsMissingRegionsAmongRecordedSpeakers() {
        let sessions = [
            session("Af", [F.at(d1, "09:30", "plato")], [("g1", .speaker), ("g2", .speaker), ("nn", .speaker)]),
            session("Both", [], [("g1", .speaker), ("g3", .speaker), ("cs", .speaker)]),
            session("West", [], [("g3", .speaker), ("cs", .speaker)]),
        ]
        let report = validate(programme(sessions, people: diverse))
        #expect(report.units(.regionDiversity) == 2)   // Af, West
        #expect(report.of(.regionDiversity).first { $0.sessions == ["Af"] }?.message.contains("2 speakers with a region recorded come from one region (Africa)") == true)
        // limit 3: Af needs only 2 (2 recorded): 1; Both needs 3, has 2: 1; West 1.
        #expect(validate(programme(sessions, people: diverse, rules: ["region-diversity": RuleSetting(limit: 3)])).units(.regionDiversity) == 3)
    }

    // MARK: Placement-independent rules

    @Test func placementIndependentRulesDoNotMoveWithThePlacement() {
        let people = [Person(id: "a", name: "A", attendance: .online), Person(id: "b", name: "B")]
        let p = programme((0..<5).map { session("S\($0)", [F.at(d1, "09:30", "plato")], [("a", .speaker), ("b", .organiser)]) }, people: people)
        let problem = Problem(p)
        let state = ScoreState(problem: problem)
        let fixed: [RuleID] = [.onsiteSpeakers, .personLoad, .panelSize]
        let before = fixed.map { state.units[$0.index] }
        #expect(before == [5, 2, 10])
        for q in 0..<problem.partCount { state.add(q, at: problem.initial[q]!) }
        state.move(0, to: problem.gridPos(part: 0, slot: 3, room: 1))
        #expect(fixed.map { state.units[$0.index] } == before)
        #expect(state.unplacedReason(0, blockedBy: .personLoad, domain: []).contains("no placement changes that"))
    }

    // MARK: Incremental counts

    /// A hybrid programme over New York's change of summer time: online people in zones with
    /// and without summer time (and a half-hour one), online moderators, people in many sessions.
    func hybridProgramme(seed: UInt64) -> Programme {
        var rng = TestRandom(state: seed)
        let first = LocalDate(year: 2007, month: 11, day: 3)
        let zones = ["America/New_York", "Asia/Kolkata", "Pacific/Auckland", "America/Bogota", nil, "Europe/London"]
        let people = (0..<10).map { i in
            Person(id: "p\(i)", name: "Person \(i)", attendance: i % 3 == 0 ? .onsite : .online, timezone: zones[i % zones.count])
        }
        let roles: [Role] = [.speaker, .speaker, .moderator, .onlineModerator, .organiser, .chair]
        let times = ["09:30", "11:00", "10:00", "14:00", "07:00"]
        let sessions = (0..<24).map { i in
            let parts = rng.chance(20) ? 2 : 1
            return Session(id: "s\(i)", title: "Session \(i)", duration: rng.chance(20) ? 180 : 90,
                           people: (0..<(1 + rng.below(4))).map { _ in Participation(person: "p\(rng.below(10))", role: roles[rng.below(roles.count)]) },
                           parts: parts,
                           placements: (0..<parts).map { _ in
                               Placement(day: first.adding(days: rng.below(3)), start: TimeOfDay(times[rng.below(times.count)])!, room: "r\(rng.below(3))")
                           })
        }
        let days = (0..<3).map { Day(date: first.adding(days: $0), slots: Fixture.slots()) }
        return Programme(event: Event(name: "Hybrid", acronym: "hybrid", timeZone: "Europe/Athens", startDate: first, endDate: first.adding(days: 2)),
                         days: days, rooms: (0..<3).map { Room(id: "r\($0)", name: "Room \($0)") }, themes: [], people: people,
                         sessions: sessions)
    }

    @Test(arguments: [(1, false), (2, true), (3, true)] as [(UInt64, Bool)])
    func remoteHoursAndPersonDayLoadCountsMatchTheRecountOnRandomMoves(seed: UInt64, cached: Bool) {
        let problem = Problem(hybridProgramme(seed: seed))
        let state = ScoreState(problem: problem)
        if cached { state.enableUnaryCache() }
        var rng = TestRandom(state: seed &* 13)
        for p in 0..<problem.partCount { if let pos = problem.initial[p] { state.add(p, at: pos) } }
        #expect(state.recountMismatch().isEmpty)
        func randomPos(_ p: Int) -> Pos {
            if rng.chance(70) {
                return problem.gridPos(part: p, slot: rng.below(problem.startCount), room: rng.below(problem.roomCount))
            }
            // Off the grid, early and late, across the change of time (08:00 in Athens on 4 November 2007).
            let start = Int32(rng.below(48) * 30)
            return Pos(day: Int32(rng.below(problem.dayCount)), start: start, end: min(1440, start + Int32(30 * (1 + rng.below(6)))),
                       room: Int32(rng.below(problem.roomCount)), slot: -1)
        }
        var seen = (remote: 0, day: 0)
        for step in 0..<400 {
            let p = rng.below(problem.partCount)
            if state.isPlaced(p) {
                if rng.chance(20) { state.remove(p) } else {
                    let target = randomPos(p)
                    let before = state.score
                    let predicted = state.moveDelta(p, to: target)
                    state.move(p, to: target)
                    #expect(Score(hard: state.score.hard - before.hard, soft: state.score.soft - before.soft) == predicted, "step \(step)")
                }
            } else {
                state.add(p, at: randomPos(p))
            }
            let mismatch = state.recountMismatch()
            #expect(mismatch.isEmpty, "step \(step): \(mismatch)")
            if !mismatch.isEmpty { return }
            seen.remote = max(seen.remote, state.units[RuleID.remoteHours.index])
            seen.day = max(seen.day, state.units[RuleID.personDayLoad.index])
            if step % 50 == 0 {
                #expect(ValidationReport(violations: state.violations()).score == state.score, "step \(step)")
            }
        }
        #expect(seen.remote > 0 && seen.day > 0)
    }
}

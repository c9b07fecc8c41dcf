import Testing
import ForumModel
import ForumRules
@testable import ITC2007

@Suite struct MappingTests {
    @Test func coursesBecomeSeriesOfOnePeriodSessions() throws {
        let p = ITCProgramme.programme(for: try tiny())
        #expect(p.sessions.map(\.id) == ["A", "B", "C"])
        let a = p.sessions[0]
        #expect(a.parts == 2 && a.minDays == 2 && a.duration == 60 && a.audience == 30)
        #expect(a.people == [Participation(person: "t1", role: .speaker)])
        #expect(p.people.map(\.id) == ["t1", "t2"])
        let b = p.sessions[1]
        #expect(b.unavailable == [TimeWindow(date: LocalDate(year: 2007, month: 1, day: 2),
                                             range: TimeRange(start: TimeOfDay(hour: 10, minute: 0), end: TimeOfDay(hour: 11, minute: 0)))])
    }

    @Test func daysRoomsAndCurriculaMapToTheModel() throws {
        let p = ITCProgramme.programme(for: try tiny())
        #expect(p.days.map(\.date.description) == ["2007-01-01", "2007-01-02"])
        #expect(p.days[0].slots.map { "\($0.start)-\($0.end)" } == ["08:00-09:00", "09:00-10:00", "10:00-11:00"])
        // Back-to-back slots: a one-period session fits at each start, the grid runs to 11:00.
        #expect(p.days[0].longestRun(from: TimeOfDay(hour: 8, minute: 0)) == 180)
        #expect(p.rooms.map { "\($0.id):\($0.capacity ?? -1)" } == ["R1:40", "R2:20"])
        #expect(p.groups == [SessionGroup(id: "Q1", title: "Q1", sessions: ["A", "B"], noOverlap: true, compact: true)])
        #expect(p.event.startDate.description == "2007-01-01" && p.event.endDate.description == "2007-01-02")
    }

    @Test func theRulesAreUD2AndNothingElse() throws {
        let book = RuleBook(settings: ITCProgramme.programme(for: try tiny()).ruleSettings)
        let soft = RuleID.allCases.filter { book.isEnabled($0) && !book[$0].hard }
        #expect(soft == [.roomTooSmall, .seriesSpread, .seriesRoomChange, .groupIsolated])
        #expect(soft.map { book[$0].weight } == [1, 5, 1, 2])
        // Every hard rule of the catalogue stays hard and on, except room-too-small (S1).
        for id in RuleID.allCases where id.definition.hard && id != .roomTooSmall {
            #expect(book.isEnabled(id) && book[id].hard, "\(id)")
        }
    }

    @Test func placementsRoundTripToTheSameSolution() throws {
        let instance = try CTTInstance.load(path: instancePath("comp01"))
        let solution = try CTTSolution.load(path: fixturePath("comp01-cost57.sol"), instance: instance)
        let placed = ITCProgramme.place(solution, on: ITCProgramme.programme(for: instance), instance: instance)
        #expect(placed.sessions.allSatisfy { $0.isPlaced })
        let back = try ITCProgramme.solution(from: placed, instance: instance)
        #expect(back.assignments.sorted() == solution.assignments.sorted())
        #expect(back.text(for: instance) == solution.text(for: instance))
    }

    @Test func aPlacementOffTheGridIsAnError() throws {
        let instance = try tiny()
        var p = ITCProgramme.programme(for: instance)
        p.sessions[2].placements = [Placement(day: LocalDate(year: 2007, month: 1, day: 1), start: TimeOfDay(hour: 8, minute: 30), room: "R1")]
        #expect(throws: InputError.self) { try ITCProgramme.solution(from: p, instance: instance) }
        p.sessions[2].placements = [Placement(day: LocalDate(year: 2007, month: 1, day: 3), start: TimeOfDay(hour: 8, minute: 0), room: "R1")]
        #expect(throws: InputError.self) { try ITCProgramme.solution(from: p, instance: instance) }
    }
}

import Testing
import ForumModel
@testable import ITC2007

/// Costs worked out by hand on the tiny instance (see Support.swift): A (t1, 2 lectures,
/// 2 days, 30 students) and B (t2, 2 lectures, 1 day, 10 students) form curriculum Q1;
/// C (t1, 1 lecture, 40 students) shares A's teacher. R1 seats 40, R2 seats 20.
@Suite struct EvaluatorTests {
    /// Q1 meets at periods 0 and 1 on both days; C sits after A on day 0. Nothing to pay.
    let base = """
    A R1 0 0
    A R1 1 0
    B R2 0 1
    B R2 1 1
    C R1 0 2
    """

    func replacing(_ line: String, with other: String) -> String {
        base.replacingOccurrences(of: line, with: other)
    }

    @Test func aPerfectTimetableCostsNothing() throws {
        let e = try evaluate(base, on: tiny())
        #expect(e == UD2Evaluation())
        #expect(e.isFeasible && e.total == 0)
    }

    @Test func s1CountsStudentsBeyondCapacity() throws {
        // C's 40 students in R2 (20 seats): 20.
        let e = try evaluate(replacing("C R1 0 2", with: "C R2 0 2"), on: tiny())
        #expect(e.roomCapacity == 20 && e.s1 == 20)
        #expect(e.total == 20 && e.isFeasible)
    }

    @Test func s2CountsMissingDaysAtFive() throws {
        // A on day 0 only (needs 2 days): 1 day short = 5. B moves to day 0 p2 and day 1 p1,
        // where it is alone in Q1 on day 1: 1 isolated lecture = 2.
        let sol = """
        A R1 0 0
        A R1 0 1
        B R2 0 2
        B R2 1 1
        C R1 1 2
        """
        let e = try evaluate(sol, on: tiny())
        #expect(e.minWorkingDays == 1 && e.s2 == 5)
        #expect(e.isolatedLectures == 1 && e.s3 == 2)
        #expect(e.total == 7 && e.isFeasible)
    }

    @Test func s3CountsIsolatedLecturesAtTwo() throws {
        // Day 0: A at p0 and B at p2 have no Q1 neighbour: 2 isolated = 4.
        let e = try evaluate(replacing("B R2 0 1", with: "B R2 0 2"), on: tiny())
        #expect(e.isolatedLectures == 2 && e.s3 == 4)
        #expect(e.total == 4 && e.isFeasible)
    }

    @Test func s3CountsALectureOncePerCurriculum() throws {
        // A second curriculum holding A alone makes each lecture of A isolated there too.
        let text = tinyText.replacingOccurrences(of: "Curricula: 1", with: "Curricula: 2")
            .replacingOccurrences(of: "Q1 2 A B\n", with: "Q1 2 A B\nQ2 1 A\n")
        let e = try evaluate(base, on: CTTInstance.parse(text))
        #expect(e.isolatedLectures == 2 && e.total == 4)
    }

    @Test func s3DoesNotLinkTheLastPeriodOfADayToTheNextDay() throws {
        // A at day 0 p2 and B at day 1 p0 are consecutive periods but on different days.
        let sol = """
        A R1 0 2
        A R1 1 1
        B R2 1 0
        B R2 0 1
        C R1 1 2
        """
        // Day 0: B p1, A p2 adjacent. Day 1: B p0, A p1 adjacent. Nothing isolated.
        #expect(try evaluate(sol, on: tiny()).total == 0)
        let split = """
        A R1 0 2
        A R1 1 1
        B R2 1 0
        B R2 0 0
        C R1 1 2
        """
        // Day 0: B p0 and A p2 isolated; day 1: B p0, A p1 adjacent. 2 isolated = 4.
        #expect(try evaluate(split, on: tiny()).isolatedLectures == 2)
    }

    @Test func s4CountsRoomsBeyondTheFirst() throws {
        // A in R1 and R2: 1 room change; its 30 students in R2 (20 seats): 10.
        let e = try evaluate(replacing("A R1 1 0", with: "A R2 1 0"), on: tiny())
        #expect(e.roomStability == 1 && e.s4 == 1)
        #expect(e.s1 == 10 && e.total == 11 && e.isFeasible)
    }

    @Test func aMissingOrExtraLectureIsHard() throws {
        // Without B's day-1 lecture, A is alone on day 1: also 1 isolated.
        let missing = try evaluate(replacing("B R2 1 1\n", with: ""), on: tiny())
        #expect(missing.lectures == 1 && missing.hardViolations == 1)
        #expect(missing.isolatedLectures == 1)
        let extra = try evaluate(base + "\nC R1 1 2", on: tiny())
        #expect(extra.lectures == 1 && extra.hardViolations == 1 && extra.total == 0)
    }

    @Test func twoLecturesInOneRoomAndPeriodAreHard() throws {
        // C joins B in R2 at day 0 p1 (different teachers, C in no curriculum): 1 occupancy
        // violation; C's 40 students in R2 cost 20.
        let e = try evaluate(replacing("C R1 0 2", with: "C R2 0 1"), on: tiny())
        #expect(e.roomOccupancy == 1 && e.conflicts == 0 && e.hardViolations == 1)
        #expect(e.s1 == 20)
    }

    @Test func aTeacherInTwoLecturesIsAConflict() throws {
        // C (teacher t1) at day 0 p0 with A (t1), in another room.
        let e = try evaluate(replacing("C R1 0 2", with: "C R2 0 0"), on: tiny())
        #expect(e.conflicts == 1 && e.roomOccupancy == 0 && e.hardViolations == 1)
    }

    @Test func aCurriculumInTwoLecturesIsAConflict() throws {
        // B at day 0 p0 beside A: 1 conflict; Q1 has 2 lectures at p0 and none at p1: both
        // isolated (4).
        let e = try evaluate(replacing("B R2 0 1", with: "B R2 0 0"), on: tiny())
        #expect(e.conflicts == 1 && e.hardViolations == 1)
        #expect(e.isolatedLectures == 2 && e.s3 == 4)
    }

    @Test func anUnavailablePeriodIsHard() throws {
        // B at day 1 p2, which it excluded; Q1 on day 1 is then A p0 and B p2: 2 isolated.
        let e = try evaluate(replacing("B R2 1 1", with: "B R2 1 2"), on: tiny())
        #expect(e.availability == 1 && e.hardViolations == 1)
        #expect(e.s3 == 4)
    }

    @Test func aRepeatedCoursePeriodIsHardAndCountedOnce() throws {
        // A second line for A at day 0 p0 (another room) is skipped, as the official
        // validator does, and reported.
        let e = try evaluate(base + "\nA R2 0 0", on: tiny())
        #expect(e.repeatedEntries == 1 && e.lectures == 0 && e.hardViolations == 1)
        #expect(e.total == 0)
    }

    // Published comp01 solutions with the costs their author's tests assert
    // (Docheinstein/itc2007-cct, tests/main.c: S1, S2, S3, S4 weighted as the validator prints).
    @Test(arguments: [
        ("comp01-cost5.sol", 4, 0, 0, 1, 5),
        ("comp01-cost57.sol", 30, 0, 6, 21, 57),
        ("comp01-cost463.sol", 424, 0, 0, 39, 463),
    ])
    func publishedComp01Solutions(_ row: (String, Int, Int, Int, Int, Int)) throws {
        let instance = try CTTInstance.load(path: instancePath("comp01"))
        let solution = try CTTSolution.load(path: fixturePath(row.0), instance: instance)
        #expect(solution.assignments.count == 160)
        let e = UD2Evaluator(instance: instance).evaluate(solution)
        #expect(e.isFeasible)
        #expect([e.s1, e.s2, e.s3, e.s4, e.total] == [row.1, row.2, row.3, row.4, row.5])
    }

    @Test func comp01AtItsOptimum() throws {
        let instance = try CTTInstance.load(path: instancePath("comp01"))
        let e = UD2Evaluator(instance: instance).evaluate(try CTTSolution.load(path: fixturePath("comp01-cost5.sol"), instance: instance))
        #expect(e.total == itcReference(for: "comp01")?.bestKnown)
    }
}

@Suite struct SolutionFileTests {
    @Test func writesSortedLinesThatReadBack() throws {
        let i = try tiny()
        let solution = try CTTSolution.parse("C R1 0 2\nB\tR2  1 1 \nA R1 1 0\nA R1 0 0\nB R2 0 1\n\n", instance: i)
        let text = solution.text(for: i)
        #expect(text == "A R1 0 0\nA R1 1 0\nB R2 0 1\nB R2 1 1\nC R1 0 2\n")
        #expect(Set(try CTTSolution.parse(text, instance: i).assignments) == Set(solution.assignments))
    }

    func error(_ text: String) throws -> InputError? {
        do { _ = try CTTSolution.parse(text, file: "x.sol", instance: try tiny()); return nil } catch let e as InputError { return e }
    }

    @Test func badLinesAreInputErrors() throws {
        let course = try #require(try error("A R1 0 0\nAA R1 0 1\n"))
        #expect(course.location.line == 2 && course.field == "CourseID" && course.hint == "did you mean `A`?")
        let room = try #require(try error("A R3 0 0\n"))
        #expect(room.field == "RoomID" && room.location.column == 3)
        let day = try #require(try error("A R1 2 0\n"))
        #expect(day.field == "Day")
        let period = try #require(try error("A R1 0 x\n"))
        #expect(period.field == "DayPeriod" && period.location.column == 8)
        let fields = try #require(try error("A R1 0\n"))
        #expect(fields.field == "solution")
    }
}

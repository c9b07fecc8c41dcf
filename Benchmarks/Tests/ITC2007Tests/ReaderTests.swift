import Testing
import ForumModel
@testable import ITC2007

@Suite struct ReaderTests {
    @Test func readsTheTinyInstance() throws {
        let i = try tiny()
        #expect(i.name == "Tiny")
        #expect(i.days == 2 && i.periodsPerDay == 3 && i.periods == 6)
        #expect(i.courses.map(\.id) == ["A", "B", "C"])
        #expect(i.courses[0] == CTTInstance.Course(id: "A", teacher: "t1", lectures: 2, minWorkingDays: 2, students: 30))
        #expect(i.rooms == [.init(id: "R1", capacity: 40), .init(id: "R2", capacity: 20)])
        #expect(i.curricula == [.init(id: "Q1", courses: [0, 1])])
        #expect(i.unavailability == [.init(course: 1, day: 1, period: 2)])
        #expect(i.totalLectures == 5)
    }

    @Test func toleratesTabsDoubleSpacesTrailingSpacesAndCRLF() throws {
        let messy = tinyText
            .replacingOccurrences(of: "R1 40", with: "R1\t40")
            .replacingOccurrences(of: "A t1 2 2 30", with: "A  t1\t2  2 30   ")
            .replacingOccurrences(of: "Name: Tiny", with: "Name:\tTiny  ")
            .replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\n"
        #expect(try CTTInstance.parse(messy) == (try tiny()))
    }

    @Test func roomIdsAreOpaque() throws {
        let text = tinyText.replacingOccurrences(of: "R1 40", with: "12 40").replacingOccurrences(of: "R2 20", with: "rB 20")
        #expect(try CTTInstance.parse(text).rooms.map(\.id) == ["12", "rB"])
    }

    @Test(arguments: [
        ("comp01", 30, 6, 5, 6, 14, 53, 160),
        ("comp02", 82, 16, 5, 5, 70, 513, 283),
        ("comp03", 72, 16, 5, 5, 68, 382, 251),
        ("comp04", 79, 18, 5, 5, 57, 396, 286),
        ("comp05", 54, 9, 6, 6, 139, 771, 152),
        ("comp06", 108, 18, 5, 5, 70, 632, 361),
        ("comp07", 131, 20, 5, 5, 77, 667, 434),
    ])
    func readsTheCompetitionInstances(_ row: (String, Int, Int, Int, Int, Int, Int, Int)) throws {
        // The sizes are the README's table (../shared/data/itc2007/README.md).
        let i = try CTTInstance.load(path: instancePath(row.0))
        #expect(i.courses.count == row.1)
        #expect(i.rooms.count == row.2)
        #expect(i.days == row.3 && i.periodsPerDay == row.4)
        #expect(i.curricula.count == row.5)
        #expect(i.unavailability.count == row.6)
        #expect(i.totalLectures == row.7)
    }

    func error(_ text: String) -> InputError? {
        do { _ = try CTTInstance.parse(text, file: "bad.ctt"); return nil } catch let e as InputError { return e } catch { return nil }
    }

    @Test func aShortSectionNamesTheLineWhereTheNextSectionStarts() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "Courses: 3", with: "Courses: 4")))
        #expect(e.location.file == "bad.ctt")
        #expect(e.location.line == 14)          // `ROOMS:` came where a fourth course was due
        #expect(e.field == "COURSES")
        #expect(e.message.contains("3 rows") && e.message.contains("4"))
    }

    @Test func aLongSectionIsReported() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "Rooms: 2", with: "Rooms: 1")))
        #expect(e.location.line == 16)          // `R2 20` where `CURRICULA:` was due
        #expect(e.field == "CURRICULA:")
    }

    @Test func anUnknownCourseInACurriculumSuggestsTheClosest() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "Q1 2 A B", with: "Q1 2 A Bx")))
        #expect(e.location.line == 19 && e.location.column == 8)
        #expect(e.field == "CURRICULA.CourseID")
        #expect(e.hint == "did you mean `B`?")
    }

    @Test func aCurriculumSizeMustMatchItsList() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "Q1 2 A B", with: "Q1 3 A B")))
        #expect(e.field == "CURRICULA.Courses" && e.location.line == 19)
    }

    /// A count near Int.max trapped in `2 + size` (found by the ITC fuzz target).
    @Test func hugeCountsAreInputErrorsWithTheRange() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "Q1 2 A B", with: "Q1 9223372036854775807 A B")))
        #expect(e.field == "CURRICULA.Courses" && e.location.line == 19)
        #expect(e.message.contains("from 0 to 1000000"))
    }

    @Test func numbersMustBeWholeAndDaysInRange() throws {
        let notNumber = try #require(error(tinyText.replacingOccurrences(of: "B t2 2 1 10", with: "B t2 two 1 10")))
        #expect(notNumber.field == "COURSES.Lectures" && notNumber.location.line == 11 && notNumber.location.column == 6)
        let badDay = try #require(error(tinyText.replacingOccurrences(of: "B 1 2\n", with: "B 2 2\n")))
        #expect(badDay.field == "UNAVAILABILITY_CONSTRAINTS.Day" && badDay.location.line == 22)
        let badPeriod = try #require(error(tinyText.replacingOccurrences(of: "B 1 2\n", with: "B 1 3\n")))
        #expect(badPeriod.field == "UNAVAILABILITY_CONSTRAINTS.DayPeriod")
        let wrongFields = try #require(error(tinyText.replacingOccurrences(of: "R2 20", with: "R2 20 7")))
        #expect(wrongFields.field == "ROOMS" && wrongFields.location.line == 16)
    }

    @Test func duplicatesAreReported() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "C t1 1 1 40", with: "A t1 1 1 40")))
        #expect(e.field == "COURSES.CourseID" && e.location.line == 12)
    }

    @Test func theHeaderIsCheckedInOrder() throws {
        let e = try #require(error(tinyText.replacingOccurrences(of: "Days: 2", with: "Dayz: 2")))
        #expect(e.field == "Days" && e.location.line == 4)
        let zero = try #require(error(tinyText.replacingOccurrences(of: "Periods_per_day: 3", with: "Periods_per_day: 0")))
        #expect(zero.field == "Periods_per_day")
    }

    @Test func endIsRequiredAndNothingMayFollowIt() throws {
        let missing = try #require(error(tinyText.replacingOccurrences(of: "END.", with: "")))
        #expect(missing.field == "END." && missing.message.contains("ends"))
        let trailing = try #require(error(tinyText + "extra\n"))
        #expect(trailing.location.line == 25)
    }
}

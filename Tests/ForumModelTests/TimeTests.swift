import Testing
@testable import ForumModel

@Suite struct TimeTests {
    @Test func datesRoundTripThroughDayNumbers() {
        for n in stride(from: -700_000, through: 2_900_000, by: 997) { // years 0053 … 9909
            let d = LocalDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(LocalDate(iso: d.description) == d)
        }
        #expect(LocalDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(LocalDate(iso: "2006-10-30")!.weekday == 1) // Athens opened on a Monday.
    }

    @Test func impossibleDatesAndTimesAreRejected() {
        #expect(LocalDate(iso: "2006-02-29") == nil)
        #expect(LocalDate(iso: "2008-02-29") != nil)
        #expect(LocalDate(iso: "2006-13-01") == nil)
        #expect(TimeOfDay("25:00") == nil)
        #expect(TimeOfDay("10:60") == nil)
        #expect(TimeOfDay("24:00")?.minutes == 1440)
        #expect(TimeOfDay("9:30")?.description == "09:30")
    }

    @Test func athensRanOnWinterTime() {
        let event = Event(name: "IGF 2006", acronym: "igf2006", timeZone: "Europe/Athens",
                          startDate: LocalDate(iso: "2006-10-30")!, endDate: LocalDate(iso: "2006-11-02")!)
        #expect(event.iso8601(date: LocalDate(iso: "2006-10-31")!, time: TimeOfDay("10:00")!) == "2006-10-31T10:00:00+02:00")
        // The day before summer time ended, Athens was UTC+3.
        #expect(event.iso8601(date: LocalDate(iso: "2006-10-28")!, time: TimeOfDay("10:00")!) == "2006-10-28T10:00:00+03:00")
    }

    @Test func backToBackSlotsJoin() {
        let day = Day(date: LocalDate(iso: "2006-10-31")!, slots: [
            Slot(start: TimeOfDay("09:30")!, end: TimeOfDay("11:00")!),
            Slot(start: TimeOfDay("11:00")!, end: TimeOfDay("12:30")!),
            Slot(start: TimeOfDay("14:00")!, end: TimeOfDay("15:30")!),
        ])
        #expect(day.longestRun(from: TimeOfDay("09:30")!) == 180)
        #expect(day.longestRun(from: TimeOfDay("14:00")!) == 90)
        #expect(day.longestRun(from: TimeOfDay("10:00")!) == 0)
    }

    @Test func closestIdIsSuggested() {
        #expect(closestMatch(to: "plato-hal", in: ["main-hall", "plato-hall", "kleoniki-room"]) == "plato-hall")
    }

    @Test func utcOffsetsAreWrittenAsISO8601() {
        #expect(Event.offsetText(7200) == "+02:00")
        #expect(Event.offsetText(0) == "+00:00")
        #expect(Event.offsetText(-16_200) == "-04:30")   // Caracas, 2007-2016
        #expect(Event.offsetText(20_700) == "+05:45")    // Kathmandu
        #expect(Event.offsetText(46_800) == "+13:00")
    }
}

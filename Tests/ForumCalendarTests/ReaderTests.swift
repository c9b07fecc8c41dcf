import Foundation
import ForumModel
@testable import ForumCalendar
import Testing

/// iCalendar text from lines (CRLF), as another program would write it.
func ics(_ lines: [String]) -> String { lines.joined(separator: "\r\n") + "\r\n" }

/// A VTIMEZONE for America/New_York in November 2006 (EST), with a TZID of the writer's own.
let newYorkZone = [
    "BEGIN:VTIMEZONE", "TZID:Eastern Standard Time (custom)",
    "BEGIN:STANDARD", "DTSTART:20061029T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:20060402T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "END:DAYLIGHT",
    "END:VTIMEZONE",
]

func event(_ uid: String, _ summary: String, _ start: String, _ end: String? = nil, location: String? = "Plato Hall", extra: [String] = []) -> [String] {
    ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20061001T000000Z", start] + (end.map { [$0] } ?? [])
        + ["SUMMARY:\(summary)"] + (location.map { ["LOCATION:\($0)"] } ?? []) + extra + ["END:VEVENT"]
}

@Suite struct ReaderTests {
    func placement(_ programme: Programme, _ id: String) -> String? {
        guard let session = programme.session(id), let p = session.placements.first else { return nil }
        return "\(p.day) \(session.span(of: p)) \(p.room ?? "online")"
    }

    @Test func timesInAnyFormAreConvertedToTheProgrammeZone() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"] + newYorkZone
            + event("utc-1", "In UTC", "DTSTART:20061031T080000Z", "DTEND:20061031T110000Z")
            + event("ny-1", "In New York", "DTSTART;TZID=Eastern Standard Time (custom):20061031T030000", "DTEND;TZID=Eastern Standard Time (custom):20061031T043000")
            + event("floating-1", "Floating", "DTSTART:20061101T093000", "DTEND:20061101T110000")
            + event("prefixed-1", "Prefixed TZID", "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Athens:20061101T150000", "DURATION:PT3H")
            + event("tokyo-1", "Tokyo without VTIMEZONE", "DTSTART;TZID=Asia/Tokyo:20061102T170000", "DTEND;TZID=Asia/Tokyo:20061102T183000", location: "Main Hall")
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "mixed.ics")
        let p = read.programme
        #expect(p.event.timeZone == "Europe/Athens")
        #expect(placement(p, "utc-1") == "2006-10-31 10:00–13:00 plato-hall")
        #expect(placement(p, "ny-1") == "2006-10-31 10:00–11:30 plato-hall")   // 03:00 EST = 08:00 UTC = 10:00 EET
        #expect(placement(p, "floating-1") == "2006-11-01 09:30–11:00 plato-hall")
        #expect(placement(p, "prefixed-1") == "2006-11-01 15:00–18:00 plato-hall")
        #expect(placement(p, "tokyo-1") == "2006-11-02 10:00–11:30 main-hall")  // 17:00 JST = 08:00 UTC
        #expect(p.rooms.map(\.name) == ["Plato Hall", "Main Hall"])
        // The custom TZID is matched by its rules (and its name) to New York; the floating time is noted.
        #expect(read.findings.map(\.kind) == [.zoneMapped, .floatingTime])
        #expect(read.findings[0].message.contains("read as America/New_York"))
        #expect(read.findings[0].uids == ["ny-1"])
        #expect(read.findings[1].uids == ["floating-1"])
        #expect(read.findings[1].message.contains("Europe/Athens"))
    }

    @Test func zoneIsTheMostUsedTZIDWhenNoneIsDeclared() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
            + event("a", "A", "DTSTART;TZID=Europe/Zurich:20120514T090000", "DTEND;TZID=Europe/Zurich:20120514T100000")
            + event("b", "B", "DTSTART;TZID=Europe/Zurich:20120515T090000", "DTEND;TZID=Europe/Zurich:20120515T100000")
            + event("c", "C", "DTSTART:20120515T070000Z", "DTEND:20120515T080000Z")
            + ["END:VCALENDAR"])
        let p = try CalendarReader().read(text: text, file: "wsis.ics").programme
        #expect(p.event.timeZone == "Europe/Zurich")
        #expect(placement(p, "c") == "2012-05-15 09:00–10:00 plato-hall")  // CEST, UTC+2
        #expect(p.event.startDate == Fixtures.date("2012-05-14"))
        #expect(p.days.count == 2)
    }

    @Test func duplicateUIDsAndEventsWithoutStartAreFindings() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("ws1@example.org", "Spam and cybercrime", "DTSTART:20061031T100000Z", "DTEND:20061031T113000Z")
            + event("ws1@example.org", "Privacy and identity", "DTSTART:20061101T100000Z", "DTEND:20061101T113000Z", location: "Kleoniki Room")
            + ["BEGIN:VEVENT", "UID:nostart@example.org", "DTSTAMP:20061001T000000Z", "SUMMARY:Greening development", "END:VEVENT"]
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "draft.ics")
        let duplicate = try #require(read.findings.first { $0.kind == .duplicateUID })
        #expect(duplicate.hard)
        #expect(duplicate.uids == ["ws1@example.org", "ws1@example.org"])
        #expect(duplicate.summaries == ["Spam and cybercrime", "Privacy and identity"])
        #expect(duplicate.lines == [5, 13])
        let missing = try #require(read.findings.first { $0.kind == .missingStart })
        #expect(missing.uids == ["nostart@example.org"])
        #expect(missing.lines == [21])
        #expect(missing.message.contains("Greening development"))
        // UIDs that are not ids give derived, unique session ids.
        #expect(read.programme.sessions.map(\.id) == ["ws1", "ws1-2", "nostart"])
        #expect(read.programme.session("nostart")?.placements.isEmpty == true)
        #expect(read.events["ws1-2"]?.first?.uid == "ws1@example.org")
    }

    @Test func overlapInOneRoomGivenInTwoZonesIsAnOverlap() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"] + newYorkZone
            + event("a@x", "Internet Bill of Rights", "DTSTART;TZID=Europe/Athens:20061101T133000", "DTEND;TZID=Europe/Athens:20061101T150000")
            + event("b@x", "Open standards", "DTSTART;TZID=Eastern Standard Time (custom):20061101T070000", "DTEND;TZID=Eastern Standard Time (custom):20061101T083000")
            + ["END:VCALENDAR"])
        let p = try CalendarReader().read(text: text, file: "clash.ics").programme
        #expect(placement(p, "a") == "2006-11-01 13:30–15:00 plato-hall")
        #expect(placement(p, "b") == "2006-11-01 14:00–15:30 plato-hall")
    }

    @Test func allDayRecurringAndLocationlessEventsAreNoted() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("giganet", "GigaNet Symposium", "DTSTART;VALUE=DATE:20061029")
            + event("daily", "Summing up", "DTSTART;TZID=Europe/Athens:20061031T090000", "DTEND;TZID=Europe/Athens:20061031T095000", location: nil, extra: ["RRULE:FREQ=DAILY;COUNT=3"])
            + event("odd", "Odd zone", "DTSTART;TZID=Mars/Olympus:20061031T120000", "DTEND;TZID=Mars/Olympus:20061031T130000")
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "x.ics")
        #expect(Set(read.findings.map(\.kind)) == [.allDay, .recurring, .noLocation, .unknownZone])
        #expect(read.findings.allSatisfy { !$0.hard })
        #expect(placement(read.programme, "odd") == "2006-10-31 12:00–13:00 plato-hall")
        #expect(placement(read.programme, "daily") == "2006-10-31 09:00–09:50 no-location-1")
        #expect(read.programme.session("giganet")?.placements.isEmpty == true)
    }

    @Test(arguments: [
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n", 5),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\n", 1),
        ("VERSION:2.0\r\nEND:VCALENDAR\r\n", 2),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 1),
        ("hello", 1),
    ])
    func brokenCalendarsAreInputErrorsWithALine(text: String, line: Int) throws {
        let error = try #require(throws: InputError.self) { try CalendarReader().read(text: text, file: "bad.ics") }
        #expect(error.location.file == "bad.ics")
        #expect(error.location.line == line)
    }
}

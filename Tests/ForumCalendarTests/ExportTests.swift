import Foundation
import ForumModel
@testable import ForumCalendar
import Testing

/// The unfolded lines of one VEVENT, found by its UID.
func eventLines(_ text: String, uid: String) -> [String] {
    let lines = unfolded(text).split(separator: "\n").map(String.init)
    var current: [String] = []
    var inEvent = false
    for line in lines {
        if line == "BEGIN:VEVENT" { inEvent = true; current = [] }
        if inEvent { current.append(line) }
        if line == "END:VEVENT" {
            inEvent = false
            if current.contains("UID:\(uid)") { return current }
        }
    }
    return []
}

func value(_ lines: [String], _ name: String) -> String? {
    lines.first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }.map { line in
        String(line[line.index(after: line.firstIndex(of: ":")!)...])
    }
}

@Suite struct ExportTests {
    let athens = Fixtures.athens

    @Test func calendarHasTheRequiredPropertiesAndOneCompactIANAZone() throws {
        let text = try CalendarExporter(programme: athens).calendar().text
        let lines = unfolded(text).split(separator: "\n").map(String.init)
        for required in ["VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-TIMEZONE:Europe/Athens",
                         "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "PRODID:\(CalendarExporter.productID)",
                         "X-WR-CALNAME:Internet Governance Forum\\, inaugural meeting (IGF 2006)"] {
            #expect(lines.contains(required), "missing \(required)")
        }
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.contains("TZID:Europe/Athens"))
        // The compact form: no TZUNTIL, no libical prefix, no rules reaching back to 1895.
        #expect(!text.contains("TZUNTIL"))
        #expect(!text.contains("freeassociation"))
        #expect(!lines.contains { $0.hasPrefix("RRULE") || $0.hasPrefix("RDATE") })
        #expect(lines.contains("TZOFFSETTO:+0200"))
        #expect(!lines.contains("TZOFFSETTO:+0300"), "Athens was on EET (+02:00) for the whole forum")
        // Every line ends in CRLF and no physical line is longer than 75 octets.
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func eachEventNamesTheIANAZoneAndTheRoom() throws {
        let text = try CalendarExporter(programme: athens).calendar().text
        let openness = eventLines(text, uid: "main-openness@igf2006.forum-scheduler")
        #expect(openness.contains("DTSTART;TZID=Europe/Athens:20061031T100000"))
        #expect(openness.contains("DTEND;TZID=Europe/Athens:20061031T130000"))
        #expect(openness.contains("SUMMARY:Openness"))
        #expect(openness.contains("LOCATION:Main Hall\\, Divani Apollon Palace & Spa\\, Vouliagmeni"))
        #expect(openness.contains("URL:https://www.intgovforum.org/Description_of_Theme_Openess.php"))
        // One CATEGORIES line with every value (khal shows none of two lines).
        #expect(openness.filter { $0.hasPrefix("CATEGORIES") } == ["CATEGORIES:Openness,Main session"])
        #expect(openness.contains("ORGANIZER;CN=IGF Secretariat:mailto:igf@un.org"))
        #expect(!openness.contains { $0.hasPrefix("ATTENDEE") }, "no e-mail addresses unless asked")
        #expect(openness.contains("SEQUENCE:0"))
        #expect(value(openness, "DESCRIPTION") == "Kind: Main session\\nTheme: Openness\\nModerator: Nik Gowing (BBC World)")
        #expect(value(openness, "DTSTAMP") == "20061030T000000Z")
        // Nine sessions with a time: nine events.
        #expect(unfolded(text).components(separatedBy: "BEGIN:VEVENT").count - 1 == 9)
    }

    @Test func sameInputGivesTheSameBytesAndStableUIDs() throws {
        let first = try CalendarExporter(programme: athens).calendar().text
        var moved = athens
        moved.sessions.reverse()
        moved.sessions[0].placements[0].start = TimeOfDay(hour: 11, minute: 30)
        let second = try CalendarExporter(programme: athens).calendar().text
        let third = try CalendarExporter(programme: moved).calendar().text
        #expect(first == second)
        let uids = { (text: String) in Set(unfolded(text).split(separator: "\n").filter { $0.hasPrefix("UID:") }) }
        #expect(uids(first) == uids(third))
        #expect(uids(first).contains("UID:ws-internet-bill-of-rights@igf2006.forum-scheduler"))
    }

    @Test func stampCanBeGiven() throws {
        let stamp = Date(timeIntervalSince1970: 1_161_000_000) // 2006-10-16T12:00:00Z
        let text = try CalendarExporter(programme: athens, stamp: stamp).calendar().text
        #expect(value(eventLines(text, uid: "main-access@igf2006.forum-scheduler"), "DTSTAMP") == "20061016T120000Z")
    }

    @Test func seriesPartsAreEventsOfTheirOwn() throws {
        var programme = athens
        programme.sessions.append(Session(id: "dc-access-track", title: "Access track", themes: ["access"], duration: 90, parts: 3,
                                          placements: [Fixtures.at("2006-10-31", "13:30", "plato-hall"), Fixtures.at("2006-11-02", "11:30", "plato-hall", end: "13:30")]))
        let text = try CalendarExporter(programme: programme).calendar().text
        let first = eventLines(text, uid: "dc-access-track.part1@igf2006.forum-scheduler")
        let second = eventLines(text, uid: "dc-access-track.part2@igf2006.forum-scheduler")
        #expect(value(first, "SUMMARY") == "Access track (part 1 of 3)")
        #expect(second.contains("DTEND;TZID=Europe/Athens:20061102T133000"))
        #expect(eventLines(text, uid: "dc-access-track.part3@igf2006.forum-scheduler").isEmpty, "the unplaced part has no event")
    }

    @Test(arguments: [
        (CalendarFilter(themes: ["openness"]), ["main-openness", "ws-internet-bill-of-rights", "ws-unesco-openness-cyberspace"]),
        (CalendarFilter(rooms: ["main-hall"], days: [Fixtures.date("2006-11-01")]), ["main-diversity", "main-access"]),
        (CalendarFilter(people: ["kcukier"]), ["setting-the-scene", "main-security"]),
        (CalendarFilter(sessions: ["taking-stock", "main-openness"]), ["main-openness", "taking-stock"]),
        (CalendarFilter(themes: ["access"], days: [Fixtures.date("2006-11-02")]), ["ws-open-standards-procurement"]),
    ])
    func filtersChooseSessions(filter: CalendarFilter, expected: [String]) throws {
        let text = try CalendarExporter(programme: athens).calendar(filter: filter).text
        let sessions = unfolded(text).split(separator: "\n").filter { $0.hasPrefix("X-FORUM-SESSION:") }.map { String($0.dropFirst(16)) }
        #expect(sessions == expected)
    }

    @Test func unknownFilterIdsAreInputErrorsWithAHint() throws {
        let exporter = try CalendarExporter(programme: athens, file: "athens.yaml")
        let error = try #require(throws: InputError.self) { try exporter.calendar(filter: CalendarFilter(rooms: ["plato-hal"])) }
        #expect(error.field == "--room")
        #expect(error.hint == "did you mean `plato-hall`?")
        #expect(throws: InputError.self) { try exporter.calendar(filter: CalendarFilter(days: [Fixtures.date("2006-12-01")])) }
    }

    @Test func unknownTimeZoneIsAnInputError() throws {
        var programme = athens
        programme.event.timeZone = "Europe/Athen"
        let error = try #require(throws: InputError.self) { try CalendarExporter(programme: programme, file: "p.yaml") }
        #expect(error.field == "event.timezone")
        #expect(error.hint?.contains("Europe/Athens") == true)
    }

    /// The event's name reaches the `# …` heading of index.md escaped: no HTML, no markup.
    @Test func theSplitIndexEscapesTheEventName() throws {
        var programme = athens
        programme.event.name = "<img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:alert(1))"
        let index = try CalendarExporter(programme: programme).split(by: .theme).index
        let heading = try #require(index.split(separator: "\n").first)
        #expect(heading.hasPrefix("# \\<img src=x onerror=alert(1)\\> \\<script\\>"), "\(heading)")
        #expect(!index.replacingOccurrences(of: "\\<", with: "").contains("<img"))
        #expect(!index.replacingOccurrences(of: "\\<", with: "").contains("<script"))
        #expect(!index.contains("[x]("))
    }

    @Test func splitByThemeWritesOneCalendarPerThemeAndAnIndex() throws {
        let (calendars, index) = try CalendarExporter(programme: athens).split(by: .theme)
        #expect(calendars.map(\.name) == ["igf2006-openness.ics", "igf2006-security.ics", "igf2006-diversity.ics", "igf2006-access.ics"])
        #expect(calendars.map(\.events) == [3, 1, 1, 2])
        #expect(calendars[0].title == "Internet Governance Forum, inaugural meeting (IGF 2006): Openness")
        #expect(unfolded(calendars[0].text).contains("X-WR-CALNAME:Internet Governance Forum\\, inaugural meeting (IGF 2006): Openness"))
        for calendar in calendars { #expect(index.contains("](\(calendar.name)): \(calendar.events) event")) }
        let byDay = try CalendarExporter(programme: athens).split(by: .day).calendars
        #expect(byDay.map(\.name) == ["igf2006-2006-10-30.ics", "igf2006-2006-10-31.ics", "igf2006-2006-11-01.ics", "igf2006-2006-11-02.ics"])
        #expect(byDay.map(\.events).reduce(0, +) == 9)
        let byPerson = try CalendarExporter(programme: athens).split(by: .person).calendars
        #expect(byPerson.count == 6)
    }

    @Test func utcProgrammesAreWrittenInUTC() throws {
        var programme = athens
        programme.event.timeZone = "UTC"
        let text = try CalendarExporter(programme: programme).calendar().text
        #expect(eventLines(text, uid: "main-openness@igf2006.forum-scheduler").contains("DTSTART:20061031T100000Z"))
        #expect(!text.contains("BEGIN:VTIMEZONE"))
    }
}

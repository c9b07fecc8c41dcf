import Foundation
import ForumFormats
import ForumModel
@testable import ForumCalendar
import Testing

/// Calendars written by other software (Tests/Calendars/producers, sources in SOURCES.md):
/// each imports, with its times on the clock the file means, and every zone that had to be
/// guessed or mapped is named in a finding (issue 13).
@Suite struct ProducerCalendarTests {
    static let folder = Tools.packageRoot.appendingPathComponent("Tests/Calendars/producers")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".ics") }.sorted()
    }

    @Test func everyFileIsListedWithItsSource() throws {
        let sources = try String(contentsOf: Self.folder.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        #expect(Self.files.count >= 26)
        for file in Self.files { #expect(sources.contains("| \(file) |"), "\(file) has no line in SOURCES.md") }
    }

    @Test(arguments: files) func importsAndReadsBack(file: String) throws {
        let path = Self.folder.appendingPathComponent(file).path
        let imported = try CalendarReader().read(file: path)
        #expect(!imported.programme.sessions.isEmpty, "\(file): no session read")
        // What `forum import ics` writes reads back as a programme file.
        let yaml = ProgrammeWriter.yaml(imported.programme)
        #expect(throws: Never.self, "\(file): the imported programme does not read back") {
            _ = try ProgrammeReader.read(text: yaml, file: "\(file).yaml")
        }
        // A TZID that is no IANA name is never taken silently.
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        let tzids = Set(text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard line.hasPrefix("DTSTART;TZID=") else { return nil }
            return line.dropFirst("DTSTART;TZID=".count).split(whereSeparator: { $0 == ":" || $0 == ";" }).first.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        })
        for tzid in tzids where TimeZone(identifier: tzid) == nil {
            #expect(imported.findings.contains { $0.message.contains(tzid) }, "\(file): zone \(tzid) taken without a word")
        }
    }

    /// Start times checked by hand against each file's offsets.
    @Test(arguments: [
        ("exchange-2007-display-name-tzid.ics", "Query", "Europe/Amsterdam", "2012-05-15", "15:00"),
        ("ical4j-davx5-truncated-vtimezone.ics", nil, "Europe/Berlin", "2025-09-17", "12:20"),
        ("custom-tzid-utc-plus-11.ics", "TESTIN", nil, "2017-02-28", "23:00"),
        ("google-tzid-without-vtimezone.ics", "WeeklyTest", "Asia/Tokyo", "2010-01-17", "00:00"),
    ] as [(String, String?, String?, String, String)])
    func knownStartTimes(file: String, title: String?, zone: String?, day: String, time: String) throws {
        let imported = try CalendarReader().read(file: Self.folder.appendingPathComponent(file).path)
        if let zone { #expect(imported.programme.event.timeZone == zone, "\(file)") }
        let session = try #require(imported.programme.sessions.first { title == nil || $0.title == title }, "\(file)")
        let placement = try #require(session.placements.first, "\(file): \(session.title) is not placed")
        #expect(placement.day.description == day, "\(file)")
        #expect(placement.start.description == time, "\(file)")
    }

    /// A recurring event becomes a series, one part per occurrence, on the clock the file
    /// means: EXDATE leaves an occurrence out (SabreDAV, weekly, 23:30Z is 00:30 in Berlin), a
    /// RECURRENCE-ID override moves one (Google: the 31 December Karaoke on 17 December, and a
    /// rule without an end read for a year), a cancelled override drops one (Thunderbird).
    /// The dates are those python-recurring-ical-events computes for these files (checked by hand).
    @Test(arguments: [
        ("sabredav-weekly-exdate.ics", ["2019-03-04 00:30", "2019-03-18 00:30", "2019-03-25 00:30", "2019-04-01 00:30",
                                        "2019-04-08 00:30", "2019-04-15 00:30", "2019-04-22 00:30"]),
        ("google-monthly-moved-occurrence.ics", ["2021-11-26 21:30", "2021-12-17 21:30", "2022-01-28 21:30", "2022-02-25 21:30",
                                                 "2022-03-25 21:30", "2022-04-29 21:30", "2022-05-27 21:30", "2022-06-24 21:30",
                                                 "2022-07-29 21:30", "2022-08-26 21:30", "2022-09-30 21:30", "2022-10-28 21:30",
                                                 "2022-11-25 21:30"]),
        ("thunderbird-cancelled-occurrence.ics", ["2020-01-28 22:00", "2020-01-30 22:00"]),
    ])
    func recurringEventsBecomeSeries(file: String, starts: [String]) throws {
        let imported = try CalendarReader().read(file: Self.folder.appendingPathComponent(file).path)
        let series = try #require(imported.programme.sessions.first { $0.parts > 1 })
        #expect(series.parts == starts.count)
        #expect(series.placements.map { "\($0.day) \($0.start)" } == starts)
        #expect(Set(series.placements.map(\.room)).count == 1, "the occurrences share one room")
        #expect(imported.findings.contains { $0.kind == .recurring && $0.message.contains("series of \(starts.count) parts") })
        #expect(imported.findings.filter { $0.kind == .duplicateUID }.isEmpty)
    }
}

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
}

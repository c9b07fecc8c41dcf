import Foundation
import ForumCalendar
import ForumFormats
import ForumModel
import Testing

/// What `forum validate` and `forum export ics` do, called from the library.
@Suite struct LibraryFileTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forum-calendar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func fileValidationReadsByExtension() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("athens.yaml").path
        try writeAtomically(ProgrammeWriter.text(Fixtures.athens, format: .yaml), to: yaml)
        let programme = try FileValidation.check(file: yaml)
        guard case .programme(_, let read, let report) = programme else { Issue.record("not read as a programme"); return }
        #expect(programme.text() == ReportFormatter.text(report, programme: read, file: yaml))

        let ics = dir.appendingPathComponent("athens.ics").path
        try writeAtomically(try CalendarExporter(programme: Fixtures.athens).calendar().text, to: ics)
        let calendar = try FileValidation.check(file: ics)
        guard case .calendar(let check) = calendar else { Issue.record("not read as a calendar"); return }
        #expect(calendar.json() == CalendarReport.json(check))
        #expect(calendar.hasHardProblems == check.hasHardProblems)
        #expect(throws: InputError.self) { try FileValidation.check(file: dir.appendingPathComponent("notes.txt").path) }
    }

    @Test func stampFromTextOrTheEnvironment() throws {
        #expect(try CalendarExporter.stamp("1161000000", environment: [:]) == Date(timeIntervalSince1970: 1_161_000_000))
        #expect(try CalendarExporter.stamp("2006-10-20T12:00:00Z", environment: [:]) == Date(timeIntervalSince1970: 1_161_345_600))
        #expect(try CalendarExporter.stamp(nil, environment: ["SOURCE_DATE_EPOCH": "5"]) == Date(timeIntervalSince1970: 5))
        #expect(try CalendarExporter.stamp(nil, environment: [:]) == nil)
        #expect(throws: InputError.self) { try CalendarExporter.stamp("tomorrow", environment: [:]) }
        for hostile in ["nan", "inf", "-inf", "1e20", "-1", "10000-01-01T00:00:00Z"] {
            #expect(throws: InputError.self) { try CalendarExporter.stamp(hostile, environment: [:]) }
            #expect(throws: InputError.self) { try CalendarExporter.stamp(nil, environment: ["SOURCE_DATE_EPOCH": hostile]) }
        }
        #expect(try CalendarExporter.stamp("253402300799", environment: [:]) == Date(timeIntervalSince1970: 253_402_300_799))
    }

    @Test func writeSplitUpdatesAgainstThePreviousFolderButNeverOverIt() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exporter = try CalendarExporter(programme: Fixtures.athens)
        let first = dir.appendingPathComponent("v1").path
        let written = try exporter.writeSplit(by: .theme, into: first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: first).sorted() == (written.map(\.name) + ["index.md"]).sorted())
        let again = try exporter.writeSplit(by: .theme, into: dir.appendingPathComponent("v2").path, previous: first)
        #expect(again.map(\.name) == written.map(\.name) && again.allSatisfy { $0.changed.isEmpty })
        #expect(throws: InputError.self) { try exporter.writeSplit(by: .theme, into: first, previous: first) }
    }
}

import Foundation
import ForumTestSupport
import Testing

/// A session placed in the hour the clocks change (which `clock-change` refuses, but an
/// export still writes) is written at the same instant, for the same length, by every
/// export: iCalendar, frab XML and frab JSON (issue 12, item 7).
@Suite struct ClockChangeExportTests {
    /// Athens 2027: clocks go forward 03:00→04:00 on 28 March and back 04:00→03:00 on 31 October.
    static let programme = """
        event: {name: Night Forum, acronym: night, timezone: Europe/Athens, start: 2027-03-28, end: 2027-10-31}
        grid: ["01:00-06:00"]
        rooms: [{id: hall, name: Hall, capacity: 100}]
        sessions:
          - {id: gap, title: In the gap, duration: 60, placement: 2027-03-28 03:30 hall}
          - {id: fold, title: In the fold, duration: 60, placement: 2027-10-31 03:15 hall}
          - {id: plain, title: Before it, duration: 60, placement: 2027-10-31 01:00 hall}
        """

    /// Instants by session, in seconds since 1970: (start, end).
    typealias Spans = [String: (start: Int, end: Int)]

    func forum(_ arguments: [String]) throws -> ProcessOutput {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        return try TestProcess.run(forum, arguments, in: TestProcess.packageRoot)
    }

    /// DTSTART/DTEND of each VEVENT, UTC (`…Z`) or Athens wall clock.
    func calendarSpans(_ text: String) throws -> Spans {
        var spans: Spans = [:]
        let utc = DateFormatter()
        utc.locale = Locale(identifier: "en_US_POSIX")
        utc.timeZone = TimeZone(identifier: "UTC")
        utc.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let athens = DateFormatter()
        athens.locale = utc.locale
        athens.timeZone = TimeZone(identifier: "Europe/Athens")
        athens.dateFormat = "yyyyMMdd'T'HHmmss"
        for event in text.components(separatedBy: "BEGIN:VEVENT").dropFirst() {
            let lines = event.components(separatedBy: "\r\n")
            func time(_ name: String) throws -> Int {
                let line = try #require(lines.first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") })
                let value = String(line[line.index(after: try #require(line.lastIndex(of: ":")))...])
                let date = value.hasSuffix("Z") ? utc.date(from: value) : athens.date(from: value)
                return Int(try #require(date, "\(line)").timeIntervalSince1970)
            }
            let summary = try #require(lines.first { $0.hasPrefix("SUMMARY:") })
            let id = summary.contains("gap") ? "gap" : summary.contains("fold") ? "fold" : "plain"
            // The fold's 03:15 would be read as either of two instants: written in UTC. The
            // gap's start is written as the clock shows it, 04:30, which exists once.
            if id == "fold" { #expect(lines.contains { $0.hasPrefix("DTSTART:") && $0.hasSuffix("Z") }, "the fold is not in UTC") }
            if id == "gap" { #expect(lines.contains { $0.hasPrefix("DTSTART;TZID=Europe/Athens:20270328T043000") }) }
            spans[id] = (try time("DTSTART"), try time("DTEND"))
        }
        return spans
    }

    /// `date` (ISO 8601 with offset) and `duration` of each frab XML event, with `start` checked against `date`.
    func frabSpans(_ xml: String) throws -> Spans {
        var spans: Spans = [:]
        let iso = ISO8601DateFormatter()
        for event in xml.components(separatedBy: "<event ").dropFirst() {
            func element(_ name: String) throws -> String {
                let open = try #require(event.range(of: "<\(name)>")), close = try #require(event.range(of: "</\(name)>"))
                return String(event[open.upperBound..<close.lowerBound])
            }
            let date = try element("date"), duration = try element("duration").split(separator: ":").compactMap { Int($0) }
            let instant = Int(try #require(iso.date(from: date), "\(date)").timeIntervalSince1970)
            // `start` is the clock time in `date`: a frab reader that uses either gets one answer.
            let start = try element("start"), title = try element("title")
            #expect(date.dropFirst(11).prefix(5) == Substring(start), "\(date) vs \(start)")
            let id = title.contains("gap") ? "gap" : title.contains("fold") ? "fold" : "plain"
            spans[id] = (instant, instant + (duration[0] * 60 + duration[1]) * 60)
        }
        return spans
    }

    @Test func everyExportWritesTheSameInstantsAndLengths() throws {
        let folder = try TestProcess.temporaryFolder("clock-export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("night.yaml")
        try Self.programme.write(to: file, atomically: true, encoding: .utf8)
        let ics = try forum(["export", "ics", file.path, "-o", folder.appendingPathComponent("night.ics").path])
        #expect(ics.status == 0, "\(ics.stderr)")
        // The note names each session, its day and how the time was read.
        #expect(ics.stderr.contains("gap on 2027-03-28: its start 03:30 does not exist in Europe/Athens"), "\(ics.stderr)")
        #expect(ics.stderr.contains("as 04:30 UTC+03:00"), "\(ics.stderr)")
        #expect(ics.stderr.contains("fold on 2027-10-31: its start 03:15 happens twice"), "\(ics.stderr)")
        #expect(!ics.stderr.contains("plain on"))
        let frab = try forum(["export", "frab", file.path, "-o", folder.appendingPathComponent("frab").path])
        #expect(frab.status == 0, "\(frab.stderr)")

        let calendar = try calendarSpans(String(contentsOf: folder.appendingPathComponent("night.ics"), encoding: .utf8))
        let schedule = try frabSpans(String(contentsOf: folder.appendingPathComponent("frab/schedule.xml"), encoding: .utf8))
        // RFC 5545 §3.3.5: 03:30 in the gap is read with the offset before it (UTC+2): 01:30Z;
        // 03:15 in the fold is its first occurrence (UTC+3): 00:15Z. Each lasts 60 minutes.
        let gap = 1_806_197_400, fold = 1_824_941_700
        #expect(calendar["gap"]?.start == gap && calendar["gap"]?.end == gap + 3600)
        #expect(calendar["fold"]?.start == fold && calendar["fold"]?.end == fold + 3600)
        for id in ["gap", "fold", "plain"] {
            #expect(calendar[id]?.start == schedule[id]?.start && calendar[id]?.end == schedule[id]?.end, "\(id)")
        }
        #expect(calendar["plain"].map { $0.end - $0.start } == 3600)
    }
}

import Foundation
import ForumFormats
import ForumModel
@testable import ForumCalendar
import Testing

/// Issue 13, item 1: a session that moves to another day's file is never lost by a participant
/// who imports the day files. One Athens workshop moves from Monday 30 October to Wednesday
/// 1 November; `forum export ics --split day` before, `--split day --previous` after; then the
/// files are imported as participants do, into khal (which keeps the last import of a UID,
/// whatever its SEQUENCE) and into a model of RFC 5546 clients in Python icalendar (which keep
/// the highest SEQUENCE, the newer DTSTAMP on a tie), in every order.
@Suite(.serialized) struct SplitImportTests {
    static let movedUID = "ws-capacity-building-ig@igf2006.forum-scheduler"
    static let oldDay = "igf2006-2006-10-30.ics"
    static let newDay = "igf2006-2006-11-01.ics"

    /// The two exports of the split, in `folder`: `v1` before the move, `v2` after it, and the
    /// programme after the move.
    static func exportBeforeAndAfterTheMove(into folder: URL) throws -> (v1: URL, v2: URL, moved: Programme)? {
        guard let forum = Tools.forum() else { return nil }
        let original = try String(contentsOf: URL(fileURLWithPath: ClientTests.athensPath), encoding: .utf8)
        let placement = "placement: 2006-10-30 13:30 room-3"
        try #require(original.components(separatedBy: placement).count == 2, "the workshop's placement line is in the file once")
        let movedText = original.replacingOccurrences(of: placement, with: "placement: 2006-11-01 13:30 room-3")
        let movedPath = folder.appendingPathComponent("athens-moved.yaml")
        try movedText.write(to: movedPath, atomically: true, encoding: .utf8)
        let v1 = folder.appendingPathComponent("v1"), v2 = folder.appendingPathComponent("v2")
        let first = try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "--split", "day", "-o", v1.path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try Tools.run(forum, ["export", "ics", movedPath.path, "--split", "day", "--previous", v1.path, "-o", v2.path])
        #expect(second.status == 0, "\(second.stderr)")
        return (v1, v2, try ProgrammeReader.read(path: movedPath.path))
    }

    static func calendars(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ics") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    /// A fresh khal with one calendar, in a throwaway HOME.
    struct Khal {
        let khal: String
        let folder: URL
        let config: URL
        var environment: [String: String] { ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path, "XDG_DATA_HOME": folder.path, "TZ": "Europe/Athens"] }

        init?(in folder: URL) throws {
            guard let khal = Tools.client("khal") else { return nil }
            self.khal = khal
            self.folder = folder
            config = try Tools.khalConfig(in: folder, zone: "Europe/Athens")
        }

        /// `khal import --batch` of each file, one call per file as a participant does.
        func importFiles(_ paths: [String]) throws {
            for path in paths {
                let result = try Tools.run(khal, ["-c", config.path, "import", "--batch", path], environment: environment)
                #expect(result.status == 0, "khal import \(path): \(result.stderr)")
            }
        }

        /// Every event khal shows: `start|end|uid|CANCELLED |title|categories`.
        func list() throws -> [String] {
            let result = try Tools.run(khal, ["-c", config.path, "list", "--day-format", "", "--format",
                                              "{start}|{end}|{uid}|{cancelled}|{title}|{categories}", "2006-10-25", "14d"], environment: environment)
            #expect(result.status == 0, "khal list: \(result.stderr)")
            return result.stdout.split(separator: "\n").filter { $0.contains("|") }.map(String.init).sorted()
        }
    }

    /// What khal must show after the update: every session once, at its time after the move, none cancelled.
    static func expectedListing(_ programme: Programme) -> [String] {
        ClientTests.expected(programme).map {
            "\(ClientTests.format($0.start, "Europe/Athens"))|\(ClientTests.format($0.end, "Europe/Athens"))|\($0.uid)||\($0.summary)"
        }.sorted()
    }

    static func withoutCategories(_ lines: [String]) -> [String] {
        lines.map { $0.split(separator: "|", omittingEmptySubsequences: false).prefix(5).joined(separator: "|") }
    }

    @Test func theMovedWorkshopIsInBothFilesAtItsNewTimeWithOneSequence() throws {
        let folder = try Tools.temporaryFolder("split-move")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (v1, v2, _) = try Self.exportBeforeAndAfterTheMove(into: folder) else { return }
        let before = try String(contentsOf: v1.appendingPathComponent(Self.oldDay), encoding: .utf8)
        #expect(value(eventLines(before, uid: Self.movedUID), "SEQUENCE") == "0")
        #expect(eventLines(try String(contentsOf: v1.appendingPathComponent(Self.newDay), encoding: .utf8), uid: Self.movedUID).isEmpty)
        for name in [Self.oldDay, Self.newDay] {
            let lines = eventLines(try String(contentsOf: v2.appendingPathComponent(name), encoding: .utf8), uid: Self.movedUID)
            #expect(value(lines, "SEQUENCE") == "1", "\(name)")
            #expect(lines.contains("STATUS:CONFIRMED"), "\(name)")
            #expect(lines.contains("DTSTART;TZID=Europe/Athens:20061101T133000"), "\(name)")
        }
        // The two copies are the same event, line for line.
        let copies = try [Self.oldDay, Self.newDay].map { eventLines(try String(contentsOf: v2.appendingPathComponent($0), encoding: .utf8), uid: Self.movedUID) }
        #expect(copies[0] == copies[1])
        let index = try String(contentsOf: v2.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("(igf2006-2006-10-30.ics): 5 events, 1 moved to another calendar"), "\(index)")
    }

    /// khal keeps the last import of a UID: the files agree, so every order of the files that
    /// hold the moved workshop, into a fresh calendar or one that imported the first export,
    /// ends with it at its new time, and every other session once at its time.
    @Test(arguments: [false, true], [false, true])
    func khalKeepsTheNewTimeInEveryOrder(afterTheFirstExport: Bool, newDayFirst: Bool) throws {
        let folder = try Tools.temporaryFolder("split-khal")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (v1, v2, moved) = try Self.exportBeforeAndAfterTheMove(into: folder), let khal = try Khal(in: folder) else { return }
        if afterTheFirstExport { try khal.importFiles(try Self.calendars(in: v1)) }
        let holding = [Self.oldDay, Self.newDay].map { v2.appendingPathComponent($0).path }
        let others = try Self.calendars(in: v2).filter { !holding.contains($0) }
        try khal.importFiles(others.prefix(1) + (newDayFirst ? holding.reversed() : holding) + others.dropFirst())
        let shown = try khal.list()
        #expect(Self.withoutCategories(shown) == Self.expectedListing(moved))
        #expect(shown.contains("2006-11-01 13:30|2006-11-01 15:00|\(Self.movedUID)||Capacity Building for Internet Governance in Developing Countries|Capacity building,Workshop"))
    }

    /// The measurement behind the scheme: khal ignores SEQUENCE and keeps whatever it imported
    /// last. Had the old day's file cancelled the workshop (with the new file's SEQUENCE, or a
    /// lower one), importing it after the new day's file would leave only the cancellation.
    @Test func khalKeepsTheLastImportWhateverTheSequence() throws {
        let folder = try Tools.temporaryFolder("split-khal-cancel")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (v1, v2, _) = try Self.exportBeforeAndAfterTheMove(into: folder) else { return }
        let oldText = try String(contentsOf: v1.appendingPathComponent(Self.oldDay), encoding: .utf8)
        for cancelSequence in ["1", "0"] {
            // The old day's file as a "cancel in the old file" scheme would write it.
            var inMoved = false
            var lines: [String] = []
            for line in oldText.components(separatedBy: "\r\n") {
                if line == "UID:\(Self.movedUID)" { inMoved = true }
                if inMoved && line.hasPrefix("SEQUENCE:") { lines.append("SEQUENCE:\(cancelSequence)"); continue }
                if inMoved && line == "STATUS:CONFIRMED" { lines.append("STATUS:CANCELLED"); continue }
                if line == "END:VEVENT" { inMoved = false }
                lines.append(line)
            }
            let cancelPath = folder.appendingPathComponent("cancel-\(cancelSequence).ics")
            try lines.joined(separator: "\r\n").write(to: cancelPath, atomically: true, encoding: .utf8)
            let sub = folder.appendingPathComponent("khal-\(cancelSequence)")
            guard let khal = try Khal(in: sub) else { return }
            try khal.importFiles([v2.appendingPathComponent(Self.newDay).path, cancelPath.path])
            let shown = try khal.list().filter { $0.contains(Self.movedUID) }
            #expect(shown.count == 1 && shown[0].hasPrefix("2006-10-30 13:30|") && shown[0].contains("|CANCELLED |"),
                    "SEQUENCE \(cancelSequence): khal shows \(shown)")
        }
    }

    /// A participant who follows only the old day's calendar learns the new time too.
    @Test func theOldDaysCalendarAloneShowsTheNewTime() throws {
        let folder = try Tools.temporaryFolder("split-khal-old-day")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (v1, v2, _) = try Self.exportBeforeAndAfterTheMove(into: folder), let khal = try Khal(in: folder) else { return }
        try khal.importFiles([v1.appendingPathComponent(Self.oldDay).path, v2.appendingPathComponent(Self.oldDay).path])
        let shown = try khal.list().filter { $0.contains(Self.movedUID) }
        #expect(shown.count == 1 && shown.first?.hasPrefix("2006-11-01 13:30|2006-11-01 15:00|") == true && shown.first?.contains("CANCELLED") == false,
                "\(shown)")
    }

    /// Clients that keep the highest SEQUENCE (the newer DTSTAMP on a tie, the later import on
    /// a full tie), modelled on Python icalendar: every order of all eight files of both
    /// exports ends with the same calendar, the second export's, the workshop at its new time.
    static let highestSequenceScript = """
    import sys, json, itertools, datetime, icalendar
    files = []
    for path in sys.argv[1:]:
        cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
        events = []
        for ev in cal.walk('VEVENT'):
            start = ev.decoded('DTSTART').astimezone(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M')
            events.append((str(ev['UID']), int(ev.get('SEQUENCE', 0)), ev.decoded('DTSTAMP'),
                           (str(ev.get('STATUS', '')), start, str(ev['SUMMARY']))))
        files.append(events)
    results = set()
    orders = 0
    for order in itertools.permutations(range(len(files))):
        orders += 1
        kept = {}
        for i in order:
            for uid, seq, stamp, state in files[i]:
                if uid not in kept or (seq, stamp) >= kept[uid][:2]:
                    kept[uid] = (seq, stamp, state)
        results.add(json.dumps({uid: list(v[2]) for uid, v in kept.items()}, sort_keys=True))
    print(json.dumps({'orders': orders, 'results': [json.loads(r) for r in sorted(results)]}))
    """

    @Test func clientsKeepingTheHighestSequenceAgreeInEveryOrder() throws {
        let folder = try Tools.temporaryFolder("split-python")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (v1, v2, moved) = try Self.exportBeforeAndAfterTheMove(into: folder), let python = Tools.python() else { return }
        let files = try Self.calendars(in: v1) + Self.calendars(in: v2)
        #expect(files.count == 8)
        let result = try Tools.run(python, ["-c", Self.highestSequenceScript] + files)
        #expect(result.status == 0, "\(result.stderr)")
        struct Outcome: Decodable { var orders: Int; var results: [[String: [String]]] }
        let outcome = try JSONDecoder().decode(Outcome.self, from: Data(result.stdout.utf8))
        #expect(outcome.orders == 40_320)
        #expect(outcome.results.count == 1, "\(outcome.results.count) different outcomes depending on the order")
        let final = outcome.results.first ?? [:]
        let expected = ClientTests.expected(moved)
        #expect(final.count == expected.count)
        for event in expected {
            #expect(final[event.uid] == ["CONFIRMED", ClientTests.format(event.start, "UTC"), event.summary], "\(event.uid): \(final[event.uid] ?? [])")
        }
        #expect(final[Self.movedUID]?[1] == "2006-11-01 11:30")
    }
}

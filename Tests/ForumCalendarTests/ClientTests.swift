import Foundation
import ForumFormats
import ForumModel
@testable import ForumCalendar
import Testing

/// The exported Athens calendar in real calendar software: khal and calcurse (Debian) and
/// Python's icalendar (PyPI), each asked to list every event. Each must show every placed
/// session at the right time, both on an Athens clock and on a UTC clock (Athens had left
/// summer time on 29 October 2006: Openness, 31 Oct 10:00–13:00 local, is 08:00–11:00 UTC).
@Suite(.serialized) struct ClientTests {
    static let athensPath = Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path

    struct Expected: Hashable {
        var uid: String
        var summary: String
        var start: Date
        var end: Date
    }

    /// Every event the calendar must hold, computed with Foundation's time zones (not libical).
    static func expected(_ programme: Programme) -> [Expected] {
        programme.sessions.flatMap { session -> [Expected] in
            let parts = max(session.parts, session.placements.count, 1)
            return session.placements.enumerated().map { index, placement in
                let span = session.span(of: placement)
                let start = programme.event.instant(date: placement.day, time: span.start)!
                let end = programme.event.instant(date: placement.day, time: span.end)!
                return Expected(uid: CalendarExporter.uid(event: programme.event, session: session.id, part: index + 1, parts: parts),
                                summary: parts > 1 ? "\(session.title) (part \(index + 1) of \(parts))" : session.title, start: start, end: end)
            }
        }
    }

    static func format(_ date: Date, _ zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `forum export ics Schedules/athens-2006.yaml -o athens.ics`, as the issue asks.
    func exportAthens(into folder: URL) throws -> (path: String, programme: Programme)? {
        guard let forum = Tools.forum() else { return nil }
        let programme = try ProgrammeReader.read(path: ClientTests.athensPath)
        let out = folder.appendingPathComponent("athens.ics").path
        let result = try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        return (out, programme)
    }

    @Test(arguments: ["Europe/Athens", "UTC"])
    func khalListsEverySessionAtTheRightTime(zone: String) throws {
        guard let khal = Tools.client("khal") else { return }
        let folder = try Tools.temporaryFolder("khal")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (ics, programme) = try exportAthens(into: folder) else { return }
        let config = try Tools.khalConfig(in: folder, zone: zone)
        // A throwaway HOME and XDG folders: khal never touches the user's own calendars.
        let env = ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path, "XDG_DATA_HOME": folder.path, "TZ": zone]
        let imported = try Tools.run(khal, ["-c", config.path, "import", "--batch", ics], environment: env)
        #expect(imported.status == 0, "khal import: \(imported.stderr)")
        let listed = try Tools.run(khal, ["-c", config.path, "list", "--day-format", "", "--format", "{start}|{end}|{uid}|{title}", "2006-10-25", "14d"],
                                   environment: env)
        #expect(listed.status == 0, "khal list: \(listed.stderr)")
        let shown = Set(listed.stdout.split(separator: "\n").filter { $0.contains("|") }.map(String.init))
        let expected = Set(ClientTests.expected(programme).map {
            "\(ClientTests.format($0.start, zone))|\(ClientTests.format($0.end, zone))|\($0.uid)|\($0.summary)"
        })
        #expect(!expected.isEmpty)
        #expect(shown == expected, "missing: \(expected.subtracting(shown).sorted())\nunexpected: \(shown.subtracting(expected).sorted())")
        if zone == "UTC" { #expect(shown.contains("2006-10-31 08:00|2006-10-31 11:00|main-openness@igf2006.forum-scheduler|Openness")) }
    }

    @Test(arguments: ["Europe/Athens", "UTC"])
    func calcurseListsEverySessionAtTheRightTime(zone: String) throws {
        guard let calcurse = Tools.client("calcurse") else { return }
        let folder = try Tools.temporaryFolder("calcurse")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (ics, programme) = try exportAthens(into: folder) else { return }
        let config = folder.appendingPathComponent("config"), data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        // calcurse reads TZID as a system zone name and shows times on the TZ clock.
        let env = ["HOME": folder.path, "TZ": zone]
        let imported = try Tools.run(calcurse, ["-C", config.path, "-D", data.path, "-i", ics], environment: env)
        #expect(imported.status == 0, "calcurse -i: \(imported.stderr)")
        #expect(imported.stdout.contains("\(ClientTests.expected(programme).count) apps"), "\(imported.stdout)")
        let listed = try Tools.run(calcurse, ["-C", config.path, "-D", data.path, "--input-datefmt", "4", "-Q", "--from", "2006-10-25", "--days", "14",
                                              "--filter-type", "cal", "--format-apt", "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\\n"],
                                   environment: env)
        #expect(listed.status == 0, "calcurse -Q: \(listed.stderr)")
        let shown = listed.stdout.split(separator: "\n").filter { $0.contains("|") }.map(String.init).sorted()
        let expected = ClientTests.expected(programme).map {
            "\(ClientTests.format($0.start, zone))|\(ClientTests.format($0.end, zone))|\($0.summary)"
        }.sorted()
        #expect(shown == expected, "missing: \(Set(expected).subtracting(shown).sorted())\nunexpected: \(Set(shown).subtracting(expected).sorted())")
        if zone == "UTC" { #expect(shown.contains("2006-10-31 08:00|2006-10-31 11:00|Openness")) }
    }

    static let icalendarScript = """
    import sys, datetime, json, icalendar
    cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
    out = []
    for ev in cal.walk('VEVENT'):
        s, e = ev.decoded('DTSTART'), ev.decoded('DTEND')
        cats = ev.get('CATEGORIES')
        cats = cats if isinstance(cats, list) else ([cats] if cats is not None else [])
        out.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']), 'location': str(ev.get('LOCATION', '')),
                    'description': str(ev.get('DESCRIPTION', '')), 'categories': [str(c) for cs in cats for c in cs.cats],
                    'local': s.isoformat(), 'utc': s.astimezone(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M'),
                    'utc_end': e.astimezone(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M'), 'zone': str(s.tzinfo)})
    print(json.dumps({'name': str(cal.get('X-WR-CALNAME')), 'events': out}, ensure_ascii=False))
    """

    struct PythonEvent: Decodable {
        var uid: String, summary: String, location: String, description: String, categories: [String]
        var local: String, utc: String, utc_end: String, zone: String
    }

    struct PythonCalendar: Decodable {
        var name: String
        var events: [PythonEvent]
    }

    static func readWithPython(_ path: String) throws -> PythonCalendar? {
        guard let python = Tools.python() else { return nil }
        let probe = try Tools.run(python, ["-c", "import icalendar"])
        guard probe.status == 0 else {
            Issue.record("Python's icalendar is not installed: run scripts/setup.sh test (CI runs it)")
            return nil
        }
        let result = try Tools.run(python, ["-c", icalendarScript, path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(PythonCalendar.self, from: Data(result.stdout.utf8))
    }

    @Test func pythonIcalendarReadsEverySessionAtTheRightTime() throws {
        let folder = try Tools.temporaryFolder("icalendar")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let (ics, programme) = try exportAthens(into: folder), let calendar = try ClientTests.readWithPython(ics) else { return }
        var expectedLocal: [String: String] = [:]
        for session in programme.sessions {
            let parts = max(session.parts, session.placements.count, 1)
            for (i, p) in session.placements.enumerated() {
                expectedLocal[CalendarExporter.uid(event: programme.event, session: session.id, part: i + 1, parts: parts)] = programme.event.iso8601(date: p.day, time: p.start)
            }
        }
        let expected = ClientTests.expected(programme)
        #expect(calendar.events.count == expected.count)
        #expect(calendar.name == programme.event.name)
        let byUID = Dictionary(calendar.events.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        for event in expected {
            guard let read = byUID[event.uid] else { Issue.record("icalendar does not see \(event.uid)"); continue }
            #expect(read.summary == event.summary)
            #expect(read.utc == ClientTests.format(event.start, "UTC") && read.utc_end == ClientTests.format(event.end, "UTC"), "\(event.uid)")
            #expect(read.local == expectedLocal[event.uid], "\(event.uid): \(read.local)")
            #expect(read.zone.contains("Athens"), "\(event.uid) in \(read.zone)")
        }
        #expect(byUID["main-openness@igf2006.forum-scheduler"]?.utc == "2006-10-31 08:00")
        #expect(byUID["main-openness@igf2006.forum-scheduler"]?.local == "2006-10-31T10:00:00+02:00")
    }

    /// A second parser sees the same text: escaped commas, one category per name, every script.
    @Test func pythonIcalendarReadsTheTextBack() throws {
        let programme = RoundTripTests().textProgramme()
        let folder = try Tools.temporaryFolder("icalendar-text")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("texts.ics").path
        try CalendarExporter(programme: programme).calendar().text.write(toFile: path, atomically: true, encoding: .utf8)
        guard let calendar = try ClientTests.readWithPython(path) else { return }
        let byUID = Dictionary(calendar.events.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        for session in programme.sessions {
            let event = try #require(byUID["\(session.id)@igf2006.forum-scheduler"])
            #expect(event.summary == session.title)
            #expect(event.categories == session.themes.map { programme.theme($0)!.title } + [session.kind.title])
            if let abstract = session.abstract?.trimmingCharacters(in: .whitespaces) {
                #expect(event.description.hasSuffix("\n\n" + abstract))
            }
            #expect(event.location == programme.room(session.placements[0].room!)!.name)
        }
        #expect(byUID["main-security@igf2006.forum-scheduler"]?.categories == ["Security, Privacy; Trust", "Main session"])
    }
}

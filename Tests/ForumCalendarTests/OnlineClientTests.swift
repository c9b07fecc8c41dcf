import CLibical
import Foundation
import ForumModel
@testable import ForumCalendar
import Testing

/// A programme with an online-only session placed in time only (no room), exported to
/// iCalendar and read by khal, calcurse, Python's icalendar and libical: each must see the
/// event with LOCATION "Online" at its instant (31 Oct 2006 10:00 in Athens, EET, is 08:00 UTC).
@Suite(.serialized) struct OnlineClientTests {
    /// Fixtures.athens cut down to its Openness session, plus an online-only session without a
    /// room and an online session in a virtual room.
    static var programme: Programme {
        var p = Fixtures.athens
        p.sessions = p.sessions.filter { $0.id == "main-openness" }
        p.rooms.append(Room(id: "zoom-a", name: "Zoom A", virtual: true))
        p.people.append(Person(id: "rkumar", name: "Raj Kumar", attendance: .online, timezone: "Asia/Kolkata"))
        p.sessions.append(Session(id: "ws-remote", title: "Remote participation in practice", duration: 90,
                                  people: [Participation(person: "rkumar", role: .onlineModerator)],
                                  placements: [Placement(day: Fixtures.date("2006-10-31"), start: TimeOfDay(hour: 10, minute: 0), room: nil)],
                                  online: true))
        p.sessions.append(Session(id: "ws-webinar", title: "Webinar on access", duration: 90,
                                  placements: [Placement(day: Fixtures.date("2006-10-31"), start: TimeOfDay(hour: 13, minute: 30), room: "zoom-a")],
                                  online: true))
        return p
    }

    /// What every client must show: UTC start and end, LOCATION, SUMMARY, per UID.
    static let expected: [String: (start: String, end: String, location: String, summary: String)] = [
        "ws-remote@igf2006.forum-scheduler": ("2006-10-31 08:00", "2006-10-31 09:30", "Online", "Remote participation in practice"),
        "ws-webinar@igf2006.forum-scheduler": ("2006-10-31 11:30", "2006-10-31 13:00", "Online (Zoom A)", "Webinar on access"),
        "main-openness@igf2006.forum-scheduler": ("2006-10-31 08:00", "2006-10-31 11:00", "Main Hall, Divani Apollon Palace & Spa, Vouliagmeni", "Openness"),
    ]

    func export(into folder: URL) throws -> String {
        let path = folder.appendingPathComponent("online.ics").path
        try CalendarExporter(programme: Self.programme).calendar().text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theExportSaysOnlineWhereTheRoomWouldBe() throws {
        let text = unfolded(try CalendarExporter(programme: Self.programme).calendar().text)
        #expect(text.contains("LOCATION:Online\n"))
        #expect(text.contains("LOCATION:Online (Zoom A)\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
    }

    @Test func khalShowsTheOnlineSessionAtItsTime() throws {
        guard let khal = Tools.client("khal") else { return }
        let folder = try Tools.temporaryFolder("khal-online")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ics = try export(into: folder)
        let config = try Tools.khalConfig(in: folder, zone: "UTC")
        let env = ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path, "XDG_DATA_HOME": folder.path, "TZ": "UTC"]
        let imported = try Tools.run(khal, ["-c", config.path, "import", "--batch", ics], environment: env)
        #expect(imported.status == 0, "khal import: \(imported.stderr)")
        let listed = try Tools.run(khal, ["-c", config.path, "list", "--day-format", "", "--format", "{start}|{end}|{uid}|{location}|{title}",
                                          "2006-10-25", "14d"], environment: env)
        #expect(listed.status == 0, "khal list: \(listed.stderr)")
        let shown = Set(listed.stdout.split(separator: "\n").filter { $0.contains("|") }.map(String.init))
        let expected = Set(Self.expected.map { uid, e in "\(e.start)|\(e.end)|\(uid)|\(e.location)|\(e.summary)" })
        #expect(shown == expected, "missing: \(expected.subtracting(shown).sorted())\nunexpected: \(shown.subtracting(expected).sorted())")
    }

    /// calcurse has no location field: its import puts `Location: …` into the appointment's note.
    @Test func calcurseShowsTheOnlineSessionAtItsTime() throws {
        guard let calcurse = Tools.client("calcurse") else { return }
        let folder = try Tools.temporaryFolder("calcurse-online")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ics = try export(into: folder)
        let config = folder.appendingPathComponent("config"), data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let env = ["HOME": folder.path, "TZ": "UTC"]
        let imported = try Tools.run(calcurse, ["-C", config.path, "-D", data.path, "-i", ics], environment: env)
        #expect(imported.status == 0, "calcurse -i: \(imported.stderr)")
        #expect(imported.stdout.contains("3 apps"), "\(imported.stdout)")
        let listed = try Tools.run(calcurse, ["-C", config.path, "-D", data.path, "--input-datefmt", "4", "-Q", "--from", "2006-10-25", "--days", "14",
                                              "--filter-type", "cal", "--format-apt", "%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%n|%m\\n"],
                                   environment: env)
        #expect(listed.status == 0, "calcurse -Q: \(listed.stderr)")
        var shown: [String] = []
        for line in listed.stdout.split(separator: "\n") where line.contains("|") {
            let fields = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 4, "\(line)")
            let note = (try? String(contentsOf: data.appendingPathComponent("notes/\(fields[2])"), encoding: .utf8)) ?? ""
            let location = note.split(separator: "\n").first { $0.hasPrefix("Location: ") }.map { String($0.dropFirst("Location: ".count)) } ?? "(none)"
            shown.append("\(fields[0])|\(fields[1])|\(location)|\(fields[3])")
        }
        let expected = Self.expected.values.map { "\($0.start)|\($0.end)|\($0.location)|\($0.summary)" }.sorted()
        #expect(shown.sorted() == expected)
    }

    @Test func pythonIcalendarShowsTheOnlineSessionAtItsTime() throws {
        let folder = try Tools.temporaryFolder("icalendar-online")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let calendar = try ClientTests.readWithPython(try export(into: folder)) else { return }
        #expect(calendar.events.count == Self.expected.count)
        for event in calendar.events {
            let want = try #require(Self.expected[event.uid], "unexpected \(event.uid)")
            #expect(event.location == want.location && event.summary == want.summary, "\(event.uid)")
            #expect(event.utc == want.start && event.utc_end == want.end, "\(event.uid)")
            #expect(event.zone.contains("Athens"), "\(event.uid) in \(event.zone)")
        }
        #expect(calendar.events.first { $0.uid == "ws-remote@igf2006.forum-scheduler" }?.local == "2006-10-31T10:00:00+02:00")
    }

    @Test func libicalShowsTheOnlineSessionAtItsTime() throws {
        let text = try CalendarExporter(programme: Self.programme).calendar().text
        let read: [String: (start: Int, end: Int, location: String?, summary: String?)] = try withLibical {
            let root = try #require(ICalComponent.parse(text))
            var out: [String: (Int, Int, String?, String?)] = [:]
            for vevent in root.children(ICAL_VEVENT_COMPONENT) {
                let start = icalcomponent_get_dtstart(vevent.pointer), end = icalcomponent_get_dtend(vevent.pointer)
                // The zone comes from the calendar's VTIMEZONE (its TZID is the IANA name).
                #expect(start.zone != nil && icaltime_is_utc(start) == 0)
                let uid = string(icalcomponent_get_uid(vevent.pointer)) ?? ""
                out[uid] = (unixTime(start, in: start.zone), unixTime(end, in: end.zone),
                            vevent.firstProperty(ICAL_LOCATION_PROPERTY).flatMap { string(icalproperty_get_location($0)) },
                            string(icalcomponent_get_summary(vevent.pointer)))
            }
            return out
        }
        #expect(read.count == Self.expected.count)
        for (uid, want) in Self.expected {
            let event = try #require(read[uid], "libical lacks \(uid)")
            let utc = { (seconds: Int) in ClientTests.format(Date(timeIntervalSince1970: TimeInterval(seconds)), "UTC") }
            #expect(utc(event.start) == want.start && utc(event.end) == want.end, "\(uid)")
            #expect(event.location == want.location && event.summary == want.summary, "\(uid)")
        }
    }
}

import Foundation
import Testing
import ForumFormats
import ForumModel
@testable import ForumPublish

/// Loads the exported schedule.xml into the real ConfClerk (Debian package) and reads back
/// what it stored.
///
/// ConfClerk has no command-line import: it imports through its GUI from a conference's URL.
/// So the test runs it headless under Xvfb with a HOME of its own, lets it create its SQLite
/// database, registers a conference whose URL is the exported file (`file://…`; ConfClerk
/// fetches it with Qt's network access manager, which reads file URLs), presses Ctrl+R
/// (ConfClerk's "Reload Conference") with xdotool, and then reads ConfClerk's database with
/// Python's sqlite3. ConfClerk stores each event's start as the conference's wall-clock time
/// without a zone (and the zone's offset separately); that wall-clock time is what it shows.
@Suite(.serialized) struct ConfClerkTests {
    static let driver = #"""
    set -u
    db="$HOME/.local/share/Toastfreeware/ConfClerk/ConfClerk.sqlite"
    # 1. First start: ConfClerk creates its database.
    has_schema() { python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("select count(*) from event")' "$db" 2>/dev/null; }
    confclerk >"$HOME/first.log" 2>&1 & pid=$!
    for i in $(seq 1 300); do [ -s "$db" ] && has_schema && break; sleep 0.1; done
    sleep 0.5; kill $pid; wait $pid 2>/dev/null
    has_schema || { echo "ConfClerk created no database: $(cat "$HOME/first.log")" >&2; exit 3; }
    # 2. Register the schedule's address as the active conference.
    python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("insert into conference (title,start,end,active,url) values (?,0,0,1,?)", ("forum-publish-pending", sys.argv[2])); d.commit()' "$db" "$SCHEDULE_URL"
    # 3. Second start: reload the conference from its address.
    confclerk >"$HOME/second.log" 2>&1 & pid=$!
    win=""
    for i in $(seq 1 300); do win=$(xdotool search --onlyvisible --name forum-publish-pending 2>/dev/null | head -1); [ -n "$win" ] && break; sleep 0.1; done
    [ -n "$win" ] || { echo "ConfClerk window did not appear: $(cat "$HOME/second.log")" >&2; kill $pid; exit 4; }
    xdotool windowfocus --sync "$win"; sleep 0.3; xdotool key --clearmodifiers ctrl+r
    for i in $(seq 1 400); do
      n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from event").fetchone()[0])' "$db" 2>/dev/null || echo 0)
      [ "$n" -ge "$EXPECTED_EVENTS" ] && break; sleep 0.1
    done
    sleep 1; kill $pid; wait $pid 2>/dev/null
    # 4. What ConfClerk stored, as JSON.
    python3 - "$db" <<'PY'
    import sqlite3, sys, json, datetime
    d = sqlite3.connect(sys.argv[1])
    conf = d.execute("select title, start, end, utc_offset, display_time_shift, timeslot_duration from conference where active = 1").fetchone()
    events = []
    for (eid, start, duration, title, subtitle, etype, language, abstract, track, room) in d.execute(
        "select e.id, e.start, e.duration, e.title, e.subtitle, e.type, e.language, e.abstract, t.name, r.name from event e "
        "join track t on t.id = e.xid_track join event_room er on er.xid_event = e.id and er.xid_conference = e.xid_conference "
        "join room r on r.id = er.xid_room order by e.start, r.name"):
        persons = [p[0] for p in d.execute("select p.name from person p join event_person ep on ep.xid_person = p.id and ep.xid_conference = p.xid_conference where ep.xid_event = ?", (eid,))]
        wall = datetime.datetime.fromtimestamp(start, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
        events.append(dict(id=eid, shown=wall, minutes=duration // 60, title=title, subtitle=subtitle, type=etype,
                           language=language, abstract=abstract, track=track, room=room, persons=sorted(persons)))
    print(json.dumps(dict(conference=dict(title=conf[0], utc_offset=conf[3], display_time_shift=conf[4],
                                          first_day=datetime.datetime.fromtimestamp(conf[1], datetime.timezone.utc).strftime("%Y-%m-%d"),
                                          last_day=datetime.datetime.fromtimestamp(conf[2], datetime.timezone.utc).strftime("%Y-%m-%d")),
                          events=events)))
    PY
    """#

    struct Stored: Decodable {
        struct Conference: Decodable { var title: String; var utc_offset: Int?; var display_time_shift: Int?; var first_day: String; var last_day: String }
        struct Event: Decodable { var id: Int; var shown: String; var minutes: Int; var title: String; var subtitle: String?; var type: String?; var language: String?; var abstract: String?; var track: String; var room: String; var persons: [String] }
        var conference: Conference
        var events: [Event]
    }

    /// Imports `programme`'s schedule.xml into ConfClerk and returns what ConfClerk stored.
    static func importIntoConfClerk(_ programme: Programme) throws -> (Stored, FrabSchedule) {
        let xvfb = try Tools.require("xvfb-run")
        _ = try Tools.require("confclerk")
        _ = try Tools.require("xdotool")
        _ = try Tools.require("python3")
        let folder = try Tools.temporaryFolder("confclerk")
        defer { try? FileManager.default.removeItem(at: folder) }
        let schedule = try FrabSchedule(programme: programme)
        let file = folder.appendingPathComponent("schedule.xml")
        try schedule.xml().write(to: file, atomically: true, encoding: .utf8)
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_RUNTIME_DIR"] = home.path
        environment.removeValue(forKey: "XDG_DATA_HOME")
        environment.removeValue(forKey: "XDG_CONFIG_HOME")
        environment.removeValue(forKey: "DISPLAY")
        environment["SCHEDULE_URL"] = file.absoluteString
        environment["EXPECTED_EVENTS"] = String(schedule.agenda.items.count)
        let result = try Tools.run([xvfb, "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", driver], environment: environment, timeout: 120)
        try #require(result.status == 0, "ConfClerk run failed (\(result.status)): \(result.stderr)")
        let stored = try JSONDecoder().decode(Stored.self, from: Data(result.stdout.utf8))
        return (stored, schedule)
    }

    @Test func athensFileLoadsWithEveryEventAtItsLocalTime() throws {
        let programme = try ProgrammeReader.read(path: Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path)
        try Self.expectEveryEventAtItsLocalTime(programme)
    }

    @Test func hostileTitlesAndSeriesLoadAsText() throws {
        let stored = try Self.expectEveryEventAtItsLocalTime(Athens.hostile)
        for title in Athens.hostileTitles { #expect(stored.events.contains { $0.title == title }) }
        #expect(stored.events.filter { $0.title == "Access track" }.map(\.subtitle) == ["Part 1 of 2", "Part 2 of 2"])
    }

    /// An online-only session placed without a room shows in ConfClerk in the room "Online",
    /// with "Online session." opening its abstract and its online people marked by name.
    @Test func onlineSessionLoadsInTheOnlineRoomWithOnlinePeopleMarked() throws {
        let (stored, schedule) = try Self.importIntoConfClerk(Hybrid.programme)
        #expect(stored.events.count == schedule.agenda.items.count)
        let remote = try #require(stored.events.first { $0.title == "Remote participation in practice" })
        #expect(remote.room == "Online")
        #expect(remote.shown == "2006-10-31 10:00" && remote.minutes == 90)
        #expect(remote.abstract == "Online session. How remote hubs join the forum.")
        #expect(remote.persons == ["Ana Lima", "Raj Kumar (online)"])
        let hall = try #require(stored.events.first { $0.title == "Hybrid panel in the hall" })
        #expect(hall.room == "Main Hall")
        #expect(hall.persons == ["Ana Lima", "Raj Kumar (online)"])
        let summer = try #require(stored.events.first { $0.title == "Summer-time webinar" })
        #expect(summer.room == "Zoom A" && summer.shown == "2006-10-27 10:00")
        #expect(summer.abstract == "Online session.")
    }

    /// Imports the programme's schedule.xml and checks every event as ConfClerk stored it.
    @discardableResult
    static func expectEveryEventAtItsLocalTime(_ programme: Programme) throws -> Stored {
        let (stored, schedule) = try Self.importIntoConfClerk(programme)
        #expect(stored.conference.title == "Internet Governance Forum 2006")
        #expect(stored.conference.first_day == "2006-10-30" && stored.conference.last_day == "2006-11-02")
        // ConfClerk took the offset from the events' dates: EET, UTC+02:00, and shows times unshifted.
        #expect(stored.conference.utc_offset == 7200)
        #expect(stored.conference.display_time_shift == nil)
        #expect(stored.events.count == schedule.agenda.items.count)
        let byID = Dictionary(uniqueKeysWithValues: stored.events.map { ($0.id, $0) })
        for item in schedule.agenda.items {
            let id = try #require(schedule.identities[item.key]?.id)
            let event = try #require(byID[id], "ConfClerk lacks \(item.key)")
            #expect(event.title == item.session.title)
            #expect(event.shown == "\(item.placement.day) \(item.range.start)", "\(item.key) shown at the wrong time")
            #expect(event.minutes == item.range.minutes)
            #expect(event.room == item.roomName)
            #expect(event.type == item.session.kind.title)
            // ConfClerk files events without a track under "No track".
            #expect(event.track == (item.mainTheme?.label ?? "No track"))
            // Each person once, whatever their roles (Pavel Antonov chairs and speaks in one workshop).
            #expect(event.persons == Set(item.session.people.map { programme.person($0.person)?.name ?? $0.person }).sorted())
        }
        return stored
    }
}

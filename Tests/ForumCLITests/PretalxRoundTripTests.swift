import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ForumTestSupport
import Testing

/// Our schedule.xml loaded into a real pretalx (2023.1.3, `scripts/setup.sh test` installs it in
/// .build/pretalx-venv) with its own `import_schedule` command: pretalx shows every event in the
/// room and at the instant we placed it. Offline: pretalx runs on SQLite in a temporary folder.
/// And the whole trip: pretalx's REST API served by pretalx on 127.0.0.1 → `forum import
/// pretalx` → `solve` → `export frab` → `import_schedule`.
@Suite(.serialized) struct PretalxRoundTripTests {
    static let python = TestProcess.packageRoot.appendingPathComponent(".build/pretalx-venv/bin/python").path
    static var hasPretalx: Bool { FileManager.default.isExecutableFile(atPath: python) }

    @Test(.enabled(if: hasPretalx, "pretalx is not installed: run scripts/setup.sh test (it makes .build/pretalx-venv)"))
    func pretalxImportsOurScheduleWithOurRoomsAndTimes() throws {
        let forum = try #require(TestProcess.forumExecutable(), "the forum executable is not built")
        let folder = try TestProcess.temporaryFolder("pretalx")
        defer { try? FileManager.default.removeItem(at: folder) }
        let programme = TestProcess.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
        let out = folder.appendingPathComponent("frab")
        #expect(try TestProcess.run(forum, ["export", "frab", programme, "-o", out.path]).status == 0)
        let xml = out.appendingPathComponent("schedule.xml").path

        var environment = ProcessInfo.processInfo.environment
        environment["PRETALX_DATA_DIR"] = folder.appendingPathComponent("data").path
        environment["PRETALX_FILESYSTEM_STATIC"] = folder.appendingPathComponent("static").path
        environment["PRETALX_FILESYSTEM_LOGS"] = folder.appendingPathComponent("logs").path
        func pretalx(_ arguments: [String]) throws -> ProcessOutput {
            let result = try TestProcess.run(Self.python, ["-m", "pretalx"] + arguments, environment: environment, timeout: 600)
            #expect(result.status == 0, "pretalx \(arguments.first ?? ""): \(result.stderr.suffix(2000))")
            return result
        }
        _ = try pretalx(["migrate"])
        _ = try pretalx(["shell", "-c", "from pretalx.common.models.settings import GlobalSettings; GlobalSettings().settings.set('instance_identifier', '6f0b7c8e-2d47-4b0e-9a51-5e2f6f1c0a11')"])
        let imported = try pretalx(["import_schedule", xml])
        #expect(imported.stdout.contains("Successfully imported"))
        // What pretalx shows: code (our event id), room, start as UTC seconds, per visible talk.
        let listed = try pretalx(["shell", "-c", """
        from django_scopes import scopes_disabled
        from pretalx.event.models import Event
        with scopes_disabled():
            e = Event.objects.get(slug='igf2006')
            for t in e.current_schedule.talks.filter(is_visible=True):
                print('TALK|%s|%s|%d|%d' % (t.submission.code, t.room.name, int(t.start.timestamp()), int((t.end - t.start).total_seconds() // 60)))
        """])
        let shown = Set(listed.stdout.split(separator: "\n").filter { $0.hasPrefix("TALK|") }.map { String($0.dropFirst(5)) })

        // What we placed, from our schedule.xml.
        let list = FrabEventList.read(xml)
        #expect(list.events.count == 47)
        let placed = Set(list.events.map { "\($0.id)|\($0.room)|\($0.date)|\($0.minutes)" })
        #expect(shown == placed)
    }
}

extension PretalxRoundTripTests {
    /// A pretalx data folder under `folder`, with the commands run in it.
    struct Instance {
        let environment: [String: String]

        init(folder: URL) {
            var environment = ProcessInfo.processInfo.environment
            environment["PRETALX_DATA_DIR"] = folder.appendingPathComponent("data").path
            environment["PRETALX_FILESYSTEM_STATIC"] = folder.appendingPathComponent("static").path
            environment["PRETALX_FILESYSTEM_LOGS"] = folder.appendingPathComponent("logs").path
            self.environment = environment
        }

        @discardableResult
        func run(_ arguments: [String]) throws -> ProcessOutput {
            let result = try TestProcess.run(PretalxRoundTripTests.python, ["-m", "pretalx"] + arguments, environment: environment, timeout: 600)
            #expect(result.status == 0, "pretalx \(arguments.first ?? ""): \(result.stderr.suffix(2000))")
            return result
        }

        /// The lines of `shell -c script` that start with `prefix`, without it.
        func lines(_ script: String, prefix: String) throws -> [String] {
            try run(["shell", "-c", script]).stdout.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// pretalx's own demo event (`create_test_event --seed 1`: 67 submissions, 36 confirmed,
    /// two rooms, three days from yesterday) served by `runserver` on a free port; our import
    /// reads the confirmed ones through the REST API with a token, takes pretalx's rooms, and
    /// the programme we solve and export comes back into pretalx (as a new event: pretalx
    /// 2023.1.3's `import_schedule` matches talks by the frab `id`, not by submission code)
    /// with every talk in our room, at our instant, for our length, under its title.
    @Test(.enabled(if: hasPretalx, "pretalx is not installed: run scripts/setup.sh test (it makes .build/pretalx-venv)"))
    func submissionsFromPretalxsAPIComeBackPlaced() throws {
        let forum = try #require(TestProcess.forumExecutable(), "the forum executable is not built")
        let folder = try TestProcess.temporaryFolder("pretalx-live")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pretalx = Instance(folder: folder)
        try pretalx.run(["migrate"])
        try pretalx.run(["collectstatic", "--noinput"])
        let token = try #require(try pretalx.lines("""
        from pretalx.common.models.settings import GlobalSettings
        from pretalx.person.models import User
        GlobalSettings().settings.set('instance_identifier', '6f0b7c8e-2d47-4b0e-9a51-5e2f6f1c0a11')
        u = User.objects.create_superuser(email='admin@example.org', password='admin')
        u.is_administrator = True
        u.save()
        u.regenerate_token()
        print('TOKEN|' + u.auth_token.key)
        """, prefix: "TOKEN|").first)
        try pretalx.run(["create_test_event", "--seed", "1"])
        let facts = try pretalx.lines("""
        from django_scopes import scopes_disabled
        from pretalx.event.models import Event
        with scopes_disabled():
            e = Event.objects.get(slug='democon')
            print('EVENT|%s|%s|%s' % (e.timezone, e.date_from, e.date_to))
            for s in e.submissions.filter(state='confirmed'):
                print('CONFIRMED|%s|%s' % (s.code, s.title))
        """, prefix: "")
        let event = try #require(facts.first { $0.hasPrefix("EVENT|") }).split(separator: "|").map(String.init)
        let confirmed = Dictionary(uniqueKeysWithValues: facts.filter { $0.hasPrefix("CONFIRMED|") }.map {
            let parts = $0.split(separator: "|", maxSplits: 2).map(String.init)
            return (parts[1], parts[2])
        })
        #expect(confirmed.count == 36)

        // The frame: pretalx's zone and dates, a half-hour grid, no rooms (they come from pretalx).
        func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        let grid: [String] = stride(from: 9 * 60, to: 17 * 60, by: 30).map { (start: Int) -> String in "  - \"\(clock(start))-\(clock(start + 30))\"" }
        let frame = folder.appendingPathComponent("frame.yaml")
        try """
        event:
          name: DemoCon, placed by forum
          acronym: democon-forum
          timezone: \(event[1])
          start: \(event[2])
          end: \(event[3])
        grid:
        \(grid.joined(separator: "\n"))

        """.write(to: frame, atomically: true, encoding: .utf8)

        let server = try TestProcess.startServer(Self.python, ["-m", "pretalx", "runserver", "127.0.0.1:{port}", "--noreload"],
                                                 environment: pretalx.environment, timeout: 120)
        defer { server.stop() }
        let programme = folder.appendingPathComponent("programme.yaml").path
        let imported = try TestProcess.run(forum, ["import", "pretalx", "\(server.base)/api/events/democon/submissions/",
                                                   "--token", token, "--frame", frame.path, "-o", programme])
        #expect(imported.status == 0, "\(imported.stderr)\n\(server.logTail)")
        #expect(imported.stdout.contains("36 sessions, 2 rooms from pretalx"), "\(imported.stdout)")
        server.stop()
        #expect(!server.process.isRunning)

        let solved = folder.appendingPathComponent("solved.yaml").path
        let solve = try TestProcess.run(forum, ["solve", programme, "--seed", "1", "--max-moves", "200000", "--quiet", "-o", solved])
        #expect(solve.status == 0, "\(solve.stderr)")
        let frab = folder.appendingPathComponent("frab")
        #expect(try TestProcess.run(forum, ["export", "frab", solved, "-o", frab.path]).status == 0)
        let xml = frab.appendingPathComponent("schedule.xml").path
        let ours = FrabEventList.read(xml).events
        #expect(ours.count == 36)
        #expect(Set(ours.map(\.title)) == Set(confirmed.values))
        #expect(Set(ours.map(\.room)) == ["Indian Red Room", "Black Room"])

        #expect(try pretalx.run(["import_schedule", xml]).stdout.contains("Successfully imported"))
        let shown = try pretalx.lines("""
        from django_scopes import scopes_disabled
        from pretalx.event.models import Event
        with scopes_disabled():
            e = Event.objects.get(slug='democon-forum')
            for t in e.current_schedule.talks.filter(is_visible=True):
                print('TALK|%s|%s|%d|%d|%s' % (t.submission.code, t.room.name, int(t.start.timestamp()), int((t.end - t.start).total_seconds() // 60), t.submission.title))
        """, prefix: "TALK|")
        #expect(Set(shown) == Set(ours.map { "\($0.id)|\($0.room)|\($0.date)|\($0.minutes)|\($0.title)" }))
    }
}

/// Our schedule.xml's events: id, room, instant (UTC seconds), minutes.
final class FrabEventList: NSObject, XMLParserDelegate {
    struct Event: Hashable { var id: String; var room: String; var date: String; var minutes: Int; var title: String }
    var events: [Event] = []
    private var current: [String: String]?
    private var field: String?

    static func read(_ path: String) -> FrabEventList {
        let list = FrabEventList()
        if let parser = XMLParser(contentsOf: URL(fileURLWithPath: path)) {
            parser.delegate = list
            _ = parser.parse()
        }
        return list
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "event" { current = ["id": attributes["id"] ?? ""] } else if current != nil { field = name }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if let field { current?[field, default: ""] += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "event", let c = current {
            let date = ISO8601DateFormatter().date(from: c["date"] ?? "").map { String(Int($0.timeIntervalSince1970)) } ?? "?"
            let hm = (c["duration"] ?? "").split(separator: ":").compactMap { Int($0) }
            events.append(Event(id: c["id"] ?? "", room: c["room"] ?? "", date: date, minutes: hm.count == 2 ? hm[0] * 60 + hm[1] : -1,
                                title: c["title"] ?? ""))
            current = nil
        }
        field = nil
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ForumTestSupport
import Testing

/// Our schedule.xml loaded into a real pretalx (2023.1.3, `scripts/setup.sh test` installs it in
/// .build/pretalx-venv) with its own `import_schedule` command: pretalx shows every event in the
/// room and at the instant we placed it. Offline: pretalx runs on SQLite in a temporary folder.
/// Not yet here (see the frab README section): reading submissions from pretalx's REST API
/// (`forum import pretalx`), which this part would start from.
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

/// Our schedule.xml's events: id, room, instant (UTC seconds), minutes.
final class FrabEventList: NSObject, XMLParserDelegate {
    struct Event: Hashable { var id: String; var room: String; var date: String; var minutes: Int }
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
            events.append(Event(id: c["id"] ?? "", room: c["room"] ?? "", date: date, minutes: hm.count == 2 ? hm[0] * 60 + hm[1] : -1))
            current = nil
        }
        field = nil
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ForumImport
import ForumModel
import ForumTestSupport
import Testing

/// The events of a schedule.xml as (room, date-time, start, duration), read by XMLParser here,
/// independently of the importer.
final class FrabEventList: NSObject, XMLParserDelegate {
    struct Event: Hashable { var room: String; var date: String; var duration: String }
    var events: [Event] = []
    var rooms: [String] = []
    private var current: [String: String]?
    private var field: String?

    static func read(_ path: String) -> FrabEventList {
        let list = FrabEventList()
        let parser = XMLParser(contentsOf: URL(fileURLWithPath: path))!
        parser.delegate = list
        _ = parser.parse()
        return list
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "event" { current = [:] } else if current != nil { field = name; current?[name, default: ""] += "" }
        if name == "room", current == nil, let room = attributes["name"], !rooms.contains(room) { rooms.append(room) }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if let field { current?[field, default: ""] += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "event", let c = current {
            // Instants compared as instants: `date` normalised to UTC seconds.
            let f = ISO8601DateFormatter()
            let date = f.date(from: c["date"] ?? "").map { String(Int($0.timeIntervalSince1970)) } ?? "?"
            events.append(Event(room: c["room"] ?? "", date: date, duration: c["duration"] ?? ""))
            current = nil
        }
        field = nil
    }
}

@Suite(.serialized) struct FrabImportTests {
    static let data = TestProcess.packageRoot.appendingPathComponent("Tests/Data/frab")

    static func forum() throws -> String {
        try #require(TestProcess.forumExecutable(), "the forum executable is not built (swift build)")
    }

    /// pretalx's own schedule.xml → programme → `forum export frab`: same rooms, and every event
    /// at the same instant and with the same duration in the same room. (`start` is not compared:
    /// this file, rendered outside a request, has its dates and starts in UTC; ours are in the
    /// venue's zone, Europe/Berlin, at the same instants.)
    @Test func pretalxScheduleXMLSurvivesImportAndExport() throws {
        let folder = try TestProcess.temporaryFolder("frab-pretalx")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Self.data.appendingPathComponent("pretalx-democon.xml").path
        let yaml = folder.appendingPathComponent("democon.yaml").path
        let imported = try TestProcess.run(try Self.forum(), ["import", "frab", source, "-o", yaml])
        #expect(imported.status == 0, "\(imported.stderr)")
        let validated = try TestProcess.run(try Self.forum(), ["validate", yaml])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        let exported = try TestProcess.run(try Self.forum(), ["export", "frab", yaml, "-o", folder.appendingPathComponent("out").path])
        #expect(exported.status == 0, "\(exported.stderr)")
        let theirs = FrabEventList.read(source), ours = FrabEventList.read(folder.appendingPathComponent("out/schedule.xml").path)
        #expect(theirs.events.count == 36)
        #expect(theirs.rooms.count == 2)
        #expect(ours.rooms == theirs.rooms)
        #expect(Set(ours.events) == Set(theirs.events))
        #expect(ours.events.count == theirs.events.count)
    }

    /// The same event as pretalx's schedule.json: the same sessions, times and rooms as its XML.
    @Test func pretalxJSONAndXMLGiveTheSameProgramme() throws {
        let xml = try FrabScheduleImporter().read(file: Self.data.appendingPathComponent("pretalx-democon.xml").path).programme
        let json = try FrabScheduleImporter().read(file: Self.data.appendingPathComponent("pretalx-democon.json").path).programme
        #expect(xml.sessions.count == 36)
        #expect(xml.event.timeZone == "Europe/Berlin")
        #expect(xml.event.acronym == "democon")
        func key(_ p: Programme) -> Set<String> {
            Set(p.sessions.map { s in "\(s.id)|\(s.title)|\(s.duration)|\(s.placements.map { "\($0.day) \($0.start) \($0.room ?? "-")" })" })
        }
        #expect(key(xml) == key(json))
        #expect(Set(xml.rooms.map(\.name)) == Set(json.rooms.map(\.name)))
        // Workshops of 90 minutes and talks of 30; ids from pretalx's slugs (`democon-2-title` → `2-title`).
        #expect(Set(xml.sessions.map(\.duration)) == [30, 90])
        #expect(Set(xml.sessions.map(\.id)).count == 36)
        #expect(xml.sessions.contains { $0.id == "2-assimilated-next-generation-standardization" })
    }

    /// Our own export → import → export: the same schedule.xml except the release digest,
    /// person ids (derived from person ids the schedule does not carry) and day windows.
    @Test func ownExportRoundTrips() throws {
        let folder = try TestProcess.temporaryFolder("frab-own")
        defer { try? FileManager.default.removeItem(at: folder) }
        let athens = TestProcess.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
        let forum = try Self.forum()
        #expect(try TestProcess.run(forum, ["export", "frab", athens, "-o", folder.appendingPathComponent("a").path]).status == 0)
        for format in ["xml", "json"] {
            let yaml = folder.appendingPathComponent("back-\(format).yaml").path
            let run = try TestProcess.run(forum, ["import", "frab", folder.appendingPathComponent("a/schedule.\(format)").path, "-o", yaml])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try TestProcess.run(forum, ["export", "frab", yaml, "-o", folder.appendingPathComponent("b-\(format)").path]).status == 0)
            let first = FrabEventList.read(folder.appendingPathComponent("a/schedule.xml").path)
            let second = FrabEventList.read(folder.appendingPathComponent("b-\(format)/schedule.xml").path)
            #expect(first.events == second.events)
            #expect(first.rooms == second.rooms)
            // Session ids, and so event ids and guids, come back unchanged.
            let ids = { (path: String) in (try String(contentsOfFile: path, encoding: .utf8)).components(separatedBy: "\n").filter { $0.contains("<event id=") } }
            #expect(try ids(folder.appendingPathComponent("a/schedule.xml").path) == ids(folder.appendingPathComponent("b-\(format)/schedule.xml").path))
        }
    }

    /// Broken XML and JSON: exit 2, the line named, nothing written.
    @Test(arguments: [
        ("broken.xml", "<?xml version=\"1.0\"?>\n<schedule>\n  <conference><title>A & B</title></conference>\n</schedule>\n", ":3"),
        ("broken.json", "{\n  \"schedule\": {\n    \"version\": \"1\",\n    \"conference\": {\"title\": \"x\",, }\n  }\n}\n", ":4"),
    ])
    func malformedInputExitsTwoWithTheLine(name: String, text: String, line: String) throws {
        let folder = try TestProcess.temporaryFolder("frab-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.yaml").path
        let run = try TestProcess.run(try Self.forum(), ["import", "frab", path, "-o", out])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(name)\(line)"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A bad duration names the event's field and line.
    @Test func badDurationIsLocated() throws {
        let xml = """
        <schedule><version>1</version><conference><acronym>x</acronym><title>X</title><time_zone_name>UTC</time_zone_name></conference>
        <day index="1" date="2026-01-05"><room name="Hall">
        <event id="1" guid="00000000-0000-0000-0000-000000000001"><date>2026-01-05T10:00:00+00:00</date><start>10:00</start>
        <duration>ninety</duration><title>T</title></event></room></day></schedule>
        """
        #expect {
            try FrabScheduleImporter().read(data: Data(xml.utf8), file: "s.xml")
        } throws: { error in
            "\(error)".contains("s.xml:4") && "\(error)".contains("duration")
        }
    }
}

import Foundation
import ForumFormats
import ForumModel
@testable import ForumPublish
import ForumTestSupport
import Testing

/// `schedule.json` against c3voc's own JSON schema (Tests/Data/c3voc, from voc/schedule), checked
/// by a real validator: Python's `jsonschema`, Draft 6, with formats checked (`uri`, `date-time`),
/// as c3voc's `check-jsonschema` run does.
@Suite(.serialized) struct FrabSchemaTests {
    static let schema = Tools.packageRoot.appendingPathComponent("Tests/Data/c3voc/schedule-schema.json").path

    /// Prints one line per error (`path: message`) and exits 1 when there is any; exits 3 when
    /// the validator cannot check the `uri` format (its optional checker is missing), since the
    /// check would then pass text that is no URI.
    static let validator = """
    import sys, json, jsonschema
    schema = json.load(open(sys.argv[1]))
    checker = jsonschema.Draft6Validator.FORMAT_CHECKER
    if 'uri' not in checker.checkers:
        print('jsonschema cannot check format uri: install jsonschema[format-nongpl]'); sys.exit(3)
    validator = jsonschema.Draft6Validator(schema, format_checker=checker)
    errors = sorted(validator.iter_errors(json.load(open(sys.argv[2]))), key=lambda e: list(map(str, e.absolute_path)))
    for e in errors:
        print('/'.join(map(str, e.absolute_path)) + ': ' + e.message)
    sys.exit(1 if errors else 0)
    """

    /// The Python with jsonschema: `scripts/setup.sh test`'s virtual environment, else `python3`.
    static func python() throws -> String {
        let venv = Tools.packageRoot.appendingPathComponent(".build/test-python/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return try Tools.require("python3")
    }

    /// The validator's verdict on `json`: its exit status and error lines.
    static func validate(_ json: String, label: String) throws -> (status: Int32, errors: [String]) {
        let folder = try Tools.temporaryFolder("schema-\(label)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schedule.json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Tools.run([try python(), "-c", validator, schema, path])
        if result.status == 3 || result.stderr.contains("No module named") {
            Issue.record("Python's jsonschema with format checks is missing: run scripts/setup.sh test (\(result.stdout)\(result.stderr))")
        }
        return (result.status, result.stdout.split(separator: "\n").map(String.init))
    }

    static var athens: Programme {
        get throws { try ProgrammeReader.read(path: Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path) }
    }

    /// 350 sessions in 18 rooms over 5 days, every one placed: IGF size (`forum generate --placed`).
    static let generated: Programme = try! ProgrammeGenerator.generate(GeneratorOptions(sessions: 350, rooms: 18, days: 5, seed: 1, placed: true))

    @Test func athensScheduleJSONPassesTheSchema() throws {
        let verdict = try Self.validate(try FrabSchedule(programme: Self.athens).json(), label: "athens")
        #expect(verdict.status == 0, "\(verdict.errors.prefix(20).joined(separator: "\n"))")
    }

    @Test func generatedScheduleJSONPassesTheSchema() throws {
        let programme = Self.generated
        #expect(programme.sessions.count == 350 && programme.event.url == nil)
        let json = try FrabSchedule(programme: programme).json()
        #expect(!json.contains(#""url": """#) && !json.contains(#""url":"""#))
        let verdict = try Self.validate(json, label: "generated")
        #expect(verdict.status == 0, "\(verdict.errors.count) errors:\n\(verdict.errors.prefix(20).joined(separator: "\n"))")
    }

    /// The check can fail: the same schedule with one event's `url` emptied, as earlier
    /// exports wrote it, is refused at that event, and so is an address that is no URI.
    @Test func theValidatorRefusesAnEmptyURL() throws {
        let json = try FrabSchedule(programme: Self.generated).json()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        func withFirstEventURL(_ url: String) throws -> String {
            var root = root
            var schedule = root["schedule"] as! [String: Any]
            var conference = schedule["conference"] as! [String: Any]
            var days = conference["days"] as! [[String: Any]]
            var rooms = days[0]["rooms"] as! [String: [[String: Any]]]
            let room = try #require(rooms.keys.sorted().first { !(rooms[$0]!.isEmpty) })
            rooms[room]![0]["url"] = url
            days[0]["rooms"] = rooms
            conference["days"] = days
            schedule["conference"] = conference
            root["schedule"] = schedule
            return String(decoding: try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys]), as: UTF8.self)
        }
        for bad in ["", "https://example.org/a b"] {
            let verdict = try Self.validate(try withFirstEventURL(bad), label: "bad")
            #expect(verdict.status == 1)
            #expect(verdict.errors.count == 1 && verdict.errors.first?.contains("/url: ") == true && verdict.errors.first?.contains("uri") == true,
                    "\(verdict.errors)")
        }
    }

    /// An event without a page of its own and no conference address gets a `urn:uuid:` URI
    /// from its guid; a page address with characters a URI may not hold is percent-encoded.
    @Test func eventURLsAreURIs() throws {
        var programme = Athens.programme
        programme.event.url = nil
        programme.sessions[0].url = "https://example.org/séance?q=\"x\""
        let schedule = try FrabSchedule(programme: programme)
        let json = schedule.json()
        #expect(json.contains(#""url": "https://example.org/s%C3%A9ance?q=%22x%22""#))
        let guid = try #require(schedule.identities.values.map(\.guid).sorted().first)
        #expect(json.contains("\"url\": \"urn:uuid:\(guid)\""))
        #expect(FrabSchedule.uri("https://example.org/a%20b") == "https://example.org/a%20b")
    }
}

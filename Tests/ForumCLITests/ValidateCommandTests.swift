import Foundation
import ForumTestSupport
import Testing

/// The repository's root folder.
private let root = TestProcess.packageRoot

struct Run {
    var status: Int32
    var out: String
    var err: String
}

/// Runs `forum arguments…` in `directory` and collects its exit status and both outputs.
private func forum(_ arguments: [String], in directory: URL = root) throws -> Run {
    let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
    let result = try TestProcess.run(forum, arguments, in: directory)
    return Run(status: result.status, out: result.stdout, err: result.stderr)
}

/// Writes `text` to a new file `name` in a fresh folder and returns the folder.
private func scratchFile(_ name: String, _ text: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forum-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    return folder
}

private let frame = """
event:
  name: Test Forum 2006
  timezone: Europe/Athens
  start: 2006-10-30
  end: 2006-11-01
grid: ["10:00-13:00", "15:00-18:00"]
rooms:
  - {id: main-hall, name: Main Hall, capacity: 800}
  - {id: plato-hall, name: Plato Hall, capacity: 150}

"""

private let doubleBooked = frame + """
sessions:
  - id: main-openness
    title: Openness
    duration: 3h
    placement: 2006-10-31 10:00 main-hall
  - id: ws-bill-of-rights
    title: An Internet Bill of Rights
    placement: 2006-10-31 10:00 main-hall

"""

@Suite struct ValidateCommandTests {
    @Test func athensPassesWithSoftPenalties() throws {
        let run = try forum(["validate", "Schedules/athens-2006.yaml"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("No hard rule is broken."))
        let score = try #require(run.out.components(separatedBy: "\n").first { $0.hasPrefix("Score: ") })
        #expect(score.hasPrefix("Score: 0 hard, "))
        let soft = Int(score.dropFirst("Score: 0 hard, ".count).prefix { $0.isNumber }) ?? 0
        #expect(soft > 0, "Athens ran workshops against main sessions: soft penalties expected")
        #expect(run.out.contains("severity  count  penalty"))
    }

    @Test func doubleBookedRoomExitsOneNamingSessionsRoomAndTime() throws {
        let folder = try scratchFile("double.yaml", doubleBooked)
        let run = try forum(["validate", "double.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.out.contains("HARD room-conflict: Room double-booked"))
        #expect(run.out.contains("main-openness “Openness”"))
        #expect(run.out.contains("ws-bill-of-rights “An Internet Bill of Rights”"))
        #expect(run.out.contains("room:     main-hall (Main Hall)"))
        #expect(run.out.contains("when:     Tue 2006-10-31 10:00"))
        #expect(run.out.contains("A hard rule is broken"))
        #expect(run.err.isEmpty)
    }

    @Test func jsonReportForMachines() throws {
        let folder = try scratchFile("double.yaml", doubleBooked)
        let run = try forum(["validate", "double.yaml", "--format", "json"], in: folder)
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let violations = try #require(report["violations"] as? [[String: Any]])
        let conflict = try #require(violations.first { $0["rule"] as? String == "room-conflict" })
        #expect(conflict["severity"] as? String == "hard")
        #expect((conflict["penalty"] as? Int ?? 0) > 0)
        #expect(Set(conflict["sessions"] as? [String] ?? []) == ["main-openness", "ws-bill-of-rights"])
        #expect(conflict["room"] as? String == "main-hall")
        #expect(conflict["start"] as? String == "2006-10-31T10:00:00+02:00")
        #expect(conflict["end"] as? String == "2006-10-31T11:30:00+02:00")
        #expect((conflict["message"] as? String)?.isEmpty == false)
        let rules = try #require(report["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["rule"] as? String == "room-conflict" && $0["count"] as? Int == 1 })
        let score = try #require(report["score"] as? [String: Int])
        #expect(score["hard"] == violations.filter { $0["severity"] as? String == "hard" }.compactMap { $0["penalty"] as? Int }.reduce(0, +))
    }

    @Test func brokenAthensCopyBreaksEveryHardRule() throws {
        let run = try forum(["validate", "Examples/athens-2006-broken.yaml", "--format", "json"])
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let violations = try #require(report["violations"] as? [[String: Any]])
        let hardRules = Set(violations.filter { $0["severity"] as? String == "hard" }.compactMap { $0["rule"] as? String })
        #expect(hardRules == ["room-conflict", "person-conflict", "group-conflict", "outside-grid", "room-unavailable",
                              "longer-than-placement", "room-too-small", "equipment-missing", "person-unavailable",
                              "session-unavailable", "unplaced", "online-room", "onsite-moderator", "language-missing",
                              "kind-policy", "exclusive-parallel", "clock-change"])
        // Every placed violation carries its times with the Athens offset: UTC+02:00 that week,
        // and summer time's +03:00 for the night session at 03:15 on 29 October, read as the
        // first of the two 03:15s (before the clocks went back at 04:00).
        for v in violations where v["start"] is String {
            let start = v["start"] as? String ?? ""
            #expect(start.hasSuffix(start.hasPrefix("2006-10-29T03:15") ? "+03:00" : "+02:00"), "\(start)")
        }
    }

    @Test func yamlSyntaxErrorExitsTwoWithLineAndColumn() throws {
        let folder = try scratchFile("broken.yaml", frame + "sessions:\n  - id: a\n    title: [unclosed\n  - id: b\n")
        let run = try forum(["validate", "broken.yaml"], in: folder)
        #expect(run.status == 2)
        #expect(run.out.isEmpty)
        #expect(run.err.hasPrefix("broken.yaml:13:7: error: YAML syntax"), "\(run.err)")
        #expect(run.err.contains("YAML syntax"))
    }

    /// Numbers past their ranges exit 2 with the place and the range, not a runtime trap (issue 12).
    @Test func hugeNumbersExitTwoWithTheRange() throws {
        for (line, field, range) in [("audience: 9223372036854775807", "sessions[0].audience", "from 1 to 1000000"),
                                     ("duration: 1h9223372036854775807m", "sessions[0].duration", "at most 24h"),
                                     ("parts: 1000000000", "sessions[0].parts", "from 1 to 100")] {
            let folder = try scratchFile("huge.yaml", frame + "sessions:\n  - id: a\n    title: A\n    \(line)\n")
            let run = try forum(["validate", "huge.yaml"], in: folder)
            #expect(run.status == 2, "\(line): \(run.err)")
            #expect(run.err.hasPrefix("huge.yaml:13:"), "\(line): \(run.err)")
            #expect(run.err.contains("error in `\(field)`"), "\(run.err)")
            #expect(run.err.contains(range), "\(run.err)")
        }
    }

    @Test func generateRefusesHugeOptions() throws {
        let folder = try scratchFile("empty.yaml", "")
        let run = try forum(["generate", "--rooms", "9223372036854775807", "-o", "out.yaml"], in: folder)
        #expect(run.status == 2, "\(run.err)")
        #expect(run.err.contains("`--rooms`") && run.err.contains("needs 1 to 1000 rooms"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.yaml").path))
    }

    @Test func unknownRoomExitsTwoNamingTheClosest() throws {
        let folder = try scratchFile("typo.yaml", frame + "sessions:\n  - id: a\n    title: A\n    placement: 2006-10-31 10:00 plato-hal\n")
        let run = try forum(["validate", "typo.yaml"], in: folder)
        #expect(run.status == 2)
        #expect(run.err.contains("typo.yaml:13:33: error in `sessions[0].placement.room`: unknown room `plato-hal`"), "\(run.err)")
        #expect(run.err.contains("did you mean `plato-hall`?"))
        // Nothing but the diagnosis: no report, no file written.
        #expect(run.out.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["typo.yaml"])
    }

    @Test func jsonProgrammeIsValidatedToo() throws {
        let json = """
            {"event": {"name": "J", "timezone": "Europe/Athens", "start": "2006-10-30", "end": "2006-10-30"},
             "grid": ["10:00-13:00"],
             "rooms": [{"id": "r", "capacity": 10}],
             "sessions": [{"id": "s", "title": "S", "audience": 5, "placement": "2006-10-30 10:00 r"}]}
            """
        let folder = try scratchFile("p.json", json)
        let run = try forum(["validate", "p.json"], in: folder)
        #expect(run.status == 0, "\(run.out)\(run.err)")
    }

    @Test func movedFromThePublishedProgramme() throws {
        let published = frame + "sessions:\n  - {id: ws, title: W, audience: 100, placement: 2006-10-31 10:00 plato-hall}\n"
        let folder = try scratchFile("published.yaml", published)
        try published.replacingOccurrences(of: "2006-10-31 10:00", with: "2006-10-31 15:00")
            .write(to: folder.appendingPathComponent("now.yaml"), atomically: true, encoding: .utf8)
        let run = try forum(["validate", "now.yaml", "--published", "published.yaml"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("soft moved-from-published: Moved from the published programme"))
        #expect(run.out.contains("session:  ws “W”"))
        let unchanged = try forum(["validate", "published.yaml", "--published", "published.yaml"], in: folder)
        #expect(!unchanged.out.contains("moved-from-published"))
    }

    @Test func unknownExtensionAndMissingFileExitTwo() throws {
        let folder = try scratchFile("notes.txt", "hello")
        let txt = try forum(["validate", "notes.txt"], in: folder)
        #expect(txt.status == 2)
        #expect(txt.err.contains("cannot read `.txt` files"))
        let missing = try forum(["validate", "absent.yaml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.err.contains("absent.yaml: error: no such file"))
    }

    /// An output that cannot be written (its folder would be inside a file) exits 2 with the
    /// path and a hint, leaves nothing behind, and a wrong command line exits 64.
    @Test func unwritableOutputExitsTwoAndBadCommandLineSixtyFour() throws {
        let folder = try scratchFile("blocker", "a file, not a folder")
        let athens = root.appendingPathComponent("Schedules/athens-2006.yaml").path
        let run = try forum(["export", "markdown", athens, "-o", "blocker/agenda.md"], in: folder)
        #expect(run.status == 2)
        #expect(run.err.contains("blocker/agenda.md") && run.err.contains("cannot write the output"))
        #expect(run.err.contains("hint:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["blocker"])
        let wrong = try forum(["validate", athens, "--no-such-option"], in: folder)
        #expect(wrong.status == 64)
    }
}

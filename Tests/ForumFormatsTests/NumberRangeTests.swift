import Foundation
import ForumFormats
import ForumModel
import Testing

/// Numbers outside their documented ranges are located input errors, never a trap (issue 12).
@Suite struct NumberRangeTests {
    /// Reads `text`, expects exactly one error, and checks its line, field and message.
    func single(_ text: String, file: String = "test.yaml", at needle: String, field: String) throws -> InputError {
        let errors = readErrors(text, file: file)
        try #require(errors.count == 1, "expected one error, got \(errors)")
        let e = errors[0]
        #expect(e.location.file == file)
        #expect(e.location.line == line(of: needle, in: text))
        #expect(e.field == field)
        return e
    }

    func session(_ line: String) -> String { frame + "sessions:\n  - id: a\n    title: A\n    \(line)\n" }

    @Test func hugeAudience() throws {
        let e = try single(session("audience: 9223372036854775807"), at: "audience:", field: "sessions[0].audience")
        #expect(e.message == "9223372036854775807 is too large")
        #expect(e.hint == "use a whole number from 1 to 1000000")
        let beyond = try single(session("audience: 99999999999999999999999"), at: "audience:", field: "sessions[0].audience")
        #expect(beyond.message == "`99999999999999999999999` is too large")
        #expect(beyond.hint == "use a whole number from 1 to 1000000")
    }

    @Test func hugeDurations() throws {
        for text in ["1000000000000000000h", "1h9223372036854775807m", "9223372036854775807", "25h"] {
            let e = try single(session("duration: \(text)"), at: "duration:", field: "sessions[0].duration")
            #expect(e.message == "`\(text)` is longer than a day")
            #expect(e.hint == "a session lasts at most 24h; split longer ones into parts")
        }
    }

    @Test func hugePartsAreRefusedUpFront() throws {
        for text in ["9223372036854775807", "1000000000", "101"] {
            let e = try single(session("parts: \(text)"), at: "parts:", field: "sessions[0].parts")
            #expect(e.hint == "use a whole number from 1 to 100")
        }
        #expect(readErrors(session("parts: 100")).isEmpty)
    }

    @Test func hugeCapacityAndWeights() throws {
        let text = frame.replacingOccurrences(of: "capacity: 150", with: "capacity: 9223372036854775000")
        let e = try single(text, at: "capacity: 92", field: "rooms[1].capacity")
        #expect(e.hint == "use a whole number from 1 to 1000000")
        let rule = try single(frame + "rules:\n  theme-parallel: {weight: 9223372036854775807}\n", at: "weight:",
                              field: "rules.theme-parallel.weight")
        #expect(rule.hint == "use a whole number from 0 to 1000000")
        #expect(readErrors(frame + "rules:\n  theme-parallel: {weight: 1000000}\n").isEmpty)
    }

    @Test func scoreAndRank() throws {
        for text in ["nan", "inf", "1e300", "high", "-1000001"] {
            _ = try single(session("score: \(text)"), at: "score:", field: "sessions[0].score")
        }
        let rank = try single(session("rank: 0"), at: "rank:", field: "sessions[0].rank")
        #expect(rank.message == "0 is too small")
        let programme = try ProgrammeReader.read(text: session("score: 3.75") + "  - id: b\n    title: B\n    rank: 2\n", file: "t.yaml")
        #expect(programme.session("a")?.score == 3.75)
        #expect(programme.session("b")?.rank == 2)
        let again = try ProgrammeReader.read(text: ProgrammeWriter.yaml(programme), file: "again.yaml")
        #expect(again == programme)
    }

    @Test func hugeNumbersInJSON() throws {
        let json = """
            {
              "event": {"name": "X", "timezone": "Europe/Athens", "start": "2006-10-30", "end": "2006-11-01"},
              "rooms": [{"id": "r", "capacity": 10}],
              "sessions": [{"id": "s", "title": "S", "audience": 123456789012345678901234567890}]
            }
            """
        let e = try single(json, file: "p.json", at: "\"audience\"", field: "sessions[0].audience")
        #expect(e.message == "`123456789012345678901234567890` is too large")
    }
}

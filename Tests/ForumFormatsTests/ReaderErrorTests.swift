import Foundation
import ForumFormats
import ForumModel
import Testing

/// Every kind of bad input: the exact line and column, the field, what is wrong and the hint.
@Suite struct ReaderErrorTests {
    /// Reads `text`, expects exactly one error, and checks that it points at `needle` on its line.
    func single(_ text: String, at needle: String, occurrence line: Int? = nil) throws -> InputError {
        let errors = readErrors(text)
        try #require(errors.count == 1, "expected one error, got \(errors)")
        let e = errors[0]
        let l = try #require(line ?? ForumFormatsTests.line(of: needle, in: text))
        #expect(e.location.file == "test.yaml")
        #expect(e.location.line == l)
        #expect(e.location.column == column(of: needle, line: l, in: text))
        return e
    }

    func sessions(_ body: String) -> String { frame + "sessions:\n" + body }

    @Test func yamlSyntaxError() throws {
        let text = frame + "sessions:\n  - id: a\n    equipment: [webcast, remote\n  - id: b\n"
        let errors = readErrors(text)
        try #require(errors.count == 1)
        // libyaml notices the unclosed list at the next item and names where the list began.
        #expect(errors[0].location.line == line(of: "  - id: b", in: text))
        #expect(errors[0].location.column == column(of: ": b", line: errors[0].location.line!, in: text))
        #expect(errors[0].message.contains("YAML syntax"))
        #expect(errors[0].message.contains("at \(line(of: "equipment", in: text)!):16"))
    }

    @Test func tabIndentationIsASyntaxError() throws {
        let errors = readErrors("event:\n\tname: X\n")
        try #require(errors.count == 1)
        #expect(errors[0].location.line == 2)
        #expect(errors[0].message.contains("YAML syntax"))
    }

    @Test func duplicateKey() throws {
        let errors = readErrors(frame + "sessions:\n  - id: a\n    title: A\n    title: B\n")
        try #require(errors.count == 1)
        #expect(errors[0].message.contains("`title` appears more than once"))
    }

    @Test func duplicateKeyPointsAtTheSecond() throws {
        let text = frame + "sessions:\n  - id: a\n    title: A\n    duration: 60\n    title: B\n"
        let e = try single(text, at: "title: B")
        #expect(e.message == "YAML syntax: the key `title` appears more than once in one map (first at line \(line(of: "title: A", in: text)!))")
    }

    @Test func secondDocumentAndUnknownAlias() throws {
        let two = readErrors(frame + "---\nevent: {}\n")
        #expect(two.count == 1 && two[0].message == "YAML syntax: a second document (`---`) in one file")
        #expect(two.first?.location.line == line(of: "---", in: frame + "---\n"))
        let alias = readErrors(frame + "sessions:\n  - {id: a, title: *nothing}\n")
        #expect(alias.count == 1 && alias[0].message.contains("YAML syntax"))
    }

    @Test func wrongType() throws {
        let text = frame.replacingOccurrences(of: "capacity: 150", with: "capacity: lots")
        let e = try single(text, at: "lots")
        #expect(e.field == "rooms[1].capacity")
        #expect(e.message == "expected a whole number, found `lots`")
    }

    @Test func listWhereTextBelongs() throws {
        let e = try single(sessions("  - id: a\n    title: [A, B]\n"), at: "[A, B]")
        #expect(e.field == "sessions[0].title")
        #expect(e.message == "expected text, found a list")
    }

    @Test func missingField() throws {
        let e = try single(sessions("  - id: a\n    duration: 60\n"), at: "id: a")
        #expect(e.field == "sessions[0].title")
        #expect(e.message == "missing `title`")
        #expect(e.hint?.hasPrefix("add `title:") == true)
    }

    @Test func aMissingTitleCausesNoFollowOnErrors() throws {
        let errors = readErrors(sessions("  - id: a\n  - {id: b, title: B, after: [a]}\n") + "groups:\n  - {id: g, title: G, sessions: [a, b]}\n")
        #expect(errors.map(\.message) == ["missing `title`"])
    }

    @Test func missingEvent() throws {
        let errors = readErrors("rooms: []\n")
        #expect(errors.map(\.field) == ["event"])
    }

    @Test func unknownKeyNamesTheClosest() throws {
        let e = try single(sessions("  - id: a\n    title: A\n    organizers: [ndesai]\n"), at: "organizers")
        #expect(e.field == "sessions[0].organizers")
        #expect(e.message == "unknown key `organizers` in a session")
        #expect(e.hint?.hasPrefix("did you mean `organisers`?") == true)
    }

    @Test func duplicateID() throws {
        let text = frame + "sessions:\n  - {id: a, title: A}\n  - {id: a, title: B}\n"
        let e = try single(text, at: "a, title: B")
        #expect(e.field == "sessions[1].id")
        #expect(e.message == "session id `a` is used twice (first at line \(line(of: "{id: a, title: A}", in: text)!))")
        #expect(e.hint == "give each session its own id, e.g. `a-2`")
    }

    @Test func unknownRoomInPlacementPointsAtTheRoom() throws {
        let text = sessions("  - id: a\n    title: A\n    placement: 2006-10-31 10:00 plato-hal\n")
        let e = try single(text, at: "plato-hal", occurrence: line(of: "10:00 plato-hal", in: text))
        #expect(e.field == "sessions[0].placement.room")
        #expect(e.message == "unknown room `plato-hal`")
        #expect(e.hint?.hasPrefix("did you mean `plato-hall`?") == true)
        #expect(e.description.hasPrefix("test.yaml:\(line(of: "10:00 plato-hal", in: text)!):33: error in `sessions[0].placement.room`: unknown room `plato-hal`\n  hint: did you mean `plato-hall`?"))
    }

    @Test func unknownRoomInQuotedPlacement() throws {
        let e = try single(sessions("  - id: a\n    title: A\n    placement: \"2006-10-31 10:00 mainhall\"\n"), at: "mainhall")
        #expect(e.hint?.hasPrefix("did you mean `main-hall`?") == true)
    }

    @Test func unknownThemePersonSessionAndGroupMember() throws {
        let text = sessions("""
              - id: a
                title: A
                theme: opennes
                speakers: [ndesia]
                after: [b2]
              - id: b
                title: B
                prefer: {rooms: [main-hal]}
            groups:
              - {id: g, title: G, sessions: [a, c]}

            """)
        let errors = readErrors(text)
        #expect(errors.map(\.message) == ["unknown theme `opennes`", "unknown person `ndesia`", "unknown session `b2`",
                                          "unknown room `main-hal`", "unknown session `c`"])
        #expect(errors.map(\.field) == ["sessions[0].theme", "sessions[0].speakers[0]", "sessions[0].after[0]",
                                        "sessions[1].prefer.rooms[0]", "groups[0].sessions[1]"])
        #expect(errors.compactMap(\.hint).map { $0.components(separatedBy: "?")[0] }
                == ["did you mean `openness`", "did you mean `ndesai`", "did you mean `b`", "did you mean `main-hall`", "did you mean `a`"])
        // Each error points at the unknown id itself.
        for (e, (needle, offset)) in zip(errors, [("theme: opennes", 7), ("[ndesia]", 1), ("[b2]", 1), ("[main-hal]", 1), ("[a, c]", 4)]) {
            let l = try #require(line(of: needle, in: text))
            #expect(e.location.line == l)
            #expect(e.location.column == column(of: needle, line: l, in: text)! + offset, "\(e)")
        }
    }

    @Test func impossibleDate() throws {
        let e = try single(frame.replacingOccurrences(of: "start: 2006-10-30", with: "start: 2006-02-30"), at: "2006-02-30")
        #expect(e.field == "event.start")
        #expect(e.message.contains("does not exist: February 2006 has 28 days"))
        #expect(e.hint == "use a day from 2006-02-01 to 2006-02-28")
    }

    @Test func impossibleTimeIsPointedAt() throws {
        let text = frame.replacingOccurrences(of: "grid: [\"09:30-11:00\", \"11:30-13:00\"]", with: "grid: [\"09:30-11:00\", \"11:30-25:00\"]")
        let e = try single(text, at: "25:00")
        #expect(e.field == "grid[1]")
        #expect(e.message == "`25:00` is not a time of day: there is no hour 25")
        #expect(e.hint == "use HH:MM from 00:00 to 24:00")
    }

    @Test func endBeforeStart() throws {
        let e1 = try single(frame.replacingOccurrences(of: "end: 2006-11-01", with: "end: 2006-10-29"), at: "2006-10-29")
        #expect(e1.message == "the event ends (2006-10-29) before it starts (2006-10-30)")
        let text = sessions("  - id: a\n    title: A\n    placement: 2006-10-31 11:00-10:00 main-hall\n")
        let e2 = try single(text, at: "10:00 main")
        #expect(e2.message == "`11:00-10:00` ends before it starts")
    }

    @Test func unknownTimeZone() throws {
        let e = try single(frame.replacingOccurrences(of: "Europe/Athens", with: "Europe/Athen"), at: "Europe/Athen")
        #expect(e.field == "event.timezone")
        #expect(e.message == "unknown time zone `Europe/Athen`")
        #expect(e.hint?.hasPrefix("did you mean `Europe/Athens`?") == true)
    }

    @Test func unknownRule() throws {
        let e = try single(frame + "rules:\n  room-confict: off\n", at: "room-confict")
        #expect(e.field == "rules.room-confict")
        #expect(e.hint?.hasPrefix("did you mean `room-conflict`?") == true)
    }

    @Test func badIdCharacterIsPointedAt() throws {
        let e = try single(sessions("  - id: ws 12\n    title: A\n"), at: " 12")
        #expect(e.message == "`ws 12` is not an id: it contains ` `")
    }

    @Test func unknownDaySlotToRemove() throws {
        let e = try single(frame + "days:\n  2006-10-31: {remove: [\"14:00-15:00\"]}\n", at: "\"14:00")
        #expect(e.message == "2006-10-31 has no slot 14:00-15:00 to remove")
        #expect(e.hint == "its slots are 09:30-11:00, 11:30-13:00")
    }

    @Test func dayFarFromTheEvent() throws {
        let e = try single(frame + "days:\n  2060-10-31: {label: Typo}\n", at: "2060-10-31")
        #expect(e.message == "2060-10-31 is 19723 days away from the event (2006-10-30 to 2006-11-01)")
    }

    @Test func badDuration() throws {
        let e = try single(sessions("  - id: a\n    title: A\n    duration: 3 hours\n"), at: "3 hours")
        #expect(e.hint == "write minutes (90) or hours and minutes: 3h, 90m, 1h30m")
    }

    @Test func severalErrorsInOnePassTopToBottom() throws {
        let text = frame.replacingOccurrences(of: "Europe/Athens", with: "Mars/Olympus")
            + "sessions:\n  - id: a\n    title: A\n    placement: 2006-10-31 10:00 nowhere\n  - id: b\n    duration: soon\n"
        let errors = readErrors(text)
        #expect(errors.map(\.field) == ["event.timezone", "sessions[0].placement.room", "sessions[1].title", "sessions[1].duration"])
        let lines = errors.compactMap(\.location.line)
        #expect(lines == lines.sorted())
    }

    @Test func jsonErrorsHaveLineAndColumn() throws {
        let json = """
            {
              "event": {"name": "X", "timezone": "Europe/Athens", "start": "2006-10-30", "end": "2006-11-01"},
              "rooms": [{"id": "a", "capacity": 10}],
              "sessions": [{"id": "s", "title": "S", "placement": "2006-10-30 10:00 b"}]
            }
            """
        let errors = readErrors(json, file: "p.json")
        try #require(errors.count == 1)
        #expect(errors[0].location == SourceLocation(file: "p.json", line: 4, column: column(of: "b\"}", line: 4, in: json)))
        #expect(errors[0].hint?.hasPrefix("did you mean `a`?") == true)

        let broken = readErrors("{\n  \"event\": {\"name\": \"X\",,}\n}\n", file: "p.json")
        #expect(broken.count == 1 && broken[0].location.line == 2)
    }

    @Test func manyProblemsAreCapped() throws {
        let sessions = (0..<150).map { "  - {id: s\($0), title: S, placement: 2006-10-31 10:00 nowhere}\n" }.joined()
        let errors = readErrors(frame + "sessions:\n" + sessions)
        #expect(errors.count == ProgrammeReader.maxErrors + 1)
        #expect(errors.last?.message == "50 more problems not shown")
        #expect(errors.dropLast().allSatisfy { $0.message == "unknown room `nowhere`" })
    }

    @Test func missingFile() throws {
        #expect(throws: InputError.self) { try ProgrammeReader.read(path: "/nonexistent/forum.yaml") }
    }
}

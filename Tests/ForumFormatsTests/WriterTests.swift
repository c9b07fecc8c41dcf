import Foundation
import ForumFormats
import ForumModel
import Testing

private func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
private func t(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

/// A programme that uses every corner of the format, including text YAML would misread.
func awkwardProgramme() -> Programme {
    let grid = [Slot(start: t("09:30"), end: t("11:00")), Slot(start: t("10:00"), end: t("13:00"), label: "Main morning"),
                Slot(start: t("11:30"), end: t("13:00"))]
    let event = Event(name: "Forum: the \"2nd\" edition", acronym: "f2", city: "Genève", venue: nil, timeZone: "Europe/Zurich",
                      startDate: d("2025-07-07"), endDate: d("2025-07-10"), url: "https://example.org/#top",
                      description: "Line one\n  indented line\n\nLast line\n")
    let days = [
        Day(date: d("2025-07-06"), label: "Day 0", slots: [Slot(start: t("14:00"), end: t("18:00"))]),
        Day(date: d("2025-07-07"), label: "Opening", slots: grid),
        Day(date: d("2025-07-08"), slots: grid.filter { $0.start != t("09:30") } + [Slot(start: t("16:00"), end: t("24:00"), label: "Night: reception")]),
        Day(date: d("2025-07-09"), slots: []),
        Day(date: d("2025-07-10"), slots: grid),
    ]
    let rooms = [
        Room(id: "r1", name: "r1"),
        Room(id: "yes", name: "No", capacity: 10, equipment: ["on", "webcast"],
             availability: [TimeWindow(date: d("2025-07-07")), TimeWindow(range: TimeRange(start: t("08:00"), end: t("12:00"))),
                            TimeWindow(date: d("2025-07-08"), range: TimeRange(start: t("09:00"), end: t("24:00")))],
             building: "#1", floor: "2"),
    ]
    let themes = [Theme(id: "c1", title: "C1: Role of governments", description: "- a list?", crossCutting: true, colour: "#ff0000"),
                  Theme(id: "c2", title: "true")]
    let people = [Person(id: "p1", name: "Null", stakeholderGroup: "civil-society", region: "[Africa]", organisation: "'Quoted' Org",
                         email: "p1@example.org", unavailable: [TimeWindow(date: d("2025-07-08"))]),
                  Person(id: "p.2", name: "  padded  ")]
    let sessions = [
        Session(id: "s1", title: "10:00", kind: .mainSession, themes: ["c1", "c2"], duration: 180, audience: 500,
                equipment: ["webcast"], people: [Participation(person: "p1", role: .organiser), Participation(person: "p.2", role: .speaker),
                                                 Participation(person: "p1", role: .moderator)],
                placements: [Placement(day: d("2025-07-07"), start: t("10:00"), room: "yes", end: t("13:00"))], pinned: true,
                abstract: "Two\nlines", language: "en", note: "from the 2025 record # not a comment"),
        Session(id: "s2", title: "Workshop", themes: ["c1"], duration: 90,
                people: [Participation(person: "p.2", role: .speaker), Participation(person: "p1", role: .organiser)],
                preferences: Preferences(days: [d("2025-07-08")], times: [TimeRange(start: t("13:00"), end: t("18:00"))], rooms: ["r1"]),
                after: ["s1"], unavailable: [TimeWindow(date: d("2025-07-07"))], language: "fr"),
        Session(id: "s3", title: "Series", kind: .other("fireside chat"), duration: 45, parts: 3, minDays: 2,
                placements: [Placement(day: d("2025-07-07"), start: t("09:30"), room: "r1"),
                             Placement(day: d("2025-07-08"), start: t("11:30"), room: "r1")], url: "https://x.org/a?b=c&d"),
        Session(id: "s4", title: "Single-part, placements list", duration: 90, parts: 1, language: nil),
        Session(id: "s5", title: "Tab\tand \"quotes\" and \\ backslash", duration: 100, audience: 1, description: "\n\nstarts with blank lines"),
    ]
    let groups = [SessionGroup(id: "g1", title: "Track", sessions: ["s1", "s2"], noOverlap: false, compact: true),
                  SessionGroup(id: "g2", title: "Other", sessions: ["s3"])]
    let rules: [String: RuleSetting] = ["day-balance": RuleSetting(enabled: false), "theme-parallel": RuleSetting(weight: 20),
                                        "room-too-small": RuleSetting(weight: 1, hard: false), "unplaced": RuleSetting(enabled: true),
                                        "series-spread": RuleSetting(enabled: false, weight: 3)]
    return Programme(event: event, days: days, rooms: rooms, themes: themes, people: people, sessions: sessions, groups: groups, ruleSettings: rules)
}

@Suite struct WriterTests {
    @Test func documentedExampleRoundTrips() throws {
        let p = try ProgrammeReader.read(text: try documentedExample())
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.yaml(p)) == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "x.json") == p)
    }

    /// C1 controls, U+FFFE and U+FFFF (which `solve` used to write raw and the reader then
    /// refused) are escaped, so every output reads back as the same programme (issue 12).
    @Test func textYAMLDoesNotAllowRawReadsBack() throws {
        var p = try ProgrammeReader.read(path: repositoryRoot.appendingPathComponent("Schedules/athens-2006.yaml").path)
        let c1 = String(String.UnicodeScalarView((0x80...0x9F).compactMap(Unicode.Scalar.init)))
        let hostile = ["Plain\(c1)title", "\u{FFFE}first", "last\u{FFFF}", "\u{9B}31m red \u{85} next", "a\u{FFFE}\u{FFFF}\u{80}b"]
        for (k, text) in hostile.enumerated() { p.sessions[k].title = text }
        p.sessions[0].abstract = "Line one\u{9B}\nline two \u{FFFF}\nline three"
        p.event.name = "IGF\u{96}2006"
        p.people[0].name = "Name\u{FFFE}"
        let yaml = ProgrammeWriter.yaml(p)
        #expect(!yaml.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF })
        #expect(yaml.contains("\\u009b") && yaml.contains("\\ufffe") && yaml.contains("\\uffff"))
        #expect(try ProgrammeReader.read(text: yaml) == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "x.json") == p)
        // Written to a file as `forum solve` does, it validates.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forum-roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("p.yaml").path
        try writeAtomically(ProgrammeWriter.text(p, format: .yaml), to: path)
        #expect(try ProgrammeReader.read(path: path) == p)
    }

    @Test func awkwardProgrammeRoundTrips() throws {
        let p = awkwardProgramme()
        let yaml = ProgrammeWriter.yaml(p)
        let back = try ProgrammeReader.read(text: yaml)
        #expect(back.event == p.event)
        #expect(back.days == p.days)
        #expect(back.rooms == p.rooms)
        #expect(back.themes == p.themes)
        #expect(back.people == p.people)
        for (a, b) in zip(back.sessions, p.sessions) { #expect(a == b) }
        #expect(back.groups == p.groups)
        #expect(back.ruleSettings == p.ruleSettings)
        #expect(back == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "x.json") == p)
    }

    @Test func athensRoundTrips() throws {
        let p = try ProgrammeReader.read(path: repositoryRoot.appendingPathComponent("Schedules/athens-2006.yaml").path)
        let yaml = ProgrammeWriter.yaml(p)
        #expect(try ProgrammeReader.read(text: yaml) == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "a.json") == p)
        // Written once, the text is a fixed point.
        #expect(ProgrammeWriter.yaml(try ProgrammeReader.read(text: yaml)) == yaml)
    }

    @Test(arguments: ["Examples/wsis-forum-2012.yaml", "Examples/athens-2006-broken.yaml"])
    func examplesRoundTrip(path: String) throws {
        let p = try ProgrammeReader.read(path: repositoryRoot.appendingPathComponent(path).path)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.yaml(p)) == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "x.json") == p)
    }

    @Test func deterministic() throws {
        let p = awkwardProgramme()
        var q = p
        // The same settings inserted in another order.
        q.ruleSettings = [:]
        for key in p.ruleSettings.keys.sorted().reversed() { q.ruleSettings[key] = p.ruleSettings[key] }
        #expect(ProgrammeWriter.yaml(p) == ProgrammeWriter.yaml(q))
        #expect(ProgrammeWriter.json(p) == ProgrammeWriter.json(q))
        let yaml = ProgrammeWriter.yaml(p)
        #expect(yaml.components(separatedBy: "\nrules:\n")[1].hasPrefix("  room-too-small:"))
    }

    @Test func compactAndReadable() throws {
        let yaml = ProgrammeWriter.yaml(try ProgrammeReader.read(text: try documentedExample()))
        let lines = yaml.components(separatedBy: "\n")
        // The shared slots are the grid; the days say only how they differ.
        #expect(lines.contains("grid:"))
        #expect(lines.contains("  - \"10:00-13:00 Main morning\""))
        #expect(lines.contains("  2006-11-02:"))
        #expect(lines.contains("    remove: [\"15:00-18:00\", \"15:30-17:00\"]"))
        #expect(lines.contains("    add: [\"14:00-15:00 Closing\"]"))
        #expect(!lines.contains("  2006-10-31:"))
        // Shorthands, and no defaults spelled out.
        #expect(lines.contains("    placement: 2006-10-31 10:00 main-hall"))
        #expect(lines.contains("    moderator: ngowing"))
        #expect(lines.contains("    speaker: ndesai"))
        #expect(lines.firstIndex(of: "    moderator: ngowing")! < lines.firstIndex(of: "    speaker: ndesai")!)
        #expect(lines.contains("    duration: 3h"))
        #expect(lines.contains("  language: en"))
        #expect(!yaml.contains("kind: workshop"))
        #expect(!yaml.contains("pinned: false"))
        #expect(!yaml.contains("parts: 1"))
        #expect(lines.contains("  day-balance: off"))
        #expect(lines.contains("  theme-parallel: {weight: 20}"))
    }

    @Test func quotingKeepsTextText() {
        // Text YAML 1.1 would read as something else is quoted; ordinary words and dates are not.
        let p = awkwardProgramme()
        let yaml = ProgrammeWriter.yaml(p)
        #expect(yaml.contains("  - id: \"yes\"\n    name: \"No\""))
        #expect(yaml.contains("    equipment: [\"on\", webcast]"))
        #expect(yaml.contains("    title: \"10:00\""))
        #expect(yaml.contains("  start: 2025-07-07"))
        #expect(yaml.contains("    note: \"from the 2025 record # not a comment\""))
        #expect(yaml.contains("  description: |\n    Line one\n      indented line\n\n    Last line\n"))
    }
}

@Suite struct GeneratedRoundTripTests {
    @Test(arguments: [(1 as UInt64, false), (2, true), (3, true)])
    func generatedProgrammesRoundTrip(seed: UInt64, placed: Bool) throws {
        let p = try ProgrammeGenerator.generate(GeneratorOptions(sessions: 300, rooms: 18, days: 5, seed: seed, placed: placed))
        let yaml = ProgrammeWriter.yaml(p)
        let back = try ProgrammeReader.read(text: yaml, file: "generated.yaml")
        #expect(back == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "generated.json") == p)
        #expect(ProgrammeWriter.yaml(back) == yaml)
    }
}

@Suite struct TreeTests {
    @Test func quotedTextEscapesWhatReadersMisread() throws {
        let text = "a\u{2028}b\u{1}\"\\–é\u{FEFF}\u{85}\n\t😀"
        #expect(Tree.text(text).json() == "\"a\\u2028b\\u0001\\\"\\\\–é\\ufeff\\u0085\\n\\t😀\"\n")
        // JSON and YAML readers give back the very text.
        let decoded = try JSONDecoder().decode(String.self, from: Data(Tree.text(text).json().utf8))
        #expect(decoded == text)
        var p = awkwardProgramme()
        p.sessions[0].title = text
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.yaml(p)).sessions[0].title == text)
    }

    @Test func yamlLayout() {
        let tree = Tree.map([
            .init("name", .text("x")),
            .init("tags", .list([.text("a"), .text("b: c")])),
            .init("items", .list([.map([.init("id", .text("1")), .init("y", .integer(2))]), .inlineMap([.init("k", .word("off"))])])),
            .init("empty", .list([])),
        ])
        #expect(tree.yaml() == """
            name: x

            tags: [a, "b: c"]

            items:
              - id: "1"
                "y": 2
              - {k: off}

            empty: []
            """ + "\n")
    }
}

/// A hybrid programme: an online session placed in time only (no room), one in a virtual
/// room, an online person with a home time zone who moderates online.
func hybridProgramme() -> Programme {
    let event = Event(name: "Hybrid forum", acronym: "hf", timeZone: "Europe/Athens", startDate: d("2006-10-30"), endDate: d("2006-10-31"))
    let grid = [Slot(start: t("10:00"), end: t("11:30")), Slot(start: t("13:30"), end: t("15:00"))]
    return Programme(
        event: event,
        days: [Day(date: d("2006-10-30"), slots: grid), Day(date: d("2006-10-31"), slots: grid)],
        rooms: [Room(id: "main-hall", name: "Main Hall", capacity: 800), Room(id: "zoom-a", name: "Zoom A", virtual: true)],
        people: [Person(id: "alima", name: "Ana Lima"),
                 Person(id: "rkumar", name: "Raj Kumar", attendance: .online, timezone: "Asia/Kolkata")],
        sessions: [
            Session(id: "ws-remote", title: "Remote participation",
                    people: [Participation(person: "rkumar", role: .onlineModerator), Participation(person: "alima", role: .speaker)],
                    placements: [Placement(day: d("2006-10-31"), start: t("10:00"), room: nil)], online: true),
            Session(id: "ws-webinar", title: "Webinar",
                    placements: [Placement(day: d("2006-10-30"), start: t("13:30"), room: "zoom-a")], online: true),
            Session(id: "ws-hall", title: "In the hall", people: [Participation(person: "alima", role: .moderator)],
                    placements: [Placement(day: d("2006-10-30"), start: t("10:00"), room: "main-hall")]),
        ])
}

@Suite struct HybridWriterTests {
    @Test func placementWithoutARoomAndAnOnlinePersonRoundTrip() throws {
        let p = hybridProgramme()
        let yaml = ProgrammeWriter.yaml(p)
        // The placement names no room; the person's attendance and zone are written.
        #expect(yaml.contains("    placement: 2006-10-31 10:00\n    online: true\n"))
        #expect(yaml.contains("    attendance: online\n    timezone: Asia/Kolkata\n"))
        #expect(yaml.contains("    online-moderator: rkumar\n"))
        let back = try ProgrammeReader.read(text: yaml, file: "hybrid.yaml")
        // The parts that are new for hybrid events, one by one, then the whole.
        #expect(back.session("ws-remote")?.placements == [Placement(day: d("2006-10-31"), start: t("10:00"), room: nil)])
        #expect(back.session("ws-remote")?.online == true)
        #expect(back.session("ws-remote")?.people == p.session("ws-remote")?.people)
        #expect(back.person("rkumar")?.attendance == .online && back.person("rkumar")?.timezone == "Asia/Kolkata")
        #expect(back.person("alima")?.attendance == .onsite && back.person("alima")?.timezone == nil)
        #expect(back.room("zoom-a")?.virtual == true)
        #expect(back == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "hybrid.json") == p)
        // Written once, the text is a fixed point.
        #expect(ProgrammeWriter.yaml(back) == yaml)
    }
}

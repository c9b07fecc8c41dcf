import Foundation
import ForumFormats
import ForumModel
import Testing

private func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
private func t(_ text: String) -> TimeOfDay { TimeOfDay(text)! }
private func slot(_ a: String, _ b: String, _ label: String? = nil) -> Slot { Slot(start: t(a), end: t(b), label: label) }

@Suite struct DocumentedExampleTests {
    let p: Programme

    init() throws {
        p = try ProgrammeReader.read(text: try documentedExample(), file: "example.yaml")
    }

    @Test func event() {
        #expect(p.event.name == "Internet Governance Forum 2006")
        #expect(p.event.acronym == "igf2006")
        #expect(p.event.city == "Athens")
        #expect(p.event.venue == "Divani Apollon Palace")
        #expect(p.event.timeZone == "Europe/Athens")
        #expect(p.event.startDate == d("2006-10-30"))
        #expect(p.event.endDate == d("2006-11-02"))
        #expect(p.event.url == "https://www.intgovforum.org/")
    }

    @Test func daysFromGridAndExceptions() throws {
        #expect(p.days.map(\.date) == [d("2006-10-30"), d("2006-10-31"), d("2006-11-01"), d("2006-11-02")])
        let grid = [slot("09:30", "11:00"), slot("10:00", "13:00", "Main morning"), slot("11:30", "13:00"),
                    slot("13:30", "15:00"), slot("15:00", "18:00", "Main afternoon"), slot("15:30", "17:00")]
        let opening = try #require(p.day(d("2006-10-30")))
        #expect(opening.label == "Opening day")
        #expect(opening.slots == [slot("10:00", "13:00"), slot("15:00", "18:00")])
        #expect(p.day(d("2006-10-31"))?.slots == grid)
        #expect(p.day(d("2006-10-31"))?.label == nil)
        let last = try #require(p.day(d("2006-11-02")))
        #expect(last.slots == [slot("09:30", "11:00"), slot("10:00", "13:00", "Main morning"), slot("11:30", "13:00"),
                               slot("13:30", "15:00"), slot("14:00", "15:00", "Closing")])
    }

    @Test func rooms() throws {
        #expect(p.rooms.map(\.id) == ["main-hall", "plato-hall"])
        let main = try #require(p.room("main-hall"))
        #expect(main.name == "Main Hall")
        #expect(main.capacity == 800)
        #expect(main.equipment == ["interpretation", "webcast", "remote", "accessible"])
        #expect(main.availability.isEmpty)
        let plato = try #require(p.room("plato-hall"))
        #expect(plato.availability == [TimeWindow(date: d("2006-10-31")),
                                       TimeWindow(date: d("2006-11-01"), range: TimeRange(start: t("09:00"), end: t("13:00")))])
    }

    @Test func themesAndPeople() throws {
        #expect(p.themes.map(\.id) == ["openness", "access", "capacity-building"])
        #expect(p.theme("openness")?.description == "Freedom of expression, free flow of information, ideas and knowledge")
        #expect(p.theme("openness")?.crossCutting == false)
        #expect(p.theme("capacity-building")?.crossCutting == true)
        #expect(p.theme("capacity-building")?.colour == "#7f7f7f")
        let desai = try #require(p.person("ndesai"))
        #expect(desai.name == "Nitin Desai")
        #expect(desai.stakeholderGroup == "intergovernmental")
        #expect(desai.region == "Asia-Pacific")
        #expect(desai.organisation == "United Nations")
        #expect(desai.unavailable == [TimeWindow(date: d("2006-10-30"), range: TimeRange(start: t("09:00"), end: t("12:00")))])
    }

    @Test func sessionWithShorthands() throws {
        let s = try #require(p.session("main-openness"))
        #expect(s.title == "Openness")
        #expect(s.kind == .mainSession)
        #expect(s.themes == ["openness"])
        #expect(s.duration == 180)
        #expect(s.audience == 600)
        #expect(s.equipment == ["interpretation", "webcast"])
        #expect(s.people == [Participation(person: "ngowing", role: .moderator), Participation(person: "ndesai", role: .speaker)])
        #expect(s.placements == [Placement(day: d("2006-10-31"), start: t("10:00"), room: "main-hall")])
        #expect(s.pinned)
        #expect(s.language == "en")  // from defaults
        #expect(s.url == "https://…")
    }

    @Test func sessionWithDefaultsAndWishes() throws {
        let s = try #require(p.session("ws-bill-of-rights"))
        #expect(s.kind == .workshop)
        #expect(s.duration == 90)
        #expect(s.people == [Participation(person: "ipjustice", role: .organiser)])
        #expect(s.preferences == Preferences(days: [d("2006-11-01")], times: [TimeRange(start: t("13:00"), end: t("18:00"))], rooms: ["plato-hall"]))
        #expect(s.after == ["main-openness"])
        #expect(s.unavailable == [TimeWindow(date: d("2006-10-30"))])
        #expect(s.note == "room and time from ipjustice.org")
        #expect(s.placements.isEmpty)
        #expect(!s.pinned)
    }

    @Test func series() throws {
        let s = try #require(p.session("dc-access-track"))
        #expect(s.parts == 3)
        #expect(s.minDays == 3)
        #expect(s.placements.map(\.day) == [d("2006-10-30"), d("2006-10-31")])
        #expect(!s.isPlaced)
    }

    @Test func groupsAndRules() {
        #expect(p.groups == [SessionGroup(id: "newcomers", title: "Newcomers' track",
                                          sessions: ["ws-bill-of-rights", "dc-access-track"], noOverlap: true, compact: false)])
        #expect(p.ruleSettings == ["theme-parallel": RuleSetting(weight: 20), "day-balance": RuleSetting(enabled: false),
                                   "room-too-small": RuleSetting(weight: 1, hard: false)])
    }
}

@Suite struct ShorthandTests {
    func session(_ body: String) throws -> Session {
        let p = try ProgrammeReader.read(text: frame + "sessions:\n  - id: s\n    title: S\n" + body)
        return try #require(p.sessions.first)
    }

    @Test(arguments: [("90", 90), ("90m", 90), ("3h", 180), ("1h30m", 90), ("1h 30m", 90), ("2h15", 135), ("45min", 45), ("\"120\"", 120)])
    func durations(text: String, minutes: Int) throws {
        #expect(try session("    duration: \(text)\n").duration == minutes)
    }

    @Test func unquotedTimesStayTimes() throws {
        // YAML 1.1 would read 10:00 as the integer 600 and 13:00-18:00 as text; both are times here.
        let s = try session("    prefer: {times: [13:00-18:00]}\n    placement: {day: 2006-10-31, start: 10:00, room: main-hall}\n")
        #expect(s.placements == [Placement(day: d("2006-10-31"), start: t("10:00"), room: "main-hall")])
        #expect(s.preferences.times == [TimeRange(start: t("13:00"), end: t("18:00"))])
    }

    @Test func yaml11WordsStayText() throws {
        // YAML 1.1 reads NO (Norway), yes, off and 1e3 as booleans and numbers; here they are text.
        let p = try ProgrammeReader.read(text: frame + """
            sessions:
              - {id: "on", title: yes, language: NO, note: 1e3, url: ~}

            """)
        let s = try #require(p.sessions.first)
        #expect((s.id, s.title, s.language, s.note, s.url) == ("on", "yes", "NO", "1e3", nil))
    }

    @Test func placementForms() throws {
        let a = try session("    placement: 2006-10-31 10:00-13:00 main-hall\n")
        #expect(a.placements == [Placement(day: d("2006-10-31"), start: t("10:00"), room: "main-hall", end: t("13:00"))])
        let b = try session("    placement: {day: 2006-10-31, start: \"10:00\", room: main-hall, end: \"12:00\"}\n")
        #expect(b.placements == [Placement(day: d("2006-10-31"), start: t("10:00"), room: "main-hall", end: t("12:00"))])
        let c = try session("    parts: 2\n    placements:\n      - 2006-10-30 09:30 plato-hall\n      - {day: 2006-10-31, start: \"11:30\", room: main-hall}\n")
        #expect(c.placements.map(\.room) == ["plato-hall", "main-hall"])
        #expect(c.isPlaced)
    }

    @Test func peopleInFileOrder() throws {
        let s = try session("""
                speakers: ndesai
                chair: ndesai
                people:
                  - {person: ndesai, role: rapporteur}

            """)
        #expect(s.people.map(\.role) == [.speaker, .chair, .rapporteur])
    }

    @Test func singleOrListAndThemes() throws {
        let s = try session("    themes: [openness]\n    equipment: webcast\n    after: []\n")
        #expect(s.themes == ["openness"])
        #expect(s.equipment == ["webcast"])
        #expect(s.after.isEmpty)
    }

    @Test func defaultsApply() throws {
        let p = try ProgrammeReader.read(text: frame + """
            defaults: {kind: open-forum, duration: 1h, audience: 40, language: fr, equipment: [remote]}
            sessions:
              - {id: a, title: A}
              - {id: b, title: B, kind: lightning-talk, duration: 20, audience: 10, language: en, equipment: []}
              - {id: c, title: C, kind: fireside-chat}

            """)
        let a = p.sessions[0], b = p.sessions[1], c = p.sessions[2]
        #expect((a.kind, a.duration, a.audience, a.language, a.equipment) == (.openForum, 60, 40, "fr", ["remote"]))
        #expect((b.kind, b.duration, b.audience, b.language, b.equipment) == (.lightningTalk, 20, 10, "en", []))
        #expect(c.kind == .other("fireside-chat"))
    }

    @Test func windowsAndSlotMaps() throws {
        let p = try ProgrammeReader.read(text: """
            event: {name: W, timezone: Asia/Tokyo, start: 2025-06-23, end: 2025-06-24, acronym: w25}
            grid:
              - {start: "09:00", end: "10:30", label: Morning}
              - 11:00–12:30 Late morning
            days:
              2025-06-22: {label: Day 0, slots: ["14:00-18:00"]}
              2025-06-24: {slots: []}
            rooms:
              - {id: r, available: ["10:00-18:00", 2025-06-23, "2025-06-24 09:00-12:00"]}

            """)
        #expect(p.event.acronym == "w25")
        #expect(p.days.map(\.date) == [d("2025-06-22"), d("2025-06-23"), d("2025-06-24")])
        #expect(p.days[0].label == "Day 0")
        #expect(p.days[0].slots == [slot("14:00", "18:00")])
        #expect(p.days[1].slots == [slot("09:00", "10:30", "Morning"), slot("11:00", "12:30", "Late morning")])
        #expect(p.days[2].slots.isEmpty)
        #expect(p.rooms[0].name == "r")
        #expect(p.rooms[0].availability == [TimeWindow(range: TimeRange(start: t("10:00"), end: t("18:00"))),
                                            TimeWindow(date: d("2025-06-23")),
                                            TimeWindow(date: d("2025-06-24"), range: TimeRange(start: t("09:00"), end: t("12:00")))])
    }

    @Test func jsonIsRead() throws {
        let json = """
            {
            \t"event": {"name": "Internet Governance Forum 2006", "timezone": "Europe/Athens", "start": "2006-10-30", "end": "2006-10-31"},
            \t"grid": ["10:00-13:00"],
            \t"rooms": [{"id": "main-hall", "capacity": 800}],
            \t"sessions": [{"id": "s", "title": "S", "duration": 180, "pinned": true, "placement": "2006-10-30 10:00 main-hall"}],
            \t"rules": {"day-balance": false, "theme-parallel": {"weight": 20}}
            }
            """
        let p = try ProgrammeReader.read(text: json, file: "p.json")
        #expect(p.event.acronym == "igf2006")
        #expect(p.rooms[0].capacity == 800)
        #expect(p.sessions[0].duration == 180 && p.sessions[0].pinned)
        #expect(p.ruleSettings["day-balance"] == RuleSetting(enabled: false))
    }

    @Test func anchorsAliasesAndBlockText() throws {
        let p = try ProgrammeReader.read(text: frame + """
            sessions:
              - id: a
                title: A
                equipment: &av [webcast, remote]
                abstract: |
                  First line
                  second line
                description: >
                  folded
                  text
              - id: b
                title: B
                equipment: *av
                note: a plain text
                  over two lines

            """)
        #expect(p.sessions[1].equipment == ["webcast", "remote"])
        #expect(p.sessions[0].abstract == "First line\nsecond line\n")
        #expect(p.sessions[0].description == "folded text\n")
        #expect(p.sessions[1].note == "a plain text over two lines")
    }

    @Test func athens2006IsRead() throws {
        let path = repositoryRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
        let p = try ProgrammeReader.read(path: path)
        #expect(p.event.timeZone == "Europe/Athens")
        #expect(p.days.first?.date == d("2006-10-30"))
        #expect(p.days.last?.date == d("2006-11-02"))
        #expect(p.rooms.count == 10)
        #expect(p.themes.count >= 4)
        let openness = try #require(p.sessions.first { $0.kind == .mainSession && $0.title.contains("Openness") })
        #expect(openness.placements.first?.day == d("2006-10-31"))
        #expect(openness.placements.first?.start == t("10:00"))
    }
}

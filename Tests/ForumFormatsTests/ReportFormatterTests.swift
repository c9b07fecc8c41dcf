import Foundation
import ForumFormats
import ForumModel
import ForumRules
import Testing

private func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
private func t(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

@Suite struct ReportFormatterTests {
    let programme: Programme

    init() throws {
        programme = try ProgrammeReader.read(text: frame + """
            sessions:
              - {id: main-openness, title: Openness, duration: 3h, speakers: ndesai, placement: 2006-10-31 09:30 main-hall}
              - {id: ws-rights, title: An Internet Bill of Rights, speakers: ndesai, placement: 2006-10-31 09:30 main-hall}
              - {id: ws-late, title: Late, placement: 2006-10-31 11:30 plato-hall}

            """)
    }

    @Test func realViolationsNameSessionsRoomTimeAndPerson() throws {
        let report = validate(programme)
        let text = ReportFormatter.text(report, programme: programme, file: "p.yaml")
        #expect(report.hasHardViolations)
        #expect(text.hasPrefix("p.yaml: Test Forum 2006, 3 days, 2 rooms, 3 sessions (3 placed)\n"))
        let blocks = text.components(separatedBy: "\n\n")
        let room = try #require(blocks.first { $0.hasPrefix("HARD room-conflict: Room double-booked") })
        #expect(room.contains("  when:     Tue 2006-10-31 09:30"))
        #expect(room.contains("  room:     main-hall"))
        #expect(room.contains("main-openness “Openness”") && room.contains("ws-rights “An Internet Bill of Rights”"))
        #expect(room.contains("  fix:      "))
        let person = try #require(blocks.first { $0.hasPrefix("HARD person-conflict: Person in two places") })
        #expect(person.contains("  person:   ndesai (Nitin Desai)"))
        #expect(text.contains("room-conflict    Room double-booked"))
        #expect(text.hasSuffix("Score: \(report.score.hard) hard, \(report.score.soft) soft. A hard rule is broken: the programme cannot run as it is.\n"))
    }

    @Test func hardViolationsComeFirstAndTableCounts() {
        let v = [
            Violation(rule: .themeParallel, hard: false, penalty: 10, sessions: ["ws-late"], message: "soft one"),
            Violation(rule: .roomConflict, hard: true, penalty: 1, sessions: ["main-openness", "ws-rights"], room: "main-hall",
                      day: d("2006-10-31"), start: t("09:30"), end: t("11:00"), message: "hard one", fix: "move one"),
            Violation(rule: .themeParallel, hard: false, penalty: 10, sessions: ["ws-rights"], message: "soft two"),
        ]
        let report = ValidationReport(violations: v)
        #expect(ReportFormatter.ordered(report).map(\.message) == ["hard one", "soft one", "soft two"])
        let table = ReportFormatter.table(report, programme: programme).components(separatedBy: "\n")
        #expect(table[0] == "rule                                    severity  count  penalty")
        #expect(table[1] == "room-conflict   Room double-booked      hard          1        1")
        #expect(table[2] == "theme-parallel  Same theme in parallel  soft          2       20")
    }

    @Test func jsonHasOffsetsAndTotals() throws {
        let v = Violation(rule: .roomConflict, hard: true, penalty: 1, sessions: ["main-openness", "ws-rights"], room: "main-hall",
                          person: "ndesai", day: d("2006-10-31"), start: t("09:30"), end: t("11:00"), message: "m", fix: "f")
        let json = ReportFormatter.json(ValidationReport(violations: [v]), programme: programme, file: "p.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let violation = try #require((object["violations"] as? [[String: Any]])?.first)
        #expect(violation["start"] as? String == "2006-10-31T09:30:00+02:00")
        #expect(violation["end"] as? String == "2006-10-31T11:00:00+02:00")
        #expect(violation["person"] as? String == "ndesai")
        #expect(violation["fix"] as? String == "f")
        #expect(violation["severity"] as? String == "hard")
        #expect(object["valid"] as? Bool == false)
        #expect(object["file"] as? String == "p.yaml")
        #expect((object["score"] as? [String: Int]) == ["hard": 1, "soft": 0])
        #expect((object["rules"] as? [[String: Any]])?.first?["count"] as? Int == 1)
        // Summer time: the same wall-clock time in June is UTC+03:00 in Athens.
        var summer = programme
        summer.event.startDate = d("2006-06-01")
        let june = Violation(rule: .roomConflict, hard: true, penalty: 1, sessions: [], day: d("2006-06-01"), start: t("10:00"), message: "m")
        #expect(ReportFormatter.json(ValidationReport(violations: [june]), programme: summer).contains("\"2006-06-01T10:00:00+03:00\""))
    }

    @Test func longSessionListsAreShortenedInText() {
        let ids = (1...9).map { "s\($0)" }
        let v = Violation(rule: .dayBalance, hard: false, penalty: 3, sessions: ids, day: d("2006-10-31"), message: "m")
        let text = ReportFormatter.describe(v, in: programme)
        #expect(text.contains("s6; … and 3 more"))
        #expect(!text.contains("s7"))
    }

    @Test func cleanProgramme() {
        let text = ReportFormatter.text(ValidationReport(violations: []), programme: programme)
        #expect(text.contains("No rule is broken."))
        #expect(text.hasSuffix("Score: 0 hard, 0 soft. No hard rule is broken.\n"))
    }
}

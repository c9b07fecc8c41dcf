import Foundation
import ForumFormats
import ForumModel
import ForumRules
@testable import ForumCalendar
import Testing

/// The calendar commands of the `forum` executable, run as a user runs them.
@Suite struct CommandTests {
    /// Must show: two events in one room at overlapping times, given in different time zones:
    /// `forum validate` exits 1 and names both events' UIDs and summaries.
    @Test func validateFindsARoomConflictAcrossTimeZones() throws {
        guard let forum = Tools.forum() else { return }
        let folder = try Tools.temporaryFolder("validate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drafts.ics").path
        // 13:30–15:00 in Athens (EET) and 07:00–08:30 in New York (EST) = 14:00–15:30 in Athens.
        try ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"] + newYorkZone
            + event("bill-of-rights-2006@ipjustice.org", "An Internet Bill of Rights", "DTSTART;TZID=Europe/Athens:20061101T133000",
                    "DTEND;TZID=Europe/Athens:20061101T150000")
            + event("open-standards@cptech.org", "Open standards, interoperability and procurement",
                    "DTSTART;TZID=Eastern Standard Time (custom):20061101T070000", "DTEND;TZID=Eastern Standard Time (custom):20061101T083000")
            + event("spam@example.org", "Spam", "DTSTART:20061101T150000Z", "DTEND:20061101T163000Z")
            + ["END:VCALENDAR"]).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Tools.run(forum, ["validate", path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("room-conflict"))
        #expect(out.contains("UID bill-of-rights-2006@ipjustice.org “An Internet Bill of Rights”"))
        #expect(out.contains("UID open-standards@cptech.org “Open standards, interoperability and procurement”"))
        #expect(!out.contains("UID spam@example.org"), "the spam workshop starts after both have ended")

        let json = try Tools.run(forum, ["validate", path, "--format", "json"])
        #expect(json.status == 1)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(decoded?["valid"] as? Bool == false)
        #expect(json.stdout.contains("\"uid\": \"open-standards@cptech.org\"") || json.stdout.contains("\"uid\":\"open-standards@cptech.org\""))
    }

    /// Many copies of the same events: the text report prints the first violations and counts
    /// the rest, instead of describing every conflicting pair (issue 12).
    @Test func validateCapsTheReportOfManyConflicts() throws {
        let copies = 60
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
        for i in 0..<copies {
            lines += event("a-\(i)@test", "Event A", "DTSTART:20061030T093000Z", "DTEND:20061030T110000Z")
            lines += event("b-\(i)@test", "Event B", "DTSTART:20061030T120000Z", "DTEND:20061030T130000Z")
        }
        lines.append("END:VCALENDAR")
        let imported = try CalendarReader().read(text: ics(lines), file: "copies.ics")
        let check = CalendarCheck(imported)
        let pairs = 2 * copies * (copies - 1) / 2
        let counted = check.report.perRule.first { $0.rule.rawValue == "room-conflict" }
        #expect(counted?.count == pairs)
        #expect(counted?.penalty == pairs)
        let listed = check.report.violations.filter { $0.rule.rawValue == "room-conflict" }.count
        #expect(listed == ValidationReport.listedPerRule, "the report words the first \(ValidationReport.listedPerRule) and counts the rest")
        #expect(check.report.unlisted.first { $0.rule.rawValue == "room-conflict" }?.count == pairs - listed)
        #expect(check.report.score.hard == check.report.perRule.reduce(0) { $0 + $1.penalty })
        let text = CalendarReport.text(check)
        #expect(text.components(separatedBy: "HARD room-conflict").count - 1 == CalendarReport.maxShown)
        #expect(text.contains("… and \(check.report.violations.count - CalendarReport.maxShown) more violations not shown"))
        #expect(text.contains("… and \(pairs - listed) more room-conflict violations (penalty \(pairs - listed)), not listed"))
        #expect(text.contains("Score: \(check.report.score.hard) hard"))
    }

    @Test func validateReportsDuplicateUIDsAndMissingStartsWithExitOne() throws {
        guard let forum = Tools.forum() else { return }
        let folder = try Tools.temporaryFolder("validate-findings")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drafts.ics").path
        try ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("ws1@example.org", "Spam", "DTSTART:20061031T100000Z", "DTEND:20061031T113000Z")
            + event("ws1@example.org", "Privacy", "DTSTART:20061101T100000Z", "DTEND:20061101T113000Z")
            + ["BEGIN:VEVENT", "UID:nostart@example.org", "DTSTAMP:20061001T000000Z", "SUMMARY:Greening development", "END:VEVENT", "END:VCALENDAR"])
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Tools.run(forum, ["validate", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("HARD duplicate-uid"))
        #expect(result.stdout.contains("UID ws1@example.org “Privacy” (line 13)"))
        #expect(result.stdout.contains("HARD missing-start"))
        #expect(result.stdout.contains("UID nostart@example.org “Greening development” (line 21)"))

        // A clean calendar exits 0; a broken one exits 2 with the line.
        let clean = folder.appendingPathComponent("clean.ics").path
        try CalendarExporter(programme: Fixtures.athens).calendar().text.write(toFile: clean, atomically: true, encoding: .utf8)
        #expect(try Tools.run(forum, ["validate", clean]).status == 0)
        let broken = folder.appendingPathComponent("broken.ics").path
        try "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try Tools.run(forum, ["validate", broken])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("broken.ics:3"))
    }

    /// Must show: export, change one session's time, export with --previous: that event's
    /// SEQUENCE rises and no other's does.
    @Test func exportWithPreviousRaisesTheMovedSessionsSequenceOnly() throws {
        guard let forum = Tools.forum() else { return }
        let folder = try Tools.temporaryFolder("previous")
        defer { try? FileManager.default.removeItem(at: folder) }
        let athens = try ProgrammeReader.read(path: ClientTests.athensPath)
        let first = folder.appendingPathComponent("athens.ics").path
        #expect(try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "-o", first]).status == 0)

        var moved = athens
        let index = try #require(moved.sessions.firstIndex { $0.id == "ws-internet-bill-of-rights" })
        moved.sessions[index].placements[0].start = TimeOfDay(hour: 11, minute: 30)
        let changedPath = folder.appendingPathComponent("athens-moved.yaml").path
        try ProgrammeWriter.yaml(moved).write(toFile: changedPath, atomically: true, encoding: .utf8)
        let second = folder.appendingPathComponent("athens-2.ics").path
        let result = try Tools.run(forum, ["export", "ics", changedPath, "--previous", first, "-o", second])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 changed, 0 cancelled"))

        let before = try String(contentsOfFile: first, encoding: .utf8), after = try String(contentsOfFile: second, encoding: .utf8)
        let uids = unfolded(before).split(separator: "\n").filter { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) }
        #expect(uids.count == ClientTests.expected(athens).count)
        for uid in uids {
            let old = value(eventLines(before, uid: uid), "SEQUENCE"), new = value(eventLines(after, uid: uid), "SEQUENCE")
            if uid == "ws-internet-bill-of-rights@igf2006.forum-scheduler" {
                #expect(old == "0" && new == "1")
                #expect(eventLines(after, uid: uid).contains("DTSTART;TZID=Europe/Athens:20061101T113000"))
                #expect(value(eventLines(after, uid: uid), "LAST-MODIFIED") != nil)
            } else {
                #expect(new == old, "\(uid) changed its SEQUENCE")
            }
        }
        // The previous calendar is an input: it is never overwritten.
        let refused = try Tools.run(forum, ["export", "ics", changedPath, "--previous", first, "-o", first])
        #expect(refused.status == 2)
        // The same holds for a split: the previous folder is not overwritten by its update.
        let splitFolder = folder.appendingPathComponent("by-theme").path
        #expect(try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "--split", "theme", "-o", splitFolder]).status == 0)
        let openness = splitFolder + "/igf2006-openness.ics"
        let publishedSplit = try String(contentsOfFile: openness, encoding: .utf8)
        let refusedSplit = try Tools.run(forum, ["export", "ics", changedPath, "--split", "theme", "--previous", splitFolder, "-o", splitFolder])
        #expect(refusedSplit.status == 2)
        #expect(refusedSplit.stderr.contains("--previous folder"))
        #expect(try String(contentsOfFile: openness, encoding: .utf8) == publishedSplit)
        let updated = try Tools.run(forum, ["export", "ics", changedPath, "--split", "theme", "--previous", splitFolder, "-o", splitFolder + "-2"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout.contains("1 changed"))
    }

    @Test func exportThenImportGivesBackTheSamePlacements() throws {
        guard let forum = Tools.forum() else { return }
        let folder = try Tools.temporaryFolder("import")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ics = folder.appendingPathComponent("athens.ics").path, yaml = folder.appendingPathComponent("athens.yaml").path
        #expect(try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "-o", ics]).status == 0)
        let imported = try Tools.run(forum, ["import", "ics", ics, "-o", yaml])
        #expect(imported.status == 0, "\(imported.stderr)")
        let original = try ProgrammeReader.read(path: ClientTests.athensPath), back = try ProgrammeReader.read(path: yaml)
        func placements(_ p: Programme) -> [String] {
            p.sessions.flatMap { s in s.placements.map { "\(s.id) \($0.day) \(s.span(of: $0)) \($0.room)" } }.sorted()
        }
        #expect(placements(back) == placements(original))
        #expect(back.event.timeZone == "Europe/Athens")
        for room in back.rooms { #expect(original.room(room.id)?.name == room.name) }
        // And the calendar of the imported programme is the same calendar.
        let again = folder.appendingPathComponent("again.ics").path
        #expect(try Tools.run(forum, ["export", "ics", yaml, "-o", again]).status == 0)
        func events(_ path: String) throws -> [String] {
            try unfolded(String(contentsOfFile: path, encoding: .utf8)).split(separator: "\n")
                .filter { $0.hasPrefix("UID:") || $0.hasPrefix("DTSTART") || $0.hasPrefix("DTEND") || $0.hasPrefix("SUMMARY") || $0.hasPrefix("X-FORUM-ROOM") }
                .map(String.init)
        }
        #expect(try events(again) == events(ics))
    }

    @Test func splitWritesCalendarsAndAnIndex() throws {
        guard let forum = Tools.forum() else { return }
        let folder = try Tools.temporaryFolder("split")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("calendars")
        let result = try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "--split", "room", "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let athens = try ProgrammeReader.read(path: ClientTests.athensPath)
        let index = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        var total = 0
        for room in athens.rooms {
            let count = athens.sessions.flatMap(\.placements).filter { $0.room == room.id }.count
            guard count > 0 else { continue }
            let file = out.appendingPathComponent("igf2006-\(room.id).ics")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(unfolded(text).components(separatedBy: "BEGIN:VEVENT").count - 1 == count)
            #expect(index.contains("(igf2006-\(room.id).ics): \(count) event"))
            #expect(index.contains(room.name))
            total += count
        }
        #expect(total == ClientTests.expected(athens).count)
        // A filter narrows one calendar; an unknown id is exit 2 with a hint.
        let personal = folder.appendingPathComponent("mine.ics").path
        #expect(try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "--session", "main-openness", "main-access", "-o", personal]).status == 0)
        #expect(try unfolded(String(contentsOfFile: personal, encoding: .utf8)).components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
        let unknown = try Tools.run(forum, ["export", "ics", ClientTests.athensPath, "--room", "plato-hal", "-o", personal])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean `plato-hall`?"))
    }
}

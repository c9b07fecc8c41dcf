import Foundation
import ForumModel
@testable import ForumCalendar
import Testing

@Suite struct UpdateTests {
    func sequences(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for uid in unfolded(text).split(separator: "\n").filter({ $0.hasPrefix("UID:") }).map({ String($0.dropFirst(4)) }) {
            result[uid] = value(eventLines(text, uid: uid), "SEQUENCE")
        }
        return result
    }

    /// Must show: export, change one session's time, export with --previous: that event's
    /// SEQUENCE rises and no other's does.
    @Test func movingOneSessionRaisesOnlyItsSequence() throws {
        let old = try CalendarExporter(programme: Fixtures.athens).calendar()
        var changed = Fixtures.athens
        let index = changed.sessions.firstIndex { $0.id == "ws-internet-bill-of-rights" }!
        changed.sessions[index].placements[0].start = TimeOfDay(hour: 11, minute: 30)
        let previous = try PreviousCalendar(text: old.text, file: "old.ics")
        let new = try CalendarExporter(programme: changed).calendar(previous: previous)

        let before = sequences(old.text), after = sequences(new.text)
        let moved = "ws-internet-bill-of-rights@igf2006.forum-scheduler"
        #expect(before.count == 9 && after.count == 9)
        #expect(before[moved] == "0" && after[moved] == "1")
        for (uid, sequence) in before where uid != moved { #expect(after[uid] == sequence, "\(uid) should keep its SEQUENCE") }
        #expect(new.changed == [moved])
        let movedLines = eventLines(new.text, uid: moved)
        #expect(movedLines.contains("DTSTART;TZID=Europe/Athens:20061101T113000"))
        #expect(value(movedLines, "LAST-MODIFIED") == "20061030T000001Z")
        #expect(value(movedLines, "DTSTAMP") == "20061030T000001Z")
        #expect(value(eventLines(new.text, uid: "main-openness@igf2006.forum-scheduler"), "LAST-MODIFIED") == nil)

        // A second update from that one: the moved event keeps 1, a retitled one goes to 1.
        var retitled = changed
        retitled.sessions[1].title = "Openness: freedom of expression"
        let third = try CalendarExporter(programme: retitled).calendar(previous: PreviousCalendar(text: new.text, file: "new.ics"))
        let final = sequences(third.text)
        #expect(final[moved] == "1")
        #expect(final["main-openness@igf2006.forum-scheduler"] == "1")
        #expect(final["main-access@igf2006.forum-scheduler"] == "0")
        #expect(value(eventLines(third.text, uid: moved), "LAST-MODIFIED") == "20061030T000001Z", "unchanged since the second export")
    }

    @Test func roomAndTextChangesRaiseSequence() throws {
        let old = try CalendarExporter(programme: Fixtures.athens).calendar()
        var changed = Fixtures.athens
        changed.sessions[7].placements[0].room = "plato-hall"            // ws-open-standards-procurement
        changed.sessions[3].abstract = "Multilingualism, local content."  // main-diversity
        let new = try CalendarExporter(programme: changed).calendar(previous: PreviousCalendar(text: old.text, file: "old.ics"))
        #expect(new.changed == ["main-diversity@igf2006.forum-scheduler", "ws-open-standards-procurement@igf2006.forum-scheduler"])
    }

    @Test func droppedSessionsStayCancelled() throws {
        let old = try CalendarExporter(programme: Fixtures.athens).calendar()
        var fewer = Fixtures.athens
        fewer.sessions.removeAll { $0.id == "main-security" }
        let new = try CalendarExporter(programme: fewer).calendar(previous: PreviousCalendar(text: old.text, file: "old.ics"))
        let security = eventLines(new.text, uid: "main-security@igf2006.forum-scheduler")
        #expect(security.contains("STATUS:CANCELLED"))
        #expect(value(security, "SEQUENCE") == "1")
        #expect(security.contains("DTSTART;TZID=Europe/Athens:20061031T150000"))
        #expect(value(security, "SUMMARY") == "Security")
        #expect(new.events == 8 && new.cancelled == 1)
        // Exported again against that: still cancelled, SEQUENCE stays, nothing else moves.
        let again = try CalendarExporter(programme: fewer).calendar(previous: PreviousCalendar(text: new.text, file: "new.ics"))
        #expect(again.text == new.text)
        // The reader leaves cancelled events out: they hold no room.
        let read = try CalendarReader().read(text: new.text, file: "new.ics")
        #expect(read.programme.session("main-security") == nil)
        #expect(read.programme.sessions.count == 8)
    }

    @Test func nothingChangedGivesTheSameFile() throws {
        let old = try CalendarExporter(programme: Fixtures.athens).calendar()
        let new = try CalendarExporter(programme: Fixtures.athens).calendar(previous: PreviousCalendar(text: old.text, file: "old.ics"))
        #expect(new.text == old.text)
        #expect(new.changed.isEmpty)
    }

    /// A SEQUENCE at or past Int32.max, or negative, in the previous file neither traps nor is
    /// written back negative (issue 12): it is clamped to 0 … 2147483647.
    @Test func hugeOrNegativeSequencesAreClamped() throws {
        let old = try CalendarExporter(programme: Fixtures.athens).calendar()
        let moved = "ws-internet-bill-of-rights@igf2006.forum-scheduler"
        for written in ["2147483647", "2147483648", "99999999999999999999", "-1"] {
            let edited = old.text.components(separatedBy: "\r\n").map { $0.hasPrefix("SEQUENCE:") ? "SEQUENCE:\(written)" : $0 }
                .joined(separator: "\r\n")
            var changed = Fixtures.athens
            let index = changed.sessions.firstIndex { $0.id == "ws-internet-bill-of-rights" }!
            changed.sessions[index].placements[0].start = TimeOfDay(hour: 11, minute: 30)
            let new = try CalendarExporter(programme: changed).calendar(previous: PreviousCalendar(text: edited, file: "old.ics"))
            let after = sequences(new.text)
            #expect(after.count == 9)
            for (uid, sequence) in after {
                let n = try #require(Int(sequence), "\(uid): SEQUENCE:\(sequence)")
                #expect((0...Int(Int32.max)).contains(n), "\(written) became \(n) for \(uid)")
            }
            // libical wraps values past 2^31 before we see them; only Int32.max itself is kept.
            if written == "2147483647" { #expect(after[moved] == "2147483647", "\(written) then a change") }
        }
        #expect(PreviousCalendar.sequence("-1") == 0)
        #expect(PreviousCalendar.sequence("7") == 7)
        #expect(PreviousCalendar.sequence("99999999999999999999") == Int(Int32.max))
    }

    @Test func previousMustBeACalendar() throws {
        let error = try #require(throws: InputError.self) { try PreviousCalendar(text: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", file: "old.ics") }
        #expect(error.location.line == 3)
        #expect(error.message.contains("BEGIN:VEVENT"))
    }
}

@Suite struct SplitUpdateTests {
    static func previous(_ calendars: [CalendarFile]) throws -> [String: PreviousCalendar] {
        Dictionary(uniqueKeysWithValues: try calendars.map { ($0.name, try PreviousCalendar(text: $0.text, file: $0.name)) })
    }

    /// A split updated against its previous folder: a session that changes theme is updated
    /// in the new theme's calendar and kept, in the same version, in the old one's; the
    /// untouched calendars stay byte for byte the same.
    @Test func splitCalendarsUpdateFileByFile() throws {
        let (old, _) = try CalendarExporter(programme: Fixtures.athens).split(by: .theme)
        var changed = Fixtures.athens
        let index = changed.sessions.firstIndex { $0.id == "ws-unesco-openness-cyberspace" }!
        changed.sessions[index].themes = ["diversity"]
        let (new, index2) = try CalendarExporter(programme: changed).split(by: .theme, previous: Self.previous(old))
        let byName = Dictionary(uniqueKeysWithValues: new.map { ($0.name, $0) })
        let uid = "ws-unesco-openness-cyberspace@igf2006.forum-scheduler"
        let openness = try #require(byName["igf2006-openness.ics"])
        #expect(openness.cancelled == 0 && openness.forwarded == 1 && openness.changed == [uid])
        let diversity = try #require(byName["igf2006-diversity.ics"])
        #expect(diversity.events == 2 && diversity.changed.isEmpty && diversity.forwarded == 0)
        // One SEQUENCE for the event, in both files: raised once, since it changed.
        let inOpenness = eventLines(openness.text, uid: uid), inDiversity = eventLines(diversity.text, uid: uid)
        #expect(value(inDiversity, "SEQUENCE") == "1")
        #expect(inOpenness.filter { !$0.hasPrefix("DTSTAMP") && !$0.hasPrefix("LAST-MODIFIED") }
            == inDiversity.filter { !$0.hasPrefix("DTSTAMP") && !$0.hasPrefix("LAST-MODIFIED") })
        #expect(inOpenness.contains("STATUS:CONFIRMED") && inOpenness.contains("CATEGORIES:Diversity,Workshop"))
        #expect(byName["igf2006-security.ics"]?.text == old.first { $0.name == "igf2006-security.ics" }?.text)
        #expect(index2.contains("(igf2006-openness.ics): 2 events, 1 moved to another calendar"), "\(index2)")

        // Exported once more against that: nothing changes anywhere.
        let (again, _) = try CalendarExporter(programme: changed).split(by: .theme, previous: Self.previous(new))
        #expect(again.map(\.text) == new.map(\.text))
    }

    /// A session dropped from the programme is cancelled, with one SEQUENCE, in every file
    /// that held it; a session in two theme files keeps one SEQUENCE in both.
    @Test func aDroppedSessionIsCancelledInEveryFileThatHeldIt() throws {
        var athens = Fixtures.athens
        let index = athens.sessions.firstIndex { $0.id == "main-security" }!
        athens.sessions[index].themes = ["security", "openness"]
        let (old, _) = try CalendarExporter(programme: athens).split(by: .theme)
        var fewer = athens
        fewer.sessions.remove(at: index)
        let (new, _) = try CalendarExporter(programme: fewer).split(by: .theme, previous: Self.previous(old))
        let uid = "main-security@igf2006.forum-scheduler"
        let holding = new.filter { !eventLines($0.text, uid: uid).isEmpty }
        #expect(holding.map(\.name) == ["igf2006-openness.ics", "igf2006-security.ics"])
        for file in holding {
            let lines = eventLines(file.text, uid: uid)
            #expect(lines.contains("STATUS:CANCELLED") && value(lines, "SEQUENCE") == "1", "\(file.name)")
            #expect(file.cancelled == 1 && file.changed == [uid])
        }
    }

    /// An earlier file that cancelled a session still placed (as splits made before this scheme
    /// did for a moved one, at SEQUENCE 1) is repaired: the event is back, above that SEQUENCE.
    @Test func anInconsistentEarlierSplitIsRepaired() throws {
        let (old, _) = try CalendarExporter(programme: Fixtures.athens).split(by: .day)
        let uid = "ws-internet-bill-of-rights@igf2006.forum-scheduler"
        var edited = try Self.previous(old)
        let holder = try #require(old.first { !eventLines($0.text, uid: uid).isEmpty })
        let cancelledText = holder.text.replacingOccurrences(of: "SEQUENCE:0\r\nSTATUS:CONFIRMED\r\nX-FORUM-SESSION:ws-internet-bill-of-rights",
                                                             with: "SEQUENCE:1\r\nSTATUS:CANCELLED\r\nX-FORUM-SESSION:ws-internet-bill-of-rights")
        try #require(cancelledText != holder.text)
        edited[holder.name] = try PreviousCalendar(text: cancelledText, file: holder.name)
        let (new, _) = try CalendarExporter(programme: Fixtures.athens).split(by: .day, previous: edited)
        let copies = new.map { eventLines($0.text, uid: uid) }.filter { !$0.isEmpty }
        #expect(copies.count == 1)
        #expect(copies.allSatisfy { value($0, "SEQUENCE") == "2" && $0.contains("STATUS:CONFIRMED") }, "\(copies)")
    }
}

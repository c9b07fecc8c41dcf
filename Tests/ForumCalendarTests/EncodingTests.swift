import Foundation
import ForumModel
@testable import ForumCalendar
import ForumFormats
import ForumTestSupport
import Testing

/// Bytes as calendars arrive from other programs: folds inside a character, other encodings.
@Suite struct EncodingTests {
    func write(_ bytes: [UInt8], _ name: String) throws -> (URL, String) {
        let folder = try TestProcess.temporaryFolder("encoding")
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    /// RFC 5545 folds octets, so a writer may fold in the middle of "Ελλάδα" or "日本": the file
    /// reads, the title is whole, and events keep their lines.
    @Test func aCharacterSplitByAFoldReads() throws {
        let title = "Internet governance in Ελλάδα and 日本"
        let whole = Array(title.utf8)
        // Split inside "λ" (2 bytes) and inside "日" (3 bytes).
        let lambda = whole.firstIndex(of: 0xCE)! + 1, japanese = whole.firstIndex(of: 0xE6)! + 2
        var summary: [UInt8] = Array("SUMMARY:".utf8)
        summary += whole[..<lambda]
        summary += Array("\r\n ".utf8)
        summary += whole[lambda..<japanese]
        summary += Array("\r\n\t".utf8)
        summary += whole[japanese...]
        summary += Array("\r\n".utf8)
        let head = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens",
                        "BEGIN:VEVENT", "UID:split", "DTSTAMP:20061001T000000Z", "DTSTART:20061031T080000Z", "DTEND:20061031T090000Z"])
        let tail = ics(["LOCATION:Plato Hall", "END:VEVENT", "END:VCALENDAR"])
        let bytes: [UInt8] = Array(head.utf8) + summary + Array(tail.utf8)
        #expect(String(bytes: bytes, encoding: .utf8) == nil, "the test file must really split characters")
        let (folder, path) = try write(bytes, "split.ics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let read = try CalendarReader().read(file: path)
        #expect(read.programme.sessions.map { (session: Session) in session.title } == [title])
        // The mended bytes keep every line where it was.
        let mended = CalendarReader.mendingSplitCharacters(bytes)
        let newlines = { (b: [UInt8]) -> Int in b.filter { $0 == 0x0A }.count }
        #expect(newlines(mended) == newlines(bytes))
        let mendedText: String? = String(bytes: mended, encoding: .utf8)
        #expect(mendedText.map(unfolded)?.contains(title) == true)
    }

    /// A calendar saved as Windows-1252 whose only non-ASCII bytes are Latin letters is read
    /// so, with a warning that names the first such byte.
    @Test func aLatinFileIsReadWithAWarning() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:a",
                        "DTSTAMP:20061001T000000Z", "DTSTART:20061031T080000Z", "SUMMARY:Caf\u{E9} session \u{E0} Ath\u{E8}nes", "END:VEVENT", "END:VCALENDAR"])
        let bytes = Array(text.data(using: .windowsCP1252)!)
        let (folder, path) = try write(bytes, "latin.ics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let read = try CalendarReader().read(file: path)
        #expect(read.programme.sessions.map(\.title) == ["Caf\u{E9} session \u{E0} Ath\u{E8}nes"])
        let warning = try #require(read.findings.first { $0.kind == .notUTF8 })
        #expect(!warning.hard)
        #expect(warning.lines == [8])
        #expect(warning.message.contains("0xE9"))
        #expect(warning.message.contains("Windows-1252"))
    }

    /// A CHARSET parameter that names Latin-1 is believed even where the bytes alone would be ambiguous.
    @Test func aDeclaredCharsetIsBelieved() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:a",
                        "DTSTAMP:20061001T000000Z", "DTSTART:20061031T080000Z", "SUMMARY;CHARSET=ISO-8859-1:\u{C9}\u{C9}\u{C9} \u{FC}\u{DF}\u{E9}", "END:VEVENT", "END:VCALENDAR"])
        let (folder, path) = try write(Array(text.data(using: .isoLatin1)!), "declared.ics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let read = try CalendarReader().read(file: path)
        #expect(read.programme.sessions.first?.title == "\u{C9}\u{C9}\u{C9} \u{FC}\u{DF}\u{E9}")
        #expect(read.findings.first { $0.kind == .notUTF8 }?.message.contains("CHARSET=ISO-8859-1") == true)
    }

    /// Greek in ISO-8859-7 (runs of high bytes) could be any 8-bit code: refused with the line,
    /// the column and the byte.
    @Test func anAmbiguousEncodingNamesTheByte() throws {
        let head = Array(ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:a",
                              "DTSTAMP:20061001T000000Z", "DTSTART:20061031T080000Z"]).utf8)
        // "SUMMARY:Ελλάδα" in ISO-8859-7.
        let summary = Array("SUMMARY:".utf8) + [0xC5, 0xEB, 0xEB, 0xDC, 0xE4, 0xE1] + Array("\r\n".utf8)
        let tail = Array(ics(["END:VEVENT", "END:VCALENDAR"]).utf8)
        let (folder, path) = try write(head + summary + tail, "greek.ics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: InputError.self) { try CalendarReader().read(file: path) }
        #expect(error.location.file == path)
        #expect(error.location.line == 8)
        #expect(error.location.column == 9)
        #expect(error.message.contains("0xC5"))
        #expect(error.message.contains("byte \(head.count + 8)"))
        #expect(error.hint?.contains("UTF-8") == true)
    }
}

/// Events a programme file cannot hold are read without a placement, and zero-length ones get
/// a minimum slot, so the import validates.
@Suite struct UnplaceableEventTests {
    @Test func zeroLengthEventsGetAMinimumSlotAndFarFutureOnesNoPlacement() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("zero", "Zero", "DTSTART:20061031T113000Z", "DTEND:20061031T113000Z")
            + event("backwards", "Backwards", "DTSTART:20061031T123000Z", "DTEND:20061031T103000Z")
            + event("midnight", "Late", "DTSTART:20061031T215500Z")
            + event("far", "Far", "DTSTART:99991231T230000Z", "DTEND:99991231T235000Z")
            + event("fine", "Fine", "DTSTART:20061031T080000Z", "DTEND:20061031T090000Z")
            + event("fine2", "Fine too", "DTSTART:20061101T080000Z", "DTEND:20061101T090000Z")
            + event("old", "Old", "DTSTART:19001031T080000Z", "DTEND:19001031T090000Z")
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "odd.ics")
        #expect(read.findings.filter { $0.kind == .noDuration }.flatMap(\.uids).sorted() == ["backwards", "midnight", "zero"])
        #expect(read.findings.filter { $0.kind == .yearOutOfRange }.flatMap(\.uids) == ["far"])
        // 11:30Z is 13:30 in Athens (EET): a 15-minute slot; 23:55 gets the 5 minutes left of the day.
        let zero = try #require(read.programme.session("zero"))
        #expect(zero.placements.first.map { "\($0.day) \(zero.span(of: $0))" } == "2006-10-31 13:30–13:45")
        let backwards = try #require(read.programme.session("backwards"))
        #expect(backwards.placements.first.map { "\(backwards.span(of: $0))" } == "14:30–14:45")
        let late = try #require(read.programme.session("midnight"))
        #expect(late.placements.first.map { "\(late.span(of: $0))" } == "23:55–24:00")
        #expect(read.findings.first { $0.uids == ["backwards"] }?.message.contains("ends before it starts") == true)
        #expect(read.programme.session("far")?.placements.isEmpty == true)
        #expect(read.programme.session("fine")?.placements.count == 1)
        // One programme spans at most a year: the lone event of 1900 is left unplaced, and a
        // hard finding says how to import another part.
        #expect(read.findings.filter { $0.kind == .outsideSpan }.flatMap(\.uids) == ["old"])
        #expect(read.programme.session("old")?.placements.isEmpty == true)
        let span = try #require(read.findings.first { $0.kind == .longSpan })
        #expect(span.hard)
        #expect(span.message.contains("--from"))
        #expect(span.message.contains("1900-10-31"))
        // What `forum import ics` writes reads back and validates.
        let written = ProgrammeWriter.yaml(read.programme)
        let again = try ProgrammeReader.read(text: written, file: "imported.yaml")
        #expect(again.sessions.count == 7)
    }

    /// A LOCATION that makes the id another event names in X-FORUM-ROOM is one room, not two
    /// rooms with one id (found by the calendar fuzz target).
    @Test func aLocationAndAnXForumRoomWithTheSameIDAreOneRoom() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("a", "By name", "DTSTART:20061031T080000Z", "DTEND:20061031T090000Z", location: "Plato Hall")
            + event("b", "By id", "DTSTART:20061031T100000Z", "DTEND:20061031T110000Z", location: "Plato Hall", extra: ["X-FORUM-ROOM:plato-hall"])
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "rooms.ics")
        #expect(read.programme.rooms.map(\.id) == ["plato-hall"])
        #expect(Set(read.programme.sessions.compactMap { $0.placements.first?.room }) == ["plato-hall"])
        _ = try ProgrammeReader.read(text: ProgrammeWriter.yaml(read.programme), file: "imported.yaml")
    }
}

/// libical reads `20064471` as month 44, day 71 without an X-LIC-ERROR; such a time is read
/// as missing, and the finding says which field is impossible.
@Suite struct ImpossibleTimeTests {
    @Test func impossibleStartIsAMissingStartNamingTheField() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("month", "Month 44", "DTSTART:07204471T073000Z", "DTEND:07204471T083000Z")
            + event("hour", "Hour 25", "DTSTART:20061031T253000Z", "DTEND:20061031T263000Z")
            + event("feb", "February 30", "DTSTART:20070230T100000Z", "DTEND:20070230T110000Z")
            + event("fine", "Fine", "DTSTART:20061031T080000Z", "DTEND:20061031T090000Z")
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "odd.ics")
        let missing = read.findings.filter { $0.kind == .missingStart }
        #expect(missing.flatMap(\.uids) == ["month", "hour", "feb"])
        #expect(missing[0].message.contains("DTSTART `07204471T073000Z` is no real time: there is no month 44"))
        #expect(missing[1].message.contains("there is no hour 25"))
        #expect(missing[2].message.contains("month 2 has no day 30"))
        #expect(read.programme.session("month")?.placements.isEmpty == true)
        #expect(read.programme.session("fine")?.placements.count == 1)
    }

    @Test func impossibleEndIsReadAsNoDurationNamingTheField() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-TIMEZONE:Europe/Athens"]
            + event("end", "End in month 13", "DTSTART:20061031T080000Z", "DTEND:20061331T090000Z")
            + ["END:VCALENDAR"])
        let read = try CalendarReader().read(text: text, file: "odd.ics")
        let finding = try #require(read.findings.first { $0.uids == ["end"] && $0.kind == .noDuration })
        #expect(finding.message.contains("DTEND `20061331T090000Z` is no real time: there is no month 13"))
        let session = try #require(read.programme.session("end"))
        #expect(session.placements.first.map { "\($0.day) \(session.span(of: $0))" } == "2006-10-31 10:00–10:15")
    }
}

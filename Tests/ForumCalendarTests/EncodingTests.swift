import Foundation
import ForumModel
@testable import ForumCalendar
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

    /// A calendar saved as Windows-1252 is refused with the line, the column and the byte.
    @Test func aFileInAnotherEncodingNamesTheByte() throws {
        let text = ics(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:a",
                        "DTSTAMP:20061001T000000Z", "DTSTART:20061031T080000Z", "SUMMARY:Caf\u{E9} session", "END:VEVENT", "END:VCALENDAR"])
        let bytes = Array(text.data(using: .windowsCP1252)!)
        let (folder, path) = try write(bytes, "latin.ics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: InputError.self) { try CalendarReader().read(file: path) }
        #expect(error.location.file == path)
        #expect(error.location.line == 8)
        #expect(error.location.column == 12)
        #expect(error.message.contains("0xE9"))
        #expect(error.hint?.contains("UTF-8") == true)
    }
}

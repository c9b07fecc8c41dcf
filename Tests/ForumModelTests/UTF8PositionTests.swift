import ForumModel
import Testing

@Suite struct UTF8PositionTests {
    @Test func wellFormedTextHasNoPosition() {
        #expect(UTF8Position.firstInvalid(in: Array("Ελληνικά, 日本語, 🙂\nline two".utf8)) == nil)
    }

    /// Latin-1 "é" (0xE9) on line 3, after "café" would start: column counts characters.
    @Test(arguments: [
        ([0x61, 0x0A, 0x62, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A] as [UInt8], 7, 3, 4, "0xE9"),
        ([0xCE, 0xB1, 0xC0, 0xAF] as [UInt8], 2, 1, 2, "0xC0"),          // overlong "/"
        ([0xED, 0xA0, 0x80] as [UInt8], 0, 1, 1, "0xED 0xA0 0x80"),     // a UTF-16 surrogate
        ([0x41, 0xE2, 0x82] as [UInt8], 1, 1, 2, "0xE2 0x82"),          // cut short at the end
        ([0xF4, 0x90, 0x80, 0x80] as [UInt8], 0, 1, 1, "0xF4 0x90 0x80 0x80"),   // above U+10FFFF
    ])
    func theFirstBadByteIsLocated(bytes: [UInt8], offset: Int, line: Int, column: Int, shown: String) throws {
        let bad = try #require(UTF8Position.firstInvalid(in: bytes))
        #expect(bad.offset == offset)
        #expect(bad.line == line)
        #expect(bad.column == column)
        #expect(bad.bytes == shown)
        // Swift's own decoder agrees that the bytes are not UTF-8.
        #expect(String(validating: bytes, as: UTF8.self) == nil)
    }
}

import Foundation
import ForumFormats
import ForumModel
import Testing

@Suite struct EncodingErrorTests {
    /// A programme saved from a spreadsheet as Windows-1252: the error names the line, the
    /// column and the byte, not only "not UTF-8".
    @Test func aProgrammeInAnotherEncodingNamesTheByte() throws {
        let text = "event:\n  id: e\n  name: Caf\u{E9} forum\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forum-encoding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("latin.yaml").path
        try text.data(using: .windowsCP1252)!.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { try ProgrammeReader.read(path: path) }
        #expect(error.location == SourceLocation(file: path, line: 3, column: 12))
        #expect(error.message.contains("byte 26 (0xE9)"))
        #expect(error.hint?.contains("UTF-8") == true)
    }
}

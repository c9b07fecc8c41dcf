import Foundation
import ForumFormats
import ForumModel
import Testing

/// Every output is written through a temporary file beside it, and never over an input.
@Suite struct OutputFileTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forum-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesCreatesTheFolderAndLeavesNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sub/out.md").path
        try writeAtomically("one\n", to: path)
        try writeAtomically("two\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path) == ["out.md"])
    }

    @Test func refusesToOverwriteAnInputEvenThroughALink() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("programme.yaml").path
        try writeAtomically("event: {}\n", to: input)
        let link = dir.appendingPathComponent("link.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        #expect(throws: InputError.self) { try writeAtomically("x", to: link, inputs: [input]) }
        do {
            try refuseOverwriting([input], with: link)
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.field == "-o" && error.message == "the output would overwrite an input file")
            #expect(error.hint == "write to another file, e.g. programme-solved.yaml")
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "event: {}\n")
    }

    @Test func anUnwritablePlaceIsAnInputError() {
        #expect(throws: InputError.self) { try writeAtomically("x", to: "/proc/forum-nope/x.md") }
    }
}

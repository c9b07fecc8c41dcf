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

    /// A symlink planted at the old predictable temporary name (`.NAME.PID.tmp`) is not
    /// followed: the victim keeps its bytes and the output is a regular file.
    @Test func aLinkPlantedAtTheOldTemporaryNameIsNotFollowed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = dir.appendingPathComponent("victim.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let planted = dir.appendingPathComponent(".out.md.\(ProcessInfo.processInfo.processIdentifier).tmp").path
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        let out = dir.appendingPathComponent("out.md").path
        try writeAtomically("agenda\n", to: out)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "agenda\n")
        let type = try FileManager.default.attributesOfItem(atPath: out)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: planted) == victim)
        // Nothing else is left behind: the output, the victim and the planted link.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 3)
    }

    /// A target that is a symbolic link is refused: the link stays, its victim is not written.
    @Test func aTargetThatIsALinkIsRefusedAndItsVictimUntouched() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let victim = dir.appendingPathComponent("victim.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let out = dir.appendingPathComponent("out.md").path
        try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: victim)
        do {
            try writeAtomically("agenda\n", to: out)
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.field == "-o" && error.message.contains("symbolic link"))
            #expect(error.hint != nil)
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out) == victim)
    }

    /// A hard link to the input is the input.
    @Test func refusesToOverwriteAnInputThroughAHardLink() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("programme.yaml").path
        try writeAtomically("event: {}\n", to: input)
        let link = dir.appendingPathComponent("hard.yaml").path
        try FileManager.default.linkItem(atPath: input, toPath: link)
        #expect(throws: InputError.self) { try writeAtomically("x", to: link, inputs: [input]) }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "event: {}\n")
    }

    /// A replaced file keeps its permissions.
    @Test func aReplacedFileKeepsItsMode() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.md").path
        try writeAtomically("one\n", to: out)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: out)
        try writeAtomically("two\n", to: out)
        #expect(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int == 0o640)
    }

    /// `-o /dev/null` is written in place: it stays a character device.
    @Test func aDeviceIsWrittenInPlaceAndNeverReplaced() throws {
        try writeAtomically("agenda\n", to: "/dev/null")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").allSatisfy { !$0.hasPrefix(".null.") })
    }

    /// A full device is an input error on `-o` (exit 2), not a trap or a silent loss.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDeviceIsAnInputError() throws {
        do {
            try writeAtomically("agenda\n", to: "/dev/full")
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.field == "-o" && error.message.contains("cannot write"), "\(error)")
        }
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }
}

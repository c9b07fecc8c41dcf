import Foundation
import ForumTestSupport
import Testing

/// Hostile or careless input from the command line (issue 12): `forum` exits 0, 1, 2 or 64
/// with a message, never traps or hangs, and writes nothing outside the target.
@Suite struct HostileInputTests {
    func forum(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> ProcessOutput {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        return try TestProcess.run(forum, arguments, environment: env, in: TestProcess.packageRoot, timeout: timeout)
    }

    /// A symlink at the output is refused with exit 2; the file it points to keeps its bytes.
    @Test func anOutputThatIsALinkLeavesItsVictimUntouched() throws {
        let folder = try TestProcess.temporaryFolder("hostile-link")
        defer { try? FileManager.default.removeItem(at: folder) }
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let out = folder.appendingPathComponent("agenda.md")
        try FileManager.default.createSymbolicLink(atPath: out.path, withDestinationPath: victim.path)
        let result = try forum(["export", "markdown", "Schedules/athens-2006.yaml", "-o", out.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error in `-o`") && result.stderr.contains("symbolic link") && result.stderr.contains("hint:"))
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.path) == victim.path)
    }

    /// `-o /dev/null` works and leaves a character device; `-o /dev/full` is exit 2.
    @Test func devicesAreWrittenInPlace() throws {
        let null = try forum(["export", "markdown", "Schedules/athens-2006.yaml", "-o", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType == .typeCharacterSpecial)
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let full = try forum(["export", "markdown", "Schedules/athens-2006.yaml", "-o", "/dev/full"])
        #expect(full.status == 2, "\(full.stderr)")
        #expect(full.stderr.contains("/dev/full") && full.stderr.contains("error in `-o`"), "\(full.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/full")[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    /// `--time-limit` must be finite and positive: `nan` used to run for ever.
    @Test(arguments: ["nan", "inf", "-inf", "-1", "0"])
    func aTimeLimitThatIsNotFiniteAndPositiveIsRefused(value: String) throws {
        let folder = try TestProcess.temporaryFolder("hostile-limit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x.yaml")
        let result = try forum(["solve", "Schedules/athens-2006.yaml", "--fresh", "--time-limit=\(value)", "-o", out.path], timeout: 30)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--time-limit must be a finite, positive number of seconds"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// `--stamp` and `SOURCE_DATE_EPOCH` outside 1970...9999 are input errors, not traps.
    @Test(arguments: ["nan", "inf", "1e20", "-5"])
    func aStampOutOfRangeIsRefused(value: String) throws {
        let folder = try TestProcess.temporaryFolder("hostile-stamp")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x.ics")
        let stamp = try forum(["export", "ics", "Schedules/athens-2006.yaml", "--stamp=\(value)", "-o", out.path])
        #expect(stamp.status == 2, "\(stamp.stderr)")
        #expect(stamp.stderr.contains("error in `--stamp`") && stamp.stderr.contains("between 1970 and 9999") && stamp.stderr.contains("hint:"))
        let epoch = try forum(["export", "ics", "Schedules/athens-2006.yaml", "-o", out.path], environment: ["SOURCE_DATE_EPOCH": value])
        #expect(epoch.status == 2, "\(epoch.stderr)")
        #expect(epoch.stderr.contains("error in `SOURCE_DATE_EPOCH`") && epoch.stderr.contains("hint:"), "\(epoch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

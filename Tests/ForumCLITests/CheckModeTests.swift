import Foundation
import ForumTestSupport
import Testing

/// `forum solve --check`: every rule's incremental count against its plain recount after
/// every accepted move (Timefold's FULL_ASSERT), from the command line.
@Suite struct CheckModeTests {
    func solve(_ extra: [String], environment: [String: String]? = nil) throws -> (ProcessOutput, URL) {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        let folder = try TestProcess.temporaryFolder("check")
        let out = folder.appendingPathComponent("checked.yaml")
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment ?? [:] { env[k] = v }
        let result = try TestProcess.run(forum, ["solve", "Schedules/athens-2006.yaml", "--fresh", "--check", "--quiet", "-o", out.path] + extra,
                                         environment: env, in: TestProcess.packageRoot)
        return (result, out)
    }

    @Test func athensSolvesCleanUnderCheckingMode() throws {
        let (result, out) = try solve(["--max-moves", "20000"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.path))
    }

    /// A rule whose count is broken on purpose is caught: exit 70, the rule, the move and
    /// both counts named, nothing written.
    @Test(arguments: ["room-conflict", "theme-parallel", "day-balance", "moved-from-published"])
    func aBrokenRuleCountIsCaught(rule: String) throws {
        let (result, out) = try solve(["--max-moves", "20000"], environment: ["FORUM_CHECK_INJECT_FAULT": rule])
        #expect(result.status == 70, "\(result.stderr)")
        #expect(result.stderr.contains("\(rule): incremental"), "\(result.stderr)")
        #expect(result.stderr.contains("after move"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// Without --check the variable does nothing.
    @Test func theFaultNeedsCheckingMode() throws {
        let forum = try #require(TestProcess.forumExecutable())
        let folder = try TestProcess.temporaryFolder("nocheck")
        var env = ProcessInfo.processInfo.environment
        env["FORUM_CHECK_INJECT_FAULT"] = "room-conflict"
        let result = try TestProcess.run(forum, ["solve", "Schedules/athens-2006.yaml", "--fresh", "--quiet", "--max-moves", "2000",
                                                 "-o", folder.appendingPathComponent("x.yaml").path], environment: env, in: TestProcess.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
    }
}

import Foundation
import ForumTestSupport
import Testing

/// The planning board in a real Chromium, driven by Selenium through Debian's
/// chromium-driver (Tests/Board/board_browser.py): load Athens 2006 (with a hostile title),
/// drag a workshop onto another's room and time (room-conflict and the score change shown
/// before the drop), undo, the keyboard path, pin, unplace, place the rest, save; then
/// `forum validate` on the saved file. The server is stopped by its PID.
/// `scripts/setup.sh test` installs Chromium, chromium-driver and Selenium.
/// FORUM_UPDATE_EXAMPLES=1 refreshes Examples/board.png.
@Suite(.serialized) struct BoardBrowserTests {
    static let chromium = "/usr/bin/chromium"
    static let driver = "/usr/bin/chromedriver"

    /// A Python with Selenium: the test set-up's virtual environment, else python3 on the PATH.
    static let python: String? = {
        let venv = TestProcess.packageRoot.appendingPathComponent(".build/test-python/bin/python3").path
        for candidate in [venv, TestProcess.which("python3")].compactMap({ $0 }) where FileManager.default.isExecutableFile(atPath: candidate) {
            if let probe = try? TestProcess.run(candidate, ["-c", "import selenium"], timeout: 60), probe.status == 0 { return candidate }
        }
        return nil
    }()

    static var missing: String? {
        if !FileManager.default.isExecutableFile(atPath: chromium) { return "Chromium is not installed (apt chromium)" }
        if !FileManager.default.isExecutableFile(atPath: driver) { return "chromium-driver is not installed (apt chromium-driver)" }
        if python == nil { return "Python's selenium is not installed (pip selenium)" }
        return nil
    }
    static var ready: Bool { missing == nil }
    static let reason = Comment(rawValue: "the browser test needs Chromium, chromium-driver and Selenium: \(missing ?? "") — run scripts/setup.sh test")

    @Test(.enabled(if: ready, reason), .timeLimit(.minutes(5)))
    func theBoardInChromiumMovesUndoesPinsPlacesTheRestAndSaves() throws {
        let forum = try #require(TestProcess.forumExecutable())
        let python = try #require(Self.python)
        let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"
        let board = try BoardUnderTest(edit: {
            $0.replacingOccurrences(of: "title: \"Fighting Spam: Policy and Technical Cooperation\"", with: "title: '\(hostile)'")
        })
        let shot = board.folder.appendingPathComponent("board.png")
        let script = TestProcess.packageRoot.appendingPathComponent("Tests/Board/board_browser.py").path
        let run = try TestProcess.run(python, [script, board.url, shot.path], timeout: 240)
        let result = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(run.status == 0, "browser: \(result)\n\(run.stderr.suffix(3000))\nserver: \(board.server.logTail)")
        #expect(result.contains("\"ok\": true"), "\(result)")
        #expect(result.contains("hostileTitleInert"))

        // The screenshot shows the board with the conflict.
        let png = try Data(contentsOf: shot)
        #expect(png.count > 50_000)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        if ProcessInfo.processInfo.environment["FORUM_UPDATE_EXAMPLES"] == "1" {
            try png.write(to: TestProcess.packageRoot.appendingPathComponent("Examples/board.png"))
        }

        // What the browser saved is a programme `forum validate` accepts, with nothing broken.
        let checked = try TestProcess.run(forum, ["validate", board.programme.path])
        #expect(checked.status == 0, "\(checked.stdout.suffix(2000))\(checked.stderr)")
        let saved = try String(contentsOf: board.programme, encoding: .utf8)
        #expect(saved.contains("pinned: true"))
        #expect(saved.contains("onerror"), "the hostile title is saved as the text it is")
        #expect(saved.hasPrefix("# The first Internet Governance Forum"), "the author's comments are kept")
        board.server.stop()
        #expect(!board.server.process.isRunning)
    }

    /// The page stays responsive with 1,000 sessions (50 rooms, 5 days): switching days,
    /// refreshing the whole state and showing a trial move while dragging all work (their times are printed).
    @Test(.enabled(if: ready, reason), .timeLimit(.minutes(5)))
    func theBoardStaysResponsiveWithAThousandSessions() throws {
        let forum = try #require(TestProcess.forumExecutable())
        let python = try #require(Self.python)
        let folder = try TestProcess.temporaryFolder("board-1000")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("igf-1000.yaml").path
        #expect(try TestProcess.run(forum, ["generate", "--sessions", "1000", "--rooms", "50", "--days", "5", "--seed", "1", "--placed", "-o", file]).status == 0)
        let board = try BoardUnderTest(file)
        let script = TestProcess.packageRoot.appendingPathComponent("Tests/Board/board_browser.py").path
        let run = try TestProcess.run(python, [script, "--large", board.url], timeout: 240)
        let result = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        print("board with 1,000 sessions: \(result)")
        #expect(run.status == 0, "browser: \(result)\n\(run.stderr.suffix(3000))")
        #expect(result.contains("\"ok\": true"))
    }
}

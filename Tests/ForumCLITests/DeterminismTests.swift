import Foundation
import ForumTestSupport
import Testing

/// The same command with the same input gives the same bytes, run after run.
///
/// Swift seeds `Hasher` afresh in every process (unless SWIFT_DETERMINISTIC_HASHING is set),
/// so a Dictionary or Set iterates in another order in the next process while one process
/// always sees the same order: a test inside one process cannot catch such an order leaking
/// into a file. These run the built `forum` twice, as two processes, each in a fresh folder,
/// and compare every file the two runs wrote.
@Suite struct DeterminismTests {
    static let athens = TestProcess.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path

    @Test func solveAthens() throws {
        try expectSameFilesTwice([["solve", Self.athens, "--fresh", "--seed", "3", "--max-moves", "200000", "--quiet", "-o", "solved.yaml"]])
    }

    @Test(arguments: [[], ["--placed"]])
    func generate(_ extra: [String]) throws {
        try expectSameFilesTwice([generated("programme.yaml") + extra])
    }

    @Test func solveGenerated() throws {
        let input = try TestProcess.temporaryFolder("determinism-input")
        defer { try? FileManager.default.removeItem(at: input) }
        try forum(generated("programme.yaml"), in: input)
        let programme = input.appendingPathComponent("programme.yaml").path
        try expectSameFilesTwice([["solve", programme, "--seed", "2", "--max-moves", "100000", "--quiet", "-o", "solved.yaml"]])
    }

    /// Two threads exchanging their best programme every 20,000 moves, in two processes.
    @Test func solveGeneratedOnTwoThreads() throws {
        let input = try TestProcess.temporaryFolder("determinism-input")
        defer { try? FileManager.default.removeItem(at: input) }
        try forum(generated("programme.yaml"), in: input)
        let programme = input.appendingPathComponent("programme.yaml").path
        try expectSameFilesTwice([["solve", programme, "--seed", "4", "--threads", "2", "--max-moves", "60000", "--exchange-every", "20000",
                                   "--quiet", "-o", "solved.yaml"]])
    }

    /// Each publishing format of Athens; the page is written beside calendars so that it
    /// links them, and calendars are written whole and split (one per theme, with an index).
    @Test(arguments: [
        [["export", "ics", athens, "--stamp", "2006-10-20T12:00:00Z", "-o", "athens-2006.ics"]],
        [["export", "ics", athens, "--split", "theme", "-o", "calendars"]],
        [["export", "ics", athens, "-o", "athens-2006.ics"], ["export", "ics", athens, "--split", "room", "-o", "calendars"],
         ["export", "html", athens, "-o", "athens-2006.html"]],
        [["export", "frab", athens, "-o", "frab"]],
        [["export", "markdown", athens, "-o", "athens-2006.md"]],
    ])
    func export(_ commands: [[String]]) throws {
        try expectSameFilesTwice(commands)
    }

    /// What every run gets: the test's own environment without SWIFT_DETERMINISTIC_HASHING
    /// (so each process draws its own hash seed, which is the point: with it set to 1 both
    /// processes iterate a Set alike and a Set-ordered theme list in the Markdown agenda went
    /// unnoticed; without it the same change failed here), and a fixed SOURCE_DATE_EPOCH (the
    /// calendar exporter's documented stamp when --stamp is not given).
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        environment["SOURCE_DATE_EPOCH"] = "1161345600"
        return environment
    }()

    private func generated(_ output: String) -> [String] {
        ["generate", "--sessions", "120", "--rooms", "8", "--days", "4", "--seed", "5", "-o", output]
    }

    /// Runs `forum` with each of `arguments` in turn in `folder`, expecting success.
    private func forum(_ arguments: [String], in folder: URL) throws {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        let result = try TestProcess.run(forum, arguments, environment: Self.environment, in: folder)
        try #require(result.status == 0, "forum \(arguments.joined(separator: " ")): exit \(result.status)\n\(result.stderr)")
    }

    /// Runs `commands` once in each of two fresh folders, each command a process of its own,
    /// then expects both folders to hold the same files with the same bytes.
    private func expectSameFilesTwice(_ commands: [[String]], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let runs = try (0..<2).map { _ in try TestProcess.temporaryFolder("determinism") }
        defer { for folder in runs { try? FileManager.default.removeItem(at: folder) } }
        for folder in runs {
            for arguments in commands { try forum(arguments, in: folder) }
        }
        let first = try files(in: runs[0]), second = try files(in: runs[1])
        let what = commands.map { "forum " + $0.prefix(2).joined(separator: " ") }.joined(separator: ", ")
        #expect(!first.isEmpty, "\(what) wrote nothing", sourceLocation: sourceLocation)
        #expect(first.keys.sorted() == second.keys.sorted(), "\(what): the two runs wrote different files", sourceLocation: sourceLocation)
        for (path, bytes) in first.sorted(by: { $0.key < $1.key }) {
            guard let other = second[path] else { continue }
            if let offset = firstDifference(bytes, other) {
                Issue.record("""
                    \(what): \(path) differs between two processes at byte \(offset) \
                    (\(bytes.count) and \(other.count) bytes)
                      first run:  \(excerpt(bytes, at: offset))
                      second run: \(excerpt(other, at: offset))
                    """, sourceLocation: sourceLocation)
            }
        }
    }

    /// Every file below `folder`, by its path relative to it.
    private func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.resolvingSymlinksInPath().path + "/"
        let walk = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walk?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.resolvingSymlinksInPath().path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// The offset of the first byte in which `a` and `b` differ (the shorter one's length when
    /// one is the start of the other), or nil when they are the same.
    private func firstDifference(_ a: Data, _ b: Data) -> Int? {
        let offset = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        return offset ?? (a.count == b.count ? nil : min(a.count, b.count))
    }

    /// Up to 60 bytes of `data` from a little before `offset`, as text on one line.
    private func excerpt(_ data: Data, at offset: Int) -> String {
        let slice = data[data.startIndex + max(0, offset - 20) ..< data.startIndex + min(data.count, offset + 40)]
        return String(decoding: slice, as: UTF8.self).debugDescription
    }
}

import Foundation

/// What a finished child process said.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Running real programs from tests (the `forum` executable, calendar clients, browsers),
/// shared by the test targets so that each does not find and run them its own way.
public enum TestProcess {
    /// The package's root folder (this file is Tests/ForumTestSupport/Processes.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh folder under the system's temporary folder, removed by the caller.
    public static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forum-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The full path of `name` on PATH, or nil.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The `forum` executable built beside the test bundle (`swift build` builds it with the
    /// tests), or nil when it is not built.
    public static func forumExecutable() -> String? {
        var candidates: [String] = []
        if let argv0 = CommandLine.arguments.first {
            var folder = URL(fileURLWithPath: argv0).deletingLastPathComponent()
            // The bundle may be a folder (…/ForumSchedulerPackageTests.xctest/…) on some platforms.
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("forum").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/forum").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments` and waits for it, giving up after `timeout` seconds.
    /// `environment` replaces the test's own when given; `input` is written to its standard
    /// input, which is closed either way. Both outputs go through files, so a program that
    /// writes a lot never blocks on a full pipe.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           in folder: URL? = nil, input: String? = nil, timeout: TimeInterval = 120) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = folder }
        let scratch = try temporaryFolder("process")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return ProcessOutput(status: process.terminationStatus,
                             stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

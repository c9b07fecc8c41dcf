import Foundation
import Testing

/// What a finished child process said.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Tools {
    /// The absolute path of `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The path of a tool the test needs. A missing tool fails the test (never skips it) and
    /// says how to install it.
    static func require(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        guard let path = find(name) else {
            Issue.record("`\(name)` is not installed: run scripts/setup.sh test (installs Chromium, ConfClerk, Xvfb, xdotool)",
                         sourceLocation: sourceLocation)
            throw MissingTool(name: name)
        }
        return path
    }

    struct MissingTool: Error { var name: String }

    /// Runs `arguments[0]` with the rest as arguments; gives up after `timeout` seconds.
    static func run(_ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
                    timeout: TimeInterval = 120) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        if let environment { process.environment = environment }
        let folder = try temporaryFolder("proc")
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
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
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        try? out.close(); try? err.close()
        let result = ProcessResult(status: process.terminationStatus,
                                   stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                                   stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
        try? FileManager.default.removeItem(at: folder)
        return result
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forum-publish-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The package's root folder (for Examples/ and Schedules/).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

import Foundation
import ForumTestSupport
import Testing

/// What a finished child process said.
typealias ProcessResult = ProcessOutput

enum Tools {
    /// The path of a tool the test needs. A missing tool fails the test (never skips it) and
    /// says how to install it.
    static func require(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        guard let path = TestProcess.which(name) else {
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
        try TestProcess.run(arguments[0], Array(arguments.dropFirst()), environment: environment, input: input, timeout: timeout)
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ label: String) throws -> URL {
        try TestProcess.temporaryFolder("publish-\(label)")
    }

    /// The package's root folder (for Examples/ and Schedules/).
    static var packageRoot: URL { TestProcess.packageRoot }
}

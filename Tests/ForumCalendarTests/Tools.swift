import Foundation
import ForumTestSupport
import Testing

/// Running real programs from tests: the `forum` executable and the calendar clients.
enum Tools {
    typealias Result = ProcessOutput

    /// The package's root folder.
    static let packageRoot = TestProcess.packageRoot

    /// A fresh folder under the system's temporary folder, removed by the caller.
    /// A khal configuration in `folder` with one calendar, `forum`, and ISO dates and times on
    /// `zone`'s clock (its calendar folder is `folder/calendars/forum`); the config file.
    static func khalConfig(in folder: URL, zone: String) throws -> URL {
        let calendars = folder.appendingPathComponent("calendars/forum")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("khal.conf")
        try """
        [calendars]
        [[forum]]
        path = \(calendars.path)
        type = calendar
        [locale]
        timeformat = %H:%M
        dateformat = %Y-%m-%d
        longdateformat = %Y-%m-%d
        datetimeformat = %Y-%m-%d %H:%M
        longdatetimeformat = %Y-%m-%d %H:%M
        local_timezone = \(zone)
        default_timezone = \(zone)
        """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        try TestProcess.temporaryFolder("calendar-\(name)")
    }

    /// A calendar client, or a recorded failure that says how to install it. The clients are
    /// part of the test set-up (CI runs scripts/setup.sh test), so a missing one fails the test.
    static func client(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let path = TestProcess.which(name) { return path }
        Issue.record("\(name) is not installed: run scripts/setup.sh test (it installs khal, calcurse and Python's icalendar; CI runs it)",
                     sourceLocation: sourceLocation)
        return nil
    }

    /// The Python with icalendar: the virtual environment `scripts/setup.sh test` makes where
    /// Debian's own Python may not be changed by pip, else `python3` on the PATH.
    static func python(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let venv = TestProcess.packageRoot.appendingPathComponent(".build/test-python/bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return client("python3", sourceLocation: sourceLocation)
    }

    /// The `forum` executable built beside the test bundle (swift build builds it with the tests).
    static func forum(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let found = TestProcess.forumExecutable() { return found }
        Issue.record("the forum executable is not built: run `swift build` before the tests", sourceLocation: sourceLocation)
        return nil
    }

    /// Runs `executable` with the test's environment plus `environment`.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) throws -> Result {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        return try TestProcess.run(executable, arguments, environment: merged, in: folder)
    }
}

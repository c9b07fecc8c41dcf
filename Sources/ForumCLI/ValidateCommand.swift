import ArgumentParser
import Foundation
import ForumCalendar

/// `forum validate FILE`: applies every rule and reports what is broken.
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a programme against every rule and list what is broken.",
        discussion: """
        Prints each violation with its rule (hard or soft), the sessions (id and title), the room, the day and time, the person and what would fix it; then a count and penalty per rule and the score. `--format json` gives the same report for machines, with times in ISO 8601 and the venue's UTC offset.

        Exit codes: 0 no hard rule is broken, 1 a hard rule is broken, 2 the file cannot be used (its problems are printed on standard error with file, line and column).

        Examples:
          forum validate Schedules/athens-2006.yaml
          forum validate out/solved.yaml --format json
          forum validate new.yaml --published old.yaml
        """
    )

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Argument(help: "The programme file (.yaml, .yml or .json), or an iCalendar file (.ics).")
    public var file: String

    @Option(help: "text for people, json for machines.")
    public var format: Format = .text

    @Option(help: ArgumentHelp("The programme participants have already seen: each session moved from it costs `moved-from-published`.",
                               valueName: "FILE"))
    public var published: String?

    public init() {}

    public func run() throws {
        let checked = try FileValidation.check(file: file, published: published)
        print(format == .json ? checked.json() : checked.text(), terminator: "")
        if checked.hasHardProblems { throw ExitCode(1) }
    }
}

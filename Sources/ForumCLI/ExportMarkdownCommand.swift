import ArgumentParser
import Foundation
import ForumFormats
import ForumModel
import ForumPublish

/// `forum export markdown FILE [-o FILE]`: the programme as a Markdown agenda.
public struct ExportMarkdownCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Write the programme as a Markdown agenda for email and wikis (to standard output without -o).",
        discussion: """
        One section per day, sessions grouped by start time, each with its time, room, kind, \
        themes and people.

        With --timezone the agenda is written for remote participants: days and times on \
        that zone's clock (an IANA name such as Europe/Paris, or UTC), the zone named in \
        every time heading and entry, the venue's time in brackets.

        Examples:
          forum export markdown Schedules/athens-2006.yaml -o out/athens-2006.md
          forum export markdown Schedules/athens-2006.yaml --timezone UTC -o utc.md
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "The Markdown file to write (default: standard output).")
    public var output: String?

    @Option(help: "Write the times in this zone (IANA name, e.g. Europe/Paris, or UTC) instead of the venue's.")
    public var timezone: String?

    public init() {}

    public func run() throws {
        let programme = try loadForExport(file)
        var agenda = MarkdownAgenda(programme: programme)
        if let timezone {
            let name = timezone.uppercased() == "UTC" ? "UTC" : timezone
            guard let zone = TimeZone(identifier: name), name.contains("/") || name == "UTC" else {
                throw InputError(location: SourceLocation(file: "command line"), field: "--timezone", message: "`\(timezone)` is not a time zone",
                                 hint: "use an IANA name such as Europe/Paris, or UTC")
            }
            agenda = MarkdownAgenda(programme: programme, timeZone: zone)
        }
        let text = agenda.render()
        if let output {
            try writeAtomically(text, to: output, inputs: [file])
        } else {
            print(text, terminator: "")
        }
    }
}

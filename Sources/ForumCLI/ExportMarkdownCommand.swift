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

        Example:
          forum export markdown Schedules/athens-2006.yaml -o out/athens-2006.md
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "The Markdown file to write (default: standard output).")
    public var output: String?

    public init() {}

    public func run() throws {
        let programme = try ProgrammeInput.load(path: file)
        let text = MarkdownAgenda(programme: programme).render()
        if let output {
            try writeAtomically(text, to: output, inputs: [file])
        } else {
            print(text, terminator: "")
        }
    }
}

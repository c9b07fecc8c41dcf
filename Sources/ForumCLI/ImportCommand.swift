import ArgumentParser
import Foundation
import ForumCalendar
import ForumFormats

/// `forum import`: other formats into a programme file.
public struct ImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another format into a programme file.",
        subcommands: [ImportICSCommand.self]
    )
    public init() {}
}

/// `forum import ics FILE.ics -o programme.yaml`.
public struct ImportICSCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Turn an iCalendar file into a programme file.",
        discussion: """
        Every event becomes a session placed at its time, in a room named by its LOCATION. \
        Times given in UTC or in other zones are converted to the programme's zone \
        (X-WR-TIMEZONE, else the zone most events use); each day's grid is made of the events' \
        spans. A calendar written by `forum export ics` comes back with the same session ids, \
        rooms and placements. What a programme file cannot hold (duplicate UIDs, events without \
        a start, all-day events) is printed as a warning.

        Example:
          forum import ics drafts/igf-2006.ics -o drafts/igf-2006.yaml
        """
    )

    @Argument(help: "The iCalendar file.")
    public var file: String

    @Option(name: .shortAndLong, help: "The programme file to write (.yaml, or .json).")
    public var output: String

    public init() {}

    public func run() throws {
        let imported = try CalendarReader().read(file: file)
        for finding in imported.findings { printError("\(file): \(finding)") }
        let text = ProgrammeWriter.text(imported.programme, format: ProgrammeFileFormat(path: output))
        try writeAtomically(text, to: output, inputs: [file])
        let p = imported.programme
        print("wrote \(output): \(p.sessions.count) sessions (\(p.sessions.filter { !$0.placements.isEmpty }.count) placed), "
            + "\(p.rooms.count) rooms, \(p.days.count) days, time zone \(p.event.timeZone)")
    }
}

import ArgumentParser
import Foundation
import ForumCalendar
import ForumFormats
import ForumModel

/// `forum import`: other formats into a programme file.
public struct ImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another format into a programme file.",
        subcommands: [ImportICSCommand.self, ImportCSVCommand.self, ImportFrabCommand.self, ImportPretalxCommand.self]
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

        Time zones other software writes are read too: Windows names (`W. Europe Standard \
        Time`) and Outlook's display names (`(UTC+02:00) Athens, Bucharest`) through CLDR's \
        windowsZones table, and custom VTIMEZONEs by matching their offsets and changes with \
        tzdata; each mapping is printed as a warning naming the zone chosen. Floating times \
        are read in the programme's zone (with a warning); `--timezone` sets that zone. A file \
        that is not UTF-8 is read as Windows-1252 when it says so (CHARSET) or its bytes \
        leave no doubt, with a warning; otherwise the first bad byte is named. An event that \
        ends when it starts gets a 15-minute slot. A calendar spanning more than a year is \
        placed for its busiest year (an error says so); `--from` and `--to` pick another part.

        Examples:
          forum import ics drafts/igf-2006.ics -o drafts/igf-2006.yaml
          forum import ics outlook.ics --timezone Europe/Athens -o drafts/igf-2006.yaml
          forum import ics archive.ics --from 2006-10-30 --to 2006-11-02 -o igf-2006.yaml
        """
    )

    @Argument(help: "The iCalendar file.")
    public var file: String

    @Option(name: .shortAndLong, help: "The programme file to write (.yaml, or .json).")
    public var output: String

    @Option(name: .long, help: "The programme's time zone (an IANA name such as Europe/Athens), instead of the calendar's; floating times are read in it.")
    public var timezone: String?

    @Option(name: .long, help: "Import only events that start on or after this day (YYYY-MM-DD, in the programme's zone).")
    public var from: String?

    @Option(name: .long, help: "Import only events that start on or before this day (YYYY-MM-DD).")
    public var to: String?

    public init() {}

    public func run() throws {
        func day(_ text: String?, _ option: String) throws -> LocalDate? {
            guard let text else { return nil }
            guard let date = LocalDate(iso: text) else {
                throw ValidationError("--\(option) wants a date as YYYY-MM-DD, not `\(text)`")
            }
            return date
        }
        if let timezone, TimeZone(identifier: timezone) == nil {
            let near = closestMatch(to: timezone, in: TimeZone.knownTimeZoneIdentifiers).map { " (did you mean \($0)?)" } ?? ""
            throw ValidationError("--timezone wants an IANA zone name such as Europe/Athens, not `\(timezone)`\(near)")
        }
        var days: ClosedRange<LocalDate>?
        if from != nil || to != nil {
            let first = try day(from, "from") ?? LocalDate(year: 1, month: 1, day: 1)
            let last = try day(to, "to") ?? LocalDate(year: 9999, month: 12, day: 31)
            guard first <= last else { throw ValidationError("--from \(first) is after --to \(last)") }
            days = first...last
        }
        let imported = try CalendarReader(timeZone: timezone, days: days).read(file: file)
        for finding in imported.findings { printError("\(file): \(finding)") }
        let text = ProgrammeWriter.text(imported.programme, format: ProgrammeFileFormat(path: output))
        try writeAtomically(text, to: output, inputs: [file])
        let p = imported.programme
        print("wrote \(output): \(p.sessions.count) sessions (\(p.sessions.filter { !$0.placements.isEmpty }.count) placed), "
            + "\(p.rooms.count) rooms, \(p.days.count) days, time zone \(p.event.timeZone)")
    }
}

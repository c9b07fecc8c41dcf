import ArgumentParser
import Foundation
import ForumCalendar
import ForumFormats
import ForumModel

/// `forum export ics`: the programme as iCalendar files for participants' calendar software.
public struct ExportICSCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Write the programme as an iCalendar (.ics) file, whole, filtered or split into one calendar per group.",
        discussion: """
        Each placed session (each part of a series) becomes one event with a UID that stays the \
        same from one export to the next, times in the event's IANA time zone and one VTIMEZONE.

        Examples:
          forum export ics Schedules/athens-2006.yaml -o out/athens.ics
          forum export ics Schedules/athens-2006.yaml --theme openness -o out/open.ics
          forum export ics Schedules/athens-2006.yaml -o out/mine.ics \\
              --session main-openness ws-spam
          forum export ics Schedules/athens-2006.yaml --split theme -o out/calendars
          forum export ics new.yaml --previous out/athens.ics -o out/athens-2.ics

        With --previous, each event whose time, room or text changed gets a higher SEQUENCE and \
        a LAST-MODIFIED, and sessions dropped since stay in the calendar as STATUS:CANCELLED, so \
        that subscribed calendars move and remove them. With --split, --previous is the folder \
        of the previous split.

        DTSTAMP is deterministic: --stamp, else SOURCE_DATE_EPOCH, else 00:00 UTC on the event's \
        first day (one second after the previous export's stamp when something changed).
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "The .ics file to write (with --split: the folder).")
    public var output: String

    @Option(help: "Only sessions of this theme (repeatable).")
    public var theme: [String] = []

    @Option(help: "Only placements in this room (repeatable).")
    public var room: [String] = []

    @Option(help: "Only placements on this day, YYYY-MM-DD (repeatable).")
    public var day: [String] = []

    @Option(help: "Only sessions of this person (repeatable).")
    public var person: [String] = []

    @Option(parsing: .upToNextOption, help: "Only these sessions: a personal agenda.")
    public var session: [String] = []

    @Option(help: "Write one calendar per theme, room, day or person into the -o folder, with an index.md.")
    public var split: Split?

    @Option(help: "An earlier export (with --split: its folder) to update against.")
    public var previous: String?

    @Option(help: "DTSTAMP as ISO 8601 (2006-10-20T12:00:00Z) or seconds since 1970.")
    public var stamp: String?

    public enum Split: String, ExpressibleByArgument, CaseIterable, Sendable {
        case theme, room, day, person
        var value: CalendarSplit { CalendarSplit(rawValue: rawValue)! }
    }

    public init() {}

    public func run() throws {
        let programme = try ProgrammeInput.load(path: file)
        let exporter = try CalendarExporter(programme: programme, file: file, stamp: try CalendarExporter.stamp(stamp))
        let filter = try makeFilter()
        if let split {
            guard filter.isEmpty else {
                throw ValidationError("--split writes every group; it cannot be combined with --theme, --room, --day, --person or --session")
            }
            let calendars = try exporter.writeSplit(by: split.value, into: output, previousFolder: previous, inputs: [file])
            print("wrote \(calendars.count) calendars and index.md into \(output): "
                + "\(calendars.map(\.events).reduce(0, +)) events, \(calendars.map(\.changed.count).reduce(0, +)) changed, "
                + "\(calendars.map(\.cancelled).reduce(0, +)) cancelled")
        } else {
            let old = try previous.map { try PreviousCalendar(path: $0) }
            let calendar = try exporter.calendar(filter: filter, title: exporter.title(for: filter), previous: old)
            try writeAtomically(calendar.text, to: output, inputs: [file] + (previous.map { [$0] } ?? []))
            print("wrote \(output): \(calendar.events) events" + (old == nil ? "" : ", \(calendar.changed.count) changed, \(calendar.cancelled) cancelled"))
        }
    }

    private func makeFilter() throws -> CalendarFilter {
        let days = try day.map { text -> LocalDate in
            guard let date = LocalDate(iso: text) else {
                throw InputError(location: SourceLocation(file: "command line"), field: "--day", message: "`\(text)` is not a date", hint: "write YYYY-MM-DD, e.g. 2006-10-31")
            }
            return date
        }
        return CalendarFilter(themes: theme, rooms: room, days: days, people: person, sessions: session)
    }
}

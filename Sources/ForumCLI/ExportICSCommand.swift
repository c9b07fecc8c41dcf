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
        of the previous split (or one earlier whole calendar): an event has one SEQUENCE across \
        all the files, and a file keeps each event it held, at its new time when it moved to \
        another file, so that importing every file in any order ends with the new time.

        With event.organiser in the programme (name and e-mail of the secretariat) every event \
        names it as ORGANIZER and the calendar is METHOD:PUBLISH (RFC 5546); without one the \
        calendar has no METHOD. --attendees adds the session's people who have an e-mail as \
        ATTENDEE (moderators and chairs as ROLE=CHAIR); off by default, since addresses are \
        personal data, and such a calendar has no METHOD (PUBLISH allows no ATTENDEE).

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

    @Flag(help: "List the people of each session who have an e-mail as ATTENDEE (personal data: off by default).")
    public var attendees = false

    public enum Split: String, ExpressibleByArgument, CaseIterable, Sendable {
        case theme, room, day, person
        var value: CalendarSplit { CalendarSplit(rawValue: rawValue)! }
    }

    public init() {}

    public func run() throws {
        let programme = try loadForExport(file)
        let exporter = try CalendarExporter(programme: programme, file: file, stamp: try CalendarExporter.stamp(stamp), attendees: attendees)
        let filter = try makeFilter()
        if let split {
            guard filter.isEmpty else {
                throw ValidationError("--split writes every group; it cannot be combined with --theme, --room, --day, --person or --session")
            }
            let calendars = try exporter.writeSplit(by: split.value, into: output, previous: previous, inputs: [file])
            let forwarded = calendars.map(\.forwarded).reduce(0, +)
            print("wrote \(calendars.count) calendars and index.md into \(output): "
                + "\(calendars.map(\.events).reduce(0, +)) events, \(calendars.map(\.changed.count).reduce(0, +)) changed, "
                + (forwarded > 0 ? "\(forwarded) kept where they were before at their new place, " : "")
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

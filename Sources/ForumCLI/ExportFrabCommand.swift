import ArgumentParser
import Foundation
import ForumFormats
import ForumModel
import ForumPublish

/// `forum export frab FILE -o DIR`: the schedule for conference apps.
public struct ExportFrabCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "frab",
        abstract: "Write schedule.xml and schedule.json in the frab/pretalx format that conference apps read.",
        discussion: """
        ConfClerk, Giggity, EventFahrplan and other conference apps load these files. Every \
        placed session is one event (a series gives one event per part), at its local time with \
        the venue's UTC offset. Event ids and guids are derived from the event's acronym and \
        the session ids, so they stay the same when the programme is published again and apps \
        keep their users' favourites.

        Example:
          forum export frab Schedules/athens-2006.yaml -o out/frab
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "The folder to write schedule.xml and schedule.json into (created if missing).")
    public var output: String

    @Option(name: .customLong("base-url"), help: "The conference site's address (default: the event's url).")
    public var baseURL: String?

    @Option(name: .customLong("schedule-version"), help: "The release name apps show (default: a digest of the programme).")
    public var scheduleVersion: String?

    public init() {}

    public func run() throws {
        let programme = try loadForExport(file)
        let schedule = try FrabSchedule(programme: programme, options: FrabOptions(baseURL: baseURL, version: scheduleVersion))
        let folder = URL(fileURLWithPath: output)
        let xml = folder.appendingPathComponent("schedule.xml").path
        let json = folder.appendingPathComponent("schedule.json").path
        try writeAtomically(schedule.xml(), to: xml, inputs: [file])
        try writeAtomically(schedule.json(), to: json, inputs: [file])
        printError("wrote \(xml) and \(json): \(schedule.agenda.items.count) events on \(schedule.agenda.days.count) days")
        if !schedule.agenda.unplaced.isEmpty {
            printError("note: \(schedule.agenda.unplaced.count) sessions without a placement are not in the schedule")
        }
    }
}

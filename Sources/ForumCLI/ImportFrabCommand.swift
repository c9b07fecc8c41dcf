import ArgumentParser
import Foundation
import ForumFormats
import ForumImport
import ForumModel

/// `forum import frab schedule.xml|schedule.json -o programme.yaml`.
public struct ImportFrabCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "frab",
        abstract: "Turn a frab schedule (schedule.xml or schedule.json) into a programme file.",
        discussion: """
        Reads the schedule that pretalx, frab, wafer and c3voc's tools publish (and `forum \
        export frab` writes): the conference becomes the event, rooms and tracks (themes) keep \
        their names, persons become people, and every event a session placed at its local \
        time in its room. Each day's grid is made of the events' starts and ends, so the \
        programme validates and can be re-solved with --keep or exported again.

        Examples:
          forum import frab schedule.xml -o programme.yaml
          forum import frab schedule.json --timezone Europe/Berlin -o programme.yaml
        """
    )

    @Argument(help: "The schedule: schedule.xml or schedule.json.")
    public var file: String

    @Option(name: .shortAndLong, help: "The programme file to write (.yaml, or .json).")
    public var output: String

    @Option(name: .long, help: "The programme's time zone (IANA), when the schedule names none or to read it in another.")
    public var timezone: String?

    @Flag(name: .long, help: "Pin every placement, so the solver never moves them.")
    public var pin = false

    public init() {}

    public func run() throws {
        let imported = try FrabScheduleImporter(timeZone: timezone, pinned: pin).read(file: file)
        for warning in imported.warnings { printError(warning.description) }
        let text = ProgrammeWriter.text(imported.programme, format: ProgrammeFileFormat(path: output))
        try writeAtomically(text, to: output, inputs: [file])
        let p = imported.programme
        print("wrote \(output): \(p.sessions.count) sessions, \(p.rooms.count) rooms, \(p.days.count) days, "
            + "\(p.themes.count) themes, \(p.people.count) people, time zone \(p.event.timeZone)")
    }
}

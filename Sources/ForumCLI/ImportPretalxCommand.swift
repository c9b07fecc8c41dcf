import ArgumentParser
import Foundation
import ForumFormats
import ForumImport
import ForumModel

/// `forum import pretalx URL|FILE --frame FRAME.yaml -o programme.yaml`.
public struct ImportPretalxCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pretalx",
        abstract: "Turn pretalx's accepted and confirmed submissions into sessions of a frame programme.",
        discussion: """
        Reads /api/events/<event>/submissions/ (every page) or its JSON saved to a file. \
        Submission code → session id; title, duration, track → theme, speakers → people, \
        submission type → kind, state → note. The frame gives days, grid, rules and rooms; \
        from an API address, pretalx's rooms that the frame lacks (by name) are added, and \
        a frame whose time zone or dates differ from pretalx's event gets a warning.

        Example:
          forum import pretalx https://pretalx.example.org/api/events/democon/submissions/ --token T --frame frame.yaml -o programme.yaml
        """
    )

    @Argument(help: "The submissions: an http(s) address of pretalx's API, or a saved JSON file.")
    public var source: String

    @Option(name: .long, help: "The frame programme (event, days, grid, rooms, themes).")
    public var frame: String

    @Option(name: .long, help: "pretalx API token.")
    public var token: String?

    @Option(name: .shortAndLong, help: "The programme file to write (.yaml, or .json).")
    public var output: String

    public init() {}

    public func run() throws {
        let frameProgramme = try ProgrammeInput.load(path: frame)
        let imported = try PretalxImporter(frame: frameProgramme, token: token).read(source: source)
        for warning in imported.warnings { printError(warning.description) }
        try writeAtomically(ProgrammeWriter.text(imported.programme, format: ProgrammeFileFormat(path: output)), to: output, inputs: [frame])
        let rooms = imported.programme.rooms.count - frameProgramme.rooms.count
        print("wrote \(output): \(imported.programme.sessions.count - frameProgramme.sessions.count) sessions"
              + (rooms > 0 ? ", \(rooms) rooms from pretalx" : ""))
    }
}

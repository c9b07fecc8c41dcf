import ArgumentParser
import ForumModel
import ForumFormats
import ForumPublish

/// `forum export`: the programme as calendars, conference-app schedules, a web page or Markdown.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the programme as iCalendar, frab schedule XML/JSON, an HTML page or Markdown.",
        subcommands: [ExportICSCommand.self, ExportFrabCommand.self, ExportHTMLCommand.self, ExportMarkdownCommand.self]
    )
    public init() {}
}

/// Reads the programme an export writes and prints, to standard error, how each session that
/// starts or ends in a clock change was written (every export writes it the same way).
func loadForExport(_ path: String) throws -> Programme {
    let programme = try ProgrammeInput.load(path: path)
    for note in Agenda(programme).clockChangeNotes.prefix(20) { printError("note: \(note)") }
    return programme
}

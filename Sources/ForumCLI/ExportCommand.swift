import ArgumentParser

/// `forum export`: the programme as calendars, conference-app schedules, a web page or Markdown.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the programme as iCalendar, frab schedule XML/JSON, an HTML page or Markdown.",
        subcommands: [ExportICSCommand.self, ExportFrabCommand.self, ExportHTMLCommand.self, ExportMarkdownCommand.self]
    )
    public init() {}
}

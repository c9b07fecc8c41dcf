import ArgumentParser
import Foundation
import ForumFormats
import ForumModel
import ForumPublish

/// `forum export html FILE -o programme.html`: the programme as one web page.
public struct ExportHTMLCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write the programme as one self-contained web page: a grid of rooms × time per day.",
        discussion: """
        The page needs nothing else (no fonts, scripts or images from elsewhere) and reads \
        without JavaScript; with it, sessions can be filtered by theme and room. Sessions are \
        coloured by theme (the theme's `colour`, or a colour-blind-safe palette) with a legend; \
        each has its details (kind, people and their roles, abstract). It prints one day per page.

        Calendars exported beside the page are linked from it: a `calendars` folder (or the \
        folder --calendars names) and the whole programme's calendar under the page's name:
          forum export ics Schedules/athens-2006.yaml --split theme -o out/calendars
          forum export ics Schedules/athens-2006.yaml -o out/athens-2006.ics
          forum export html Schedules/athens-2006.yaml -o out/athens-2006.html
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "The page to write, e.g. programme.html.")
    public var output: String

    @Option(help: "A folder of .ics calendars (per theme, room, day or person) to link from the page (default: a `calendars` folder beside the page, if there is one).")
    public var calendars: String?

    public init() {}

    public func run() throws {
        let programme = try ProgrammeInput.load(path: file)
        let (links, calendars) = try CalendarLink.links(forPage: URL(fileURLWithPath: output), folder: self.calendars,
                                                        programme: programme, programmeFile: file)
        let page = HTMLProgramme(programme: programme, options: HTMLOptions(calendars: links))
        try writeAtomically(page.render(), to: output, inputs: [file])
        printError("wrote \(output): \(page.agenda.items.count) sessions on \(page.agenda.days.count) days" +
                   (calendars == nil ? "" : ", \(links.count) calendar links"))
    }
}

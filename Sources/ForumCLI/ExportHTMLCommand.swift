import ArgumentParser
import Foundation
import ForumFormats
import ForumModel
import ForumCalendar
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

        Each session card links "Add to calendar": one small .ics per session (every part of \
        a series), written by the same calendar exporter as `forum export ics` into a \
        `sessions` folder beside the page (or the folder --session-calendars names; \
        --no-session-calendars writes none). The calendars found are listed in the page's \
        own Calendars section.

        At IGF size each day's grid scrolls in its own box under sticky room headings and \
        times; with JavaScript the days become tabs, the room filter narrows the grid, and a \
        switch shows the times in the viewer's own time zone or in UTC. On a phone the grid \
        is a list under time headings.
        """
    )

    @Argument(help: "The programme file (.yaml, .yml or .json).")
    public var file: String

    @Option(name: .shortAndLong, help: "The page to write, e.g. programme.html.")
    public var output: String

    @Option(help: "A folder of .ics calendars (per theme, room, day or person) to link from the page (default: a `calendars` folder beside the page, if there is one).")
    public var calendars: String?

    @Option(help: "The folder for the one-session .ics files the cards link (default: a `sessions` folder beside the page).")
    public var sessionCalendars: String?

    @Flag(help: "Write no one-session calendars and no \"Add to calendar\" links.")
    public var noSessionCalendars = false

    @Option(help: "DTSTAMP of the one-session calendars: an ISO 8601 UTC time or a Unix time (default: SOURCE_DATE_EPOCH, else 00:00 UTC on the first day).")
    public var stamp: String?

    public init() {}

    public func run() throws {
        let programme = try loadForExport(file)
        let (links, calendars) = try CalendarLink.links(forPage: URL(fileURLWithPath: output), folder: self.calendars,
                                                        programme: programme, programmeFile: file)
        var perSession: [String: String] = [:]
        if !noSessionCalendars {
            let folder = sessionCalendars ?? URL(fileURLWithPath: output).deletingLastPathComponent().appendingPathComponent("sessions").path
            perSession = try writeSessionCalendars(programme, into: folder)
        }
        let page = HTMLProgramme(programme: programme, options: HTMLOptions(calendars: links, sessionCalendars: perSession))
        for (theme, given) in ThemePalette(themes: programme.themes).replaced {
            printError("note: theme `\(theme)`: colour \(given) is too close to another for colour-blind readers; the page uses a palette colour instead")
        }
        try writeAtomically(page.render(), to: output, inputs: [file])
        printError("wrote \(output): \(page.agenda.items.count) sessions on \(page.agenda.days.count) days" +
                   (calendars == nil ? "" : ", \(links.count) calendar links") +
                   (perSession.isEmpty ? "" : ", \(perSession.count) session calendars"))
    }

    /// One `.ics` per placed session in `folder` (made if missing), by ``CalendarExporter``;
    /// returns session id → the file's address relative to the page.
    func writeSessionCalendars(_ programme: Programme, into folder: String) throws -> [String: String] {
        let exporter = try CalendarExporter(programme: programme, file: file, stamp: try CalendarExporter.stamp(stamp))
        let placed = programme.sessions.filter { !$0.placements.isEmpty }
        guard !placed.isEmpty else { return [:] }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = CalendarLink.relativePath(from: URL(fileURLWithPath: output).deletingLastPathComponent(),
                                             to: URL(fileURLWithPath: folder, isDirectory: true))
        var used = Set<String>()
        var links: [String: String] = [:]
        for session in placed {
            // File names from ids: letters, digits, `-`, `_` and `.` kept; anything else becomes `-`.
            var stem = String(session.id.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
            if stem.isEmpty || stem.hasPrefix(".") { stem = "session" + stem }
            var name = stem, n = 2
            while !used.insert(name.lowercased()).inserted { name = "\(stem)-\(n)"; n += 1 }
            let filter = CalendarFilter(sessions: [session.id])
            let calendar = try exporter.calendar(filter: filter, title: exporter.title(for: filter), name: name + ".ics")
            try writeAtomically(calendar.text, to: (folder as NSString).appendingPathComponent(name + ".ics"), inputs: [file])
            links[session.id] = (base.isEmpty ? "" : base + "/") + (name + ".ics").addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        }
        return links
    }
}

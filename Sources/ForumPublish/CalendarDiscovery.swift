import Foundation
import ForumModel

extension CalendarLink {
    /// The calendars found in `folder` (as `forum export ics --split theme|room|day|person -o DIR`
    /// writes them: one `.ics` per group, plus an index), linked relative to the page at `page`.
    ///
    /// A file belongs to the theme, room, day or person whose id its name holds (`openness.ics`,
    /// `igf2006-openness.ics`, `igf2006-main-hall.ics`; the longest matching id wins). A file
    /// named after the event's acronym, `all` or `programme` is the whole programme; an
    /// `index` file (the split's Markdown list) is left out, since the page lists the calendars
    /// itself; other `.ics` files are listed as they
    /// are. A calendar's title is its `X-WR-CALNAME` (what calendar software shows), else the
    /// group's name. Only files that exist are returned, sorted by name.
    public static func discover(in folder: URL, relativeTo page: URL, programme: Programme) throws -> [CalendarLink] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let base = relativePath(from: page.deletingLastPathComponent(), to: folder)
        var links: [CalendarLink] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            let stem = url.deletingPathExtension().lastPathComponent
            let href = (base.isEmpty ? "" : base + "/") + name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            // The split's index (index.md) is for people reading the folder; the page's own
            // Calendars section is the list of calendars, in HTML.
            if stem.lowercased() == "index" { continue }
            guard url.pathExtension.lowercased() == "ics" else { continue }
            let group = group(of: stem, programme: programme)
            let title: String
            if let name = calendarName(url) {
                title = name
            } else {
                switch group {
                case .whole: title = "\(programme.event.name) (all sessions)"
                case .theme(let id): title = programme.theme(id)?.title ?? id
                case .room(let id): title = programme.room(id)?.name ?? id
                case .day(let date): title = Text.longDate(date)
                case .person(let id): title = programme.person(id)?.name ?? id
                case .other: title = name
                }
            }
            links.append(CalendarLink(group: group, title: title, href: href))
        }
        // In the programme's order (themes as listed, rooms as listed, days in order), not by file name.
        let themeIndex = Dictionary(programme.themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let roomIndex = Dictionary(programme.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let personIndex = Dictionary(programme.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func rank(_ link: CalendarLink) -> (Int, Int) {
            switch link.group {
            case .whole: return (0, 0)
            case .theme(let id): return (1, themeIndex[id] ?? 0)
            case .room(let id): return (2, roomIndex[id] ?? 0)
            case .day(let date): return (3, date.dayNumber)
            case .person(let id): return (4, personIndex[id] ?? 0)
            case .other: return (5, 0)
            }
        }
        return links.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// The whole programme's calendar published beside the page under the page's name
    /// (`athens-2006.ics` next to `athens-2006.html`), or nil when there is none.
    public static func besidePage(_ page: URL, programme: Programme) -> CalendarLink? {
        let file = page.deletingPathExtension().appendingPathExtension("ics")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let name = file.lastPathComponent.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        return CalendarLink(group: .whole, title: calendarName(file) ?? "\(programme.event.name) (all sessions)", href: name)
    }

    /// The calendar's `X-WR-CALNAME`, unfolded and unescaped; nil when it has none.
    static func calendarName(_ url: URL) -> String? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            // RFC 5545 folding: a line starting with a space or tab continues the previous one.
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += raw.dropFirst()
            } else {
                lines.append(String(raw))
            }
        }
        guard let line = lines.first(where: { $0.uppercased().hasPrefix("X-WR-CALNAME") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...]
            .replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\N", with: " ")
            .replacingOccurrences(of: "\\\\", with: "\\")
            .trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    static func group(of stem: String, programme: Programme) -> Group {
        let s = stem.lowercased()
        let acronym = programme.event.acronym.lowercased()
        if s == acronym || ["all", "programme", "program", "schedule", "\(acronym)-all"].contains(s) { return .whole }
        func matches(_ id: String) -> Bool {
            let i = id.lowercased()
            return s == i || s.hasSuffix("-" + i) || s.hasSuffix("_" + i) || s.hasPrefix(i + "-") || s.hasPrefix(i + "_")
        }
        var candidates: [(id: String, group: Group, kindHint: String)] = []
        candidates += programme.themes.map(\.id).filter(matches).map { ($0, .theme($0), "theme") }
        candidates += programme.rooms.map(\.id).filter(matches).map { ($0, .room($0), "room") }
        candidates += programme.days.map(\.date.description).filter(matches).map { ($0, .day(LocalDate(iso: $0)!), "day") }
        candidates += programme.people.map(\.id).filter(matches).map { ($0, .person($0), "person") }
        // The longest id wins (`main-hall` over `hall`); a tie goes to the kind the name mentions.
        let best = candidates.max { a, b in
            (a.id.count, s.contains(a.kindHint) ? 1 : 0) < (b.id.count, s.contains(b.kindHint) ? 1 : 0)
        }
        return best?.group ?? .other
    }

    /// The path from folder `from` to `to`, with `..` where needed (both resolved first).
    public static func relativePath(from: URL, to: URL) -> String {
        let a = from.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let b = to.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < a.count && common < b.count && a[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: a.count - common)
        return (ups + b[common...]).joined(separator: "/")
    }
}

extension CalendarLink {
    /// The calendars the page at `page` links, as `forum export html` finds them: the whole
    /// programme's calendar beside the page (``besidePage(_:programme:)``) first, then those in
    /// `folder` (``discover(in:relativeTo:programme:)``), by default a `calendars` folder
    /// beside the page when there is one. Also returns the folder used (nil: none). An
    /// ``InputError`` on `--calendars` when a given folder does not exist; its hint shows how
    /// to export calendars from `programmeFile`.
    public static func links(forPage page: URL, folder given: String?, programme: Programme,
                             programmeFile: String) throws -> (links: [CalendarLink], folder: String?) {
        func isFolder(_ path: String) -> Bool {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        }
        if let given, !isFolder(given) {
            throw InputError(location: SourceLocation(file: given), field: "--calendars", message: "no such folder",
                             hint: "export the calendars first: forum export ics \(programmeFile) --split theme -o \(given)")
        }
        // Calendars exported beside the page are linked without being asked for.
        let beside = page.deletingLastPathComponent().appendingPathComponent("calendars").path
        let folder = given ?? (isFolder(beside) ? beside : nil)
        var links = try folder.map { try discover(in: URL(fileURLWithPath: $0, isDirectory: true), relativeTo: page, programme: programme) } ?? []
        if let whole = besidePage(page, programme: programme) { links.insert(whole, at: 0) }
        return (links, folder)
    }
}

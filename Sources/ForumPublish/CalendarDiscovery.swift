import Foundation
import ForumModel

extension CalendarLink {
    /// The calendars found in `folder` (as `forum export ics --split theme|room -o DIR` writes
    /// them: one `.ics` per theme or room, plus an index), linked relative to the page at `page`.
    ///
    /// A file belongs to the theme or room whose id its name holds (`access.ics`,
    /// `igf2006-theme-access.ics`, `room-main-hall.ics`; the longest matching id wins). A file
    /// named after the event's acronym, `all` or `programme` is the whole programme; an
    /// `index` file is linked as the list of calendars; others are listed as they are.
    /// Only files that exist are returned, sorted by name.
    public static func discover(in folder: URL, relativeTo page: URL, programme: Programme) throws -> [CalendarLink] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let base = relativePath(from: page.deletingLastPathComponent(), to: folder)
        var links: [CalendarLink] = []
        for name in names {
            let url = URL(fileURLWithPath: name, relativeTo: folder)
            let stem = url.deletingPathExtension().lastPathComponent
            let ext = url.pathExtension.lowercased()
            let href = (base.isEmpty ? "" : base + "/") + name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            if stem.lowercased() == "index" {
                links.append(CalendarLink(group: .other, title: "List of calendars", href: href))
                continue
            }
            guard ext == "ics" else { continue }
            links.append(CalendarLink(group: group(of: stem, programme: programme), title: "", href: href))
        }
        return links.map { link in
            var link = link
            guard link.title.isEmpty else { return link }
            switch link.group {
            case .whole: link.title = "\(programme.event.name) (all sessions)"
            case .theme(let id): link.title = programme.theme(id)?.title ?? id
            case .room(let id): link.title = programme.room(id)?.name ?? id
            case .other: link.title = URL(fileURLWithPath: link.href).lastPathComponent
            }
            return link
        }
    }

    static func group(of stem: String, programme: Programme) -> Group {
        let s = stem.lowercased()
        if s == programme.event.acronym.lowercased() || ["all", "programme", "program", "schedule"].contains(s) { return .whole }
        func matches(_ id: String) -> Bool {
            let i = id.lowercased()
            return s == i || s.hasSuffix("-" + i) || s.hasSuffix("_" + i) || s.hasPrefix(i + "-") || s.hasPrefix(i + "_")
        }
        let themes = programme.themes.map(\.id).filter(matches)
        let rooms = programme.rooms.map(\.id).filter(matches)
        let bestTheme = themes.max { ($0.count, $0) < ($1.count, $1) }
        let bestRoom = rooms.max { ($0.count, $0) < ($1.count, $1) }
        switch (bestTheme, bestRoom) {
        case (let t?, nil): return .theme(t)
        case (nil, let r?): return .room(r)
        case (let t?, let r?):
            if t.count != r.count { return t.count > r.count ? .theme(t) : .room(r) }
            return s.contains("room") ? .room(r) : .theme(t)
        default: return s.hasSuffix("-all") || s.hasPrefix(programme.event.acronym.lowercased()) && s.count == programme.event.acronym.count ? .whole : .other
        }
    }

    /// The path from folder `from` to `to`, with `..` where needed (both resolved first).
    static func relativePath(from: URL, to: URL) -> String {
        let a = from.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let b = to.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < a.count && common < b.count && a[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: a.count - common)
        return (ups + b[common...]).joined(separator: "/")
    }
}

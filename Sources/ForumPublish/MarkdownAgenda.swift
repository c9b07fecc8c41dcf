import Foundation
import ForumModel

/// The programme as a Markdown agenda for email and wikis: one section per day, sessions
/// grouped by start time, each with its time (on the venue's clock and in UTC), room, kind,
/// theme and people. An online-only session is marked *Online session*, and a person who
/// takes part online has ` (online)` after the name.
public struct MarkdownAgenda {
    public let agenda: Agenda

    public init(programme: Programme) {
        agenda = Agenda(programme)
    }

    var programme: Programme { agenda.programme }

    /// The whole agenda.
    public func render() -> String {
        let event = programme.event
        let m = MarkdownAgenda.escape
        var out = "# \(m(event.name))\n\n"
        var place: [String] = []
        if let city = event.city { place.append(m(city)) }
        if let venue = event.venue { place.append(m(venue)) }
        place.append(Text.dateSpan(event.startDate, event.endDate))
        out += place.joined(separator: " · ") + "  \n"
        out += m(agenda.timeZoneSentence) + "\n"
        if let url = event.url, Text.isSafeLink(url) { out += "\n<\(url.trimmingCharacters(in: .whitespaces))>\n" }
        for day in agenda.days {
            out += "\n## \(Text.longDate(day.date))"
            if let label = day.label { out += " — \(m(label))" }
            out += "\n"
            if day.items.isEmpty {
                out += "\nNo sessions on this day.\n"
                continue
            }
            var index = 0
            while index < day.items.count {
                let start = day.items[index].range.start
                var group: [AgendaItem] = []
                while index < day.items.count && day.items[index].range.start == start {
                    group.append(day.items[index])
                    index += 1
                }
                out += "\n### \(start)\n\n"
                for item in group { out += entry(item) }
            }
        }
        if !agenda.unplaced.isEmpty {
            out += "\n## Not yet scheduled\n\n"
            for s in agenda.unplaced {
                var line = "- **\(m(s.title))** · \(m(s.kind.title))"
                if let theme = s.themes.first.flatMap(programme.theme) { line += " · \(m(theme.label))" }
                out += line + "\n"
            }
        }
        return out
    }

    private func entry(_ item: AgendaItem) -> String {
        let m = MarkdownAgenda.escape
        let s = item.session
        var line = "- **\(m(s.title))**"
        if let part = item.partLabel { line += " (\(part.lowercased()))" }
        if item.isOnline { line += " · *\(Agenda.onlineLabel)*" }
        line += " · \(Text.hoursMinutes(item.range.start.minutes))–\(Text.hoursMinutes(item.range.end.minutes))"
        if let utc = agenda.utcSpan(item) { line += " (\(utc))" }
        line += " · \(m(item.roomName)) · \(m(s.kind.title))"
        if !item.themes.isEmpty { line += " · \(item.themes.map { m($0.label) }.joined(separator: ", "))" }
        var lines = [line]
        if !item.people.isEmpty {
            lines.append("  " + item.people.map { "\($0.label): \($0.markedNames.map(m).joined(separator: ", "))" }.joined(separator: "; "))
        }
        if let abstract = s.abstract?.trimmingCharacters(in: .whitespacesAndNewlines), !abstract.isEmpty {
            lines.append("  " + m(abstract.split(whereSeparator: \.isNewline).joined(separator: " ")))
        }
        if let url = s.url, Text.isSafeLink(url) { lines.append("  <\(url.trimmingCharacters(in: .whitespaces))>") }
        // Two trailing spaces: a line break inside the list item, in every Markdown dialect.
        return lines.joined(separator: "  \n") + "\n"
    }

    /// Text that Markdown shows as written (see `TextEscaping.markdown`).
    static func escape(_ text: String) -> String { TextEscaping.markdown(text) }
}

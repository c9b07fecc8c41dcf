import Foundation
import ForumModel

/// The programme as a Markdown agenda for email and wikis: one section per day, sessions
/// grouped by start time, each with its time (on the venue's clock and in UTC), room, kind,
/// theme and people. An online-only session is marked *Online session*, and a person who
/// takes part online has ` (online)` after the name.
///
/// Written for another time zone (``init(programme:timeZone:)``, e.g. UTC or a remote
/// participant's zone), days and start times follow that zone's clock, named in every time
/// heading and entry, and each entry gives the venue time in brackets.
public struct MarkdownAgenda {
    public let agenda: Agenda
    /// The zone the agenda's times are written in; nil: the venue's.
    public let timeZone: TimeZone?

    public init(programme: Programme) {
        agenda = Agenda(programme)
        timeZone = nil
    }

    /// The agenda with its times in `timeZone` (the venue's own zone gives the ordinary agenda).
    public init(programme: Programme, timeZone: TimeZone) {
        agenda = Agenda(programme)
        let venue = programme.event.zone
        self.timeZone = venue?.identifier == timeZone.identifier || venue == nil ? nil : timeZone
    }

    /// `UTC`, or the IANA name.
    var zoneName: String { timeZone.map { ["UTC", "GMT", "Etc/UTC"].contains($0.identifier) ? "UTC" : $0.identifier } ?? programme.event.timeZone }

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
        if timeZone != nil {
            out += m("All times are \(zoneName == "UTC" ? "in UTC" : "in the \(zoneName) time zone"); the venue's time (\(event.timeZone)) is in brackets.") + "\n"
        } else {
            out += m(agenda.timeZoneSentence) + "\n"
        }
        if let url = event.url, Text.isSafeLink(url) { out += "\n<\(url.trimmingCharacters(in: .whitespaces))>\n" }
        if let zone = timeZone {
            out += zoned(zone)
        } else {
            out += venueDays()
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

    /// The days in `zone`: items by their start on that zone's clock (in order of the instant,
    /// then the venue's order).
    private func zoned(_ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let event = programme.event
        func wall(_ date: LocalDate, _ minutes: Int) -> (date: LocalDate, minutes: Int)? {
            guard let instant = event.instant(date: date.adding(days: minutes / 1440), time: TimeOfDay(minutes: minutes % 1440)) else { return nil }
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            return (LocalDate(year: c.year!, month: c.month!, day: c.day!), c.hour! * 60 + c.minute!)
        }
        var entries: [(date: LocalDate, start: Int, end: Int, order: Int, item: AgendaItem)] = []
        for (order, item) in agenda.items.enumerated() {
            guard let start = wall(item.placement.day, item.range.start.minutes),
                  let end = wall(item.placement.day, item.range.end.minutes) else { continue }
            entries.append((start.date, start.minutes, end.minutes, order, item))
        }
        entries.sort { ($0.date, $0.start, $0.order) < ($1.date, $1.start, $1.order) }
        var out = ""
        var day: LocalDate?
        var start: Int?
        let label = MarkdownAgenda.escape(zoneName)
        for entry in entries {
            if entry.date != day {
                out += "\n## \(Text.longDate(entry.date)) (\(label))\n"
                day = entry.date
                start = nil
            }
            if entry.start != start {
                out += "\n### \(Text.hoursMinutes(entry.start)) \(label)\n\n"
                start = entry.start
            }
            let venue = "\(Text.hoursMinutes(entry.item.range.start.minutes))–\(Text.hoursMinutes(entry.item.range.end.minutes))"
            let venueDate = entry.item.placement.day == entry.date ? "" : Text.shortDate(entry.item.placement.day) + " "
            out += self.entry(entry.item, time: "\(Text.hoursMinutes(entry.start))–\(Text.hoursMinutes(entry.end)) \(label) (\(venueDate)\(venue) venue time)")
        }
        return out
    }

    /// The days on the venue's clock.
    private func venueDays() -> String {
        var out = ""
        for day in agenda.days {
            out += "\n## \(Text.longDate(day.date))"
            if let label = day.label { out += " — \(MarkdownAgenda.escape(label))" }
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
        return out
    }


    /// One session; `time` replaces the venue time and UTC span.
    private func entry(_ item: AgendaItem, time: String? = nil) -> String {
        let m = MarkdownAgenda.escape
        let s = item.session
        var line = "- **\(m(s.title))**"
        if let part = item.partLabel { line += " (\(part.lowercased()))" }
        if item.isOnline { line += " · *\(Agenda.onlineLabel)*" }
        if let time {
            line += " · \(time)"
        } else {
            line += " · \(Text.hoursMinutes(item.range.start.minutes))–\(Text.hoursMinutes(item.range.end.minutes))"
            if let utc = agenda.utcSpan(item) { line += " (\(utc))" }
        }
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

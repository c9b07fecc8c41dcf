import Foundation
import ForumModel

/// A calendar file published beside the page (e.g. by `forum export ics --split theme`).
public struct CalendarLink: Hashable, Sendable {
    /// What the calendar holds: the whole programme, one group of a split, or something else
    /// found beside the page.
    public enum Group: Hashable, Sendable {
        case whole
        case theme(String)
        case room(String)
        case day(LocalDate)
        case person(String)
        case other
    }
    public var group: Group
    /// The name shown for the link (the calendar's X-WR-CALNAME when it has one).
    public var title: String
    /// Relative (or absolute web) address of the `.ics` file, as the page links it.
    public var href: String

    public init(group: Group, title: String, href: String) {
        self.group = group
        self.title = title
        self.href = href
    }
}

/// Options for the HTML programme page.
public struct HTMLOptions: Sendable {
    /// Calendars to link from the page; only those that exist should be given.
    public var calendars: [CalendarLink]
    /// Height in pixels of one minute in the grid on screen (rows grow further to fit their
    /// text); printed pages use 0.45.
    public var pixelsPerMinute: Double
    /// Session id → address of a small `.ics` file holding only that session (every part of
    /// a series), linked from its card as "Add to calendar". Sessions not in it get no link.
    public var sessionCalendars: [String: String]

    public init(calendars: [CalendarLink] = [], pixelsPerMinute: Double = 0.9, sessionCalendars: [String: String] = [:]) {
        self.calendars = calendars
        self.pixelsPerMinute = pixelsPerMinute
        self.sessionCalendars = sessionCalendars
    }
}

/// The programme as one self-contained HTML page: a grid of rooms × time per day, sessions
/// coloured by theme with a legend, details per session, filters by theme and room when
/// JavaScript runs, links to calendars, a print layout.
///
/// At IGF size (18 rooms) each day's grid is its own scroll box, so the room headings stay at
/// its top and the times at its left (nothing paints over them). With JavaScript the days
/// become tabs (one day at a time; `#d2023-10-09` or a session's anchor picks the day), the
/// room filter narrows the grid to the rooms chosen, and a switch shows the times in the
/// viewer's own zone or UTC (from the ISO instants with offsets the page carries, using the
/// browser's `Intl` API). Narrower than 40rem (phones) the grid becomes a list under sticky
/// time headings. Each session gives its time on the
/// venue's clock and in UTC; an online-only session has an `Online` badge and the CSS class
/// `online`; a person who takes part online has ` (online)` after the name.
///
/// Every text from the programme is escaped; colours come from ``ThemePalette`` only; links
/// are web or mail addresses only; the page's own script is allowed by its hash in a
/// Content-Security-Policy, so even an injected handler would not run.
public struct HTMLProgramme {
    public let agenda: Agenda
    public let options: HTMLOptions
    let palette: ThemePalette
    /// CSS class per theme id: `t1`, `t2`… in theme order (ids may hold characters CSS selectors dislike).
    let themeClass: [String: String]
    /// Element id per agenda item key (`s-main-openness`): stable links to a session, unique
    /// even when ids differ only in case or punctuation.
    let anchors: [String: String]

    public init(programme: Programme, options: HTMLOptions = HTMLOptions()) {
        agenda = Agenda(programme)
        self.options = options
        palette = ThemePalette(themes: programme.themes)
        themeClass = Dictionary(programme.themes.enumerated().map { ($1.id, "t\($0 + 1)") }, uniquingKeysWith: { a, _ in a })
        var anchors: [String: String] = [:]
        var used = Set<String>()
        for key in agenda.items.map(\.key).sorted() {
            let base = "s-" + (Text.slug(key).isEmpty ? "session" : Text.slug(key))
            var anchor = base
            var n = 2
            while !used.insert(anchor).inserted { anchor = "\(base)-\(n)"; n += 1 }
            anchors[key] = anchor
        }
        self.anchors = anchors
    }

    var programme: Programme { agenda.programme }
    private func e(_ text: String) -> String { Text.escapeMarkup(text) }

    /// The page's style sheet (cards, grid, theme colours), for other pages that show the same
    /// cards: the planning board (`forum serve`) uses it so that both look alike.
    public var styleSheet: String { stylesheet() }

    /// The style sheet's class for a theme's colours (`t1`, `t2`… in theme order; `t0`: none).
    public func colourClass(ofTheme id: String?) -> String { id.flatMap { themeClass[$0] } ?? "t0" }

    /// The whole page.
    public func render() -> String {
        let event = programme.event
        let script = HTMLProgramme.script
        let scriptHash = Data(Digest.sha256(Array(script.utf8))).base64EncodedString()
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(scriptHash)'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="generator" content="forum-scheduler">
        <title>\(e(event.name)): programme</title>
        <style>
        \(stylesheet())
        </style>
        </head>
        <body>
        <a class="skip" href="#programme">Skip to the programme</a>
        <header class="page-head">
        <h1>\(e(event.name))</h1>

        """
        var place: [String] = []
        if let city = event.city { place.append(e(city)) }
        if let venue = event.venue { place.append(e(venue)) }
        place.append(e(Text.dateSpan(event.startDate, event.endDate)))
        out += "<p class=\"where\">\(place.joined(separator: " · "))</p>\n"
        if let description = event.description { out += "<p>\(e(description))</p>\n" }
        out += "<p class=\"tz\">\(e(agenda.timeZoneSentence))</p>\n"
        if let url = event.url, Text.isSafeLink(url) { out += "<p><a href=\"\(e(url))\">\(e(url))</a></p>\n" }
        out += "</header>\n"
        out += navigation()
        out += legend()
        out += filters()
        out += zoneSwitch()
        out += "<main id=\"programme\">\n"
        for day in agenda.days { out += daySection(day) }
        out += unplacedSection()
        out += "</main>\n"
        out += calendarsSection()
        out += "<footer><p>\(e(agenda.timeZoneSentence)) Published with forum-scheduler.</p></footer>\n"
        out += "<script>\(script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Page parts

    private func navigation() -> String {
        guard agenda.days.count > 1 else { return "" }
        var out = "<nav class=\"days\" aria-label=\"Days\"><ul>\n"
        for day in agenda.days {
            out += "<li><a href=\"#d\(day.date)\" data-day=\"d\(day.date)\">\(e(Text.shortDate(day.date)))</a></li>\n"
        }
        // Only the script can show one day at a time, so only the script shows this tab.
        out += "<li hidden><a href=\"#all-days\" data-day=\"all\">All days</a></li>\n"
        if options.calendars.contains(where: { safeHref($0.href) }) { out += "<li><a href=\"#calendars\">Calendars</a></li>\n" }
        return out + "</ul></nav>\n"
    }

    private func legend() -> String {
        let used = Set(agenda.items.flatMap { $0.themes.map(\.id) })
        let themes = programme.themes.filter { used.contains($0.id) }
        let unthemed = agenda.items.contains { $0.themes.isEmpty }
        guard !themes.isEmpty || unthemed else { return "" }
        var out = "<section class=\"legend\" aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">Themes</h2>\n<ul>\n"
        for theme in themes {
            let calendar = options.calendars.first { $0.group == .theme(theme.id) }
            var entry = "<span class=\"sw \(themeClass[theme.id]!)\" aria-hidden=\"true\"></span><span class=\"lt\">\(e(theme.label))</span>"
            if theme.crossCutting { entry += " <span class=\"cc\">(cross-cutting)</span>" }
            if let description = theme.description { entry += "<span class=\"ld\">\(e(description))</span>" }
            if let calendar, safeHref(calendar.href) {
                entry += " <a class=\"cal\" href=\"\(e(calendar.href))\">calendar<span class=\"vh\"> for \(e(theme.title))</span></a>"
            }
            out += "<li>\(entry)</li>\n"
        }
        if unthemed { out += "<li><span class=\"sw t0\" aria-hidden=\"true\"></span><span class=\"lt\">No theme</span></li>\n" }
        return out + "</ul>\n</section>\n"
    }

    /// Hidden until the script shows it: without JavaScript the page is complete without filters.
    private func filters() -> String {
        let usedRooms = Set(agenda.items.map(\.roomKey))
        let rooms = agenda.rooms.filter { usedRooms.contains($0.id) }
        let usedThemes = Set(agenda.items.flatMap { $0.themes.map(\.id) })
        let themes = programme.themes.filter { usedThemes.contains($0.id) }
        guard rooms.count > 1 || themes.count > 1 else { return "" }
        var out = "<form id=\"filters\" class=\"filters\" hidden aria-label=\"Filter the programme\">\n"
        if themes.count > 1 {
            out += "<fieldset><legend>Themes</legend>\n"
            for theme in themes {
                out += "<label><input type=\"checkbox\" name=\"theme\" value=\"\(e(theme.id))\" checked> <span class=\"sw \(themeClass[theme.id]!)\" aria-hidden=\"true\"></span>\(e(theme.label))</label>\n"
            }
            if agenda.items.contains(where: { $0.themes.isEmpty }) {
                out += "<label><input type=\"checkbox\" name=\"theme\" value=\"\" checked> No theme</label>\n"
            }
            out += "</fieldset>\n"
        }
        if rooms.count > 1 {
            out += "<fieldset><legend>Rooms</legend>\n"
            for room in rooms {
                out += "<label><input type=\"checkbox\" name=\"room\" value=\"\(e(room.id))\" checked> \(e(room.name))</label>\n"
            }
            out += "</fieldset>\n"
        }
        out += "<p class=\"fbuttons\"><button type=\"button\" data-all=\"1\">Show all</button> <output id=\"shown\" aria-live=\"polite\"></output></p>\n"
        return out + "</form>\n"
    }

    /// Hidden until the script shows it: venue time, the viewer's own zone, or UTC.
    private func zoneSwitch() -> String {
        guard agenda.instant(agenda.days.first?.date ?? programme.event.startDate, 0) != nil else { return "" }
        var out = "<form id=\"zones\" class=\"zones\" hidden aria-label=\"Time zone\">\n"
        out += "<label for=\"tz\">Show times in</label> <select id=\"tz\" name=\"tz\">\n"
        out += "<option value=\"venue\">venue time (\(e(programme.event.timeZone)))</option>\n"
        out += "<option value=\"local\">your time zone</option>\n<option value=\"utc\">UTC</option>\n</select>\n"
        out += "<output id=\"tzsay\" aria-live=\"polite\"></output>\n"
        return out + "</form>\n"
    }

    private func daySection(_ day: AgendaDay) -> String {
        let title = Text.longDate(day.date)
        var out = "<section class=\"day\" id=\"d\(day.date)\" aria-labelledby=\"h\(day.date)\">\n"
        out += "<h2 id=\"h\(day.date)\">\(e(title))"
        if let label = day.label { out += " <span class=\"dl\">\(e(label))</span>" }
        out += "</h2>\n"
        guard !day.items.isEmpty else {
            return out + "<p class=\"empty\">No sessions on this day.</p>\n</section>\n"
        }
        let layout = DayLayout(day: day, rooms: agenda.rooms)
        let rows = layout.boundaries.indices.dropLast().map { i -> String in
            let minutes = layout.boundaries[i + 1] - layout.boundaries[i]
            // Heights follow the clock (the style sheet sets --ppm: less on paper than on screen).
            return "minmax(max(18px,calc(\(minutes)*var(--ppm))),auto)"
        }
        let columns = "4.2rem " + layout.columns.map { _ in HTMLProgramme.roomColumn }.joined(separator: " ")
        // Which room each column shows (index into the agenda's rooms), for the room filter.
        let roomIndex = Dictionary(agenda.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let columnRooms = layout.rooms.flatMap { room in Array(repeating: roomIndex[room.room.id] ?? 0, count: room.lanes) }
        out += "<div class=\"scroll\" role=\"region\" aria-label=\"\(e(title)): sessions by room and time\" tabindex=\"0\">\n"
        out += "<div class=\"grid\" data-cols=\"\(columnRooms.map(String.init).joined(separator: " "))\" style=\"grid-template-columns:\(columns);grid-template-rows:auto \(rows.joined(separator: " "))\">\n"
        // Room headings and time marks are for the eye; every session states its own time and room.
        // Behind them: a header row and a time column with a background, so that cards scrolled
        // under them stay hidden (the cards come later in the page and have a lower z-index).
        out += "<div class=\"hrow\" aria-hidden=\"true\" style=\"grid-column:1/-1;grid-row:1\"></div>\n"
        out += "<div class=\"tcol\" aria-hidden=\"true\" style=\"grid-column:1;grid-row:2/-1\"></div>\n"
        out += "<div class=\"corner\" aria-hidden=\"true\" style=\"grid-column:1;grid-row:1\"></div>\n"
        for room in layout.rooms {
            out += "<div class=\"rh\" aria-hidden=\"true\" data-i=\"\(roomIndex[room.room.id] ?? 0)\" data-room=\"\(e(room.room.id))\" style=\"grid-column:\(room.firstColumn)/\(room.firstColumn + room.lanes);grid-row:1\">\(e(room.room.name))"
            if let capacity = room.room.capacity { out += "<span class=\"cap\">\(capacity) seats</span>" }
            out += "</div>\n"
        }
        for (i, minutes) in layout.boundaries.dropLast().enumerated() where layout.startTimes.contains(minutes) {
            out += "<div class=\"tm\" aria-hidden=\"true\" style=\"grid-row:\(i + 2)\">\(timeMark(day.date, minutes))</div>\n"
        }
        for (i, _) in layout.boundaries.dropLast().enumerated() where i % 2 == 1 {
            out += "<div class=\"band\" aria-hidden=\"true\" style=\"grid-row:\(i + 2);grid-column:1/-1\"></div>\n"
        }
        // In reading order, a time heading before the first session of each start time: shown
        // only in the list (phones), where the grid's time column is gone.
        var lastStart: Int?
        for placed in layout.placed {
            let start = placed.item.range.start.minutes
            if start != lastStart {
                out += "<h3 class=\"at\">\(timeMark(day.date, start))</h3>\n"
                lastStart = start
            }
            out += sessionCard(placed, day: day)
        }
        out += "</div>\n</div>\n</section>\n"
        return out
    }

    /// `<time datetime="2006-10-30T10:00:00+02:00">10:00</time>`, or the bare time when the zone is unknown.
    private func timeMark(_ date: LocalDate, _ minutes: Int) -> String {
        let text = Text.hoursMinutes(minutes)
        guard let instant = agenda.instant(date, minutes) else { return text }
        return "<time datetime=\"\(e(instant))\">\(text)</time>"
    }

    /// The width of a room's column in the grid.
    static let roomColumn = "minmax(10rem,1fr)"

    private func sessionCard(_ placed: DayLayout.Placed, day: AgendaDay) -> String {
        let item = placed.item
        let s = item.session
        let anchor = anchors[item.key]!
        let themeClasses = item.themes.first.map { themeClass[$0.id]! } ?? "t0"
        let themes = item.themes.map(\.id).joined(separator: " ")
        var classes = "s \(themeClasses)"
        if placed.overlapsInRoom { classes += " clash" }
        if item.isOnline { classes += " online" }
        var style = "grid-row:\(placed.firstRow)/\(placed.lastRow);grid-column:\(placed.column)"
        if item.themes.count > 1 {
            // A session of several themes gets a striped edge, one band per theme (palette colours only).
            let white = RGB(r: 1, g: 1, b: 1)
            let colours = item.themes.map { palette.colour(of: $0).darkened(toContrast: 3, against: white).hex }
            let step = 100.0 / Double(colours.count)
            let stops = colours.enumerated().map { "\($1) \(Int((Double($0) * step).rounded()))% \(Int((Double($0 + 1) * step).rounded()))%" }
            style += ";border-image:linear-gradient(to bottom,\(stops.joined(separator: ","))) 1"
        }
        var out = "<article class=\"\(classes)\" id=\"\(e(anchor))\" aria-labelledby=\"\(e(anchor))-t\" data-themes=\"\(e(themes))\" data-room=\"\(e(item.roomKey))\" style=\"\(style)\">\n"
        out += "<h3 id=\"\(e(anchor))-t\">\(e(s.title))</h3>\n"
        let start = Text.hoursMinutes(item.range.start.minutes), end = Text.hoursMinutes(item.range.end.minutes)
        let datetime = agenda.instant(day.date, item.range.start.minutes) ?? "\(day.date)T\(start)"
        // The venue's clock first, then UTC (as the IGF's own session pages give it).
        let utc = agenda.utcSpan(item).map { " <span class=\"utc\">(\(e($0)))</span>" } ?? ""
        let endInstant = agenda.instant(day.date, item.range.end.minutes).map { " data-e=\"\(e($0))\"" } ?? ""
        out += "<p class=\"when\"\(endInstant)><time datetime=\"\(e(datetime))\">\(start)–\(end)</time>\(utc) · \(e(item.roomName))</p>\n"
        var meta = [e(s.kind.title)]
        if item.isOnline { meta.insert("<span class=\"ob\">Online</span>", at: 0) }
        if let part = item.partLabel { meta.append(e(part)) }
        if !item.themes.isEmpty { meta.append(item.themes.map { e($0.shortLabel) }.joined(separator: ", ")) }
        out += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
        let people = item.people
        if !people.isEmpty {
            let short = people.prefix(2).map { "\($0.label): \(e($0.markedNames.joined(separator: ", ")))" }
            out += "<p class=\"ppl\">\(short.joined(separator: "; "))\(people.count > 2 ? "…" : "")</p>\n"
        }
        if let href = options.sessionCalendars[s.id], safeHref(href) {
            out += "<p class=\"add\"><a href=\"\(e(href))\" type=\"text/calendar\">Add to calendar<span class=\"vh\">: \(e(s.title))</span></a></p>\n"
        }
        if placed.overlapsInRoom { out += "<p class=\"warn\">Overlaps another session in this room.</p>\n" }
        out += "<details>\n<summary>Details<span class=\"vh\">: \(e(s.title))</span></summary>\n<dl>\n"
        out += "<dt>Kind</dt><dd>\(e(s.kind.title))</dd>\n"
        if !item.themes.isEmpty {
            out += "<dt>\(item.themes.count > 1 ? "Themes" : "Theme")</dt><dd>\(item.themes.map { e($0.label) }.joined(separator: ", "))</dd>\n"
        }
        out += "<dt>When</dt><dd>\(e(Text.longDate(day.date))), \(start)–\(end)\(agenda.utcSpan(item).map { " (\(e($0)))" } ?? "")</dd>\n"
        out += "<dt>Room</dt><dd>\(e(item.roomName))"
        if let capacity = item.room?.capacity { out += " (\(capacity) seats)" }
        out += "</dd>\n"
        for group in people {
            out += "<dt>\(group.label)</dt><dd>\(group.markedNames.map(e).joined(separator: ", "))</dd>\n"
        }
        if let language = s.language { out += "<dt>Language</dt><dd>\(e(language))</dd>\n" }
        out += "</dl>\n"
        if let abstract = s.abstract { out += paragraphs(abstract) }
        if let description = s.description { out += paragraphs(description) }
        if let url = s.url, Text.isSafeLink(url) {
            out += "<p><a href=\"\(e(url))\">Session page<span class=\"vh\">: \(e(s.title))</span></a></p>\n"
        }
        out += "</details>\n</article>\n"
        return out
    }

    private func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { "<p>\(e($0).replacingOccurrences(of: "\n", with: "<br>"))</p>\n" }.joined()
    }

    private func unplacedSection() -> String {
        guard !agenda.unplaced.isEmpty else { return "" }
        var out = "<section class=\"unplaced\" aria-labelledby=\"unplaced-h\">\n<h2 id=\"unplaced-h\">Not yet scheduled</h2>\n<ul>\n"
        for s in agenda.unplaced {
            let theme = s.themes.first.flatMap(programme.theme).map { " · \(e($0.label))" } ?? ""
            let missing = max(s.parts, 1) - s.placements.count
            let parts = s.parts > 1 ? " (\(missing) of \(s.parts) parts)" : ""
            out += "<li><strong>\(e(s.title))</strong> · \(e(s.kind.title))\(theme)\(parts)</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    private func calendarsSection() -> String {
        let links = options.calendars.filter { safeHref($0.href) }
        guard !links.isEmpty else { return "" }
        var out = "<section class=\"calendars\" id=\"calendars\" aria-labelledby=\"cal-h\">\n<h2 id=\"cal-h\">Calendars</h2>\n"
        out += "<p>Add the programme, or one theme or room of it, to your own calendar (iCalendar files).</p>\n"
        let groups: [(String, (CalendarLink) -> Bool)] = [
            ("Whole programme", { if case .whole = $0.group { return true }; return false }),
            ("By theme", { if case .theme = $0.group { return true }; return false }),
            ("By room", { if case .room = $0.group { return true }; return false }),
            ("By day", { if case .day = $0.group { return true }; return false }),
            ("By person", { if case .person = $0.group { return true }; return false }),
            ("Other", { if case .other = $0.group { return true }; return false }),
        ]
        for (title, belongs) in groups {
            let members = links.filter(belongs)
            guard !members.isEmpty else { continue }
            out += "<h3>\(title)</h3>\n<ul>\n"
            for link in members { out += "<li><a href=\"\(e(link.href))\">\(e(link.title))</a></li>\n" }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    /// Relative paths and web addresses only.
    private func safeHref(_ href: String) -> Bool {
        if Text.isSafeLink(href) { return true }
        guard let first = href.unicodeScalars.first else { return false }
        return !href.contains(":") || (first == "." || first == "/") && !href.hasPrefix("//")
    }

    // MARK: Style and script

    private func stylesheet() -> String {
        var themeRules = ""
        let white = RGB(r: 1, g: 1, b: 1)
        func rule(_ cls: String, _ colour: RGB) {
            let border = colour.darkened(toContrast: 3, against: white)
            let fill = colour.tint(0.8)
            themeRules += ".\(cls){--c:\(border.hex);--f:\(fill.hex)}\n"
        }
        rule("t0", ThemePalette.neutral)
        for theme in programme.themes { rule(themeClass[theme.id]!, palette.colour(of: theme)) }
        let ppm = String(format: "%.2f", min(max(options.pixelsPerMinute, 0.1), 10))
        return ":root{--ppm:\(ppm)px}\n" + HTMLProgramme.baseStyle + themeRules
    }

    static let baseStyle = """
    :root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--bg:#fff;--band:#f5f5f3}
    *{box-sizing:border-box}
    [hidden]{display:none!important}
    body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
    a{color:#0b4f8a}
    :focus-visible{outline:3px solid #1f5fbf;outline-offset:2px}
    .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
    .skip:focus{left:1rem}
    .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    .page-head,.legend,.filters,.zones,nav.days,main,.calendars,footer{padding:0 1.25rem}
    .page-head{padding-top:1rem;border-bottom:4px solid #20385e;background:#f3f5f9}
    h1{margin:.2rem 0 .3rem;font-size:1.7rem;color:#20385e}
    .page-head p{margin:.2rem 0 .5rem}
    .where{font-weight:600}
    .tz{color:var(--muted)}
    nav.days ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;margin:.8rem 0;padding:0}
    nav.days a{display:inline-block;padding:.25rem .7rem;border:1px solid var(--line);border-radius:1rem;text-decoration:none}
    nav.days a[aria-current]{background:#20385e;color:#fff;border-color:#20385e}
    .zones{margin:.2rem 0 .6rem}
    .zones output{color:var(--muted);margin-left:.5rem}
    .legend h2,.filters legend{font-size:1rem;margin:.6rem 0 .3rem}
    .legend ul{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:0 0 .6rem;padding:0}
    .legend li{display:flex;align-items:baseline;gap:.35rem;flex-wrap:wrap}
    .lt{font-weight:600}.ld,.cc{color:var(--muted);font-size:.85em}
    .ld::before{content:"— "}
    .sw{display:inline-block;width:1.1em;height:1.1em;border-radius:3px;background:var(--c);border:1px solid #333;vertical-align:-.15em;margin-right:.15em}
    .filters{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;margin-bottom:.5rem}
    .filters fieldset{border:1px solid var(--line);border-radius:6px;margin:0;padding:.2rem .8rem .5rem}
    .filters label{display:inline-block;margin-right:.9rem;white-space:nowrap}
    .fbuttons{align-self:end}
    .day{margin:1.2rem 0 2rem}
    .day h2{font-size:1.35rem;margin:.4rem 0 .6rem;border-bottom:2px solid #20385e;padding-bottom:.2rem}
    .dl{font-weight:400;color:var(--muted);font-size:.9em}
    .scroll{overflow:auto;max-height:calc(100vh - 1rem);border:1px solid var(--line);border-radius:4px}
    .grid{display:grid;gap:3px 0;min-width:min-content;position:relative}
    .hrow{position:sticky;top:0;z-index:3;background:var(--bg)}
    .tcol{position:sticky;left:0;z-index:2;background:var(--bg);border-right:1px solid var(--line)}
    .corner{position:sticky;top:0;left:0;z-index:5;background:var(--bg)}
    .rh{position:sticky;top:0;z-index:4;margin:0 3px;background:#20385e;color:#fff;font-weight:600;padding:.35rem .5rem;border-radius:4px;text-align:center;overflow-wrap:anywhere}
    .cap{display:block;font-weight:400;font-size:.78em;opacity:.9}
    .tm{grid-column:1;font-variant-numeric:tabular-nums;font-weight:600;color:var(--muted);padding:.1rem .2rem 0 .4rem;border-top:1px solid var(--line);z-index:3;position:sticky;left:0;background:var(--bg)}
    .at{display:none}
    .band{background:var(--band);z-index:0}
    .add{font-size:.85em}
    .s{position:relative;z-index:1;margin:0 3px;scroll-margin:4.5rem 0 0 5rem;background:var(--f);border-left:6px solid var(--c);border-radius:4px;padding:.3rem .5rem .35rem;font-size:.88rem;overflow-wrap:anywhere;box-shadow:0 1px 2px rgba(0,0,0,.12)}
    .s h3{font-size:.98rem;margin:0 0 .15rem;line-height:1.25}
    .s p{margin:.1rem 0}
    .when{font-variant-numeric:tabular-nums;font-weight:600}
    .meta,.ppl{color:#2d2d2d}
    .clash{outline:2px dashed #b00020}
    .s.online{border-left-style:dashed}
    .ob{display:inline-block;background:#20385e;color:#fff;font-size:.75em;font-weight:600;padding:0 .35em;border-radius:3px;letter-spacing:.02em}
    .utc{font-weight:400;color:var(--muted)}
    .warn{color:#b00020;font-weight:600}
    details{margin-top:.2rem}
    summary{cursor:pointer;color:#0b4f8a;font-weight:600;width:max-content}
    details[open]{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.2rem .4rem;margin:.3rem -.2rem 0}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem;margin:.3rem 0}
    dt{font-weight:600}dd{margin:0}
    .unplaced ul,.calendars ul{padding-left:1.2rem}
    footer{color:var(--muted);border-top:1px solid var(--line);margin-top:2rem;font-size:.85rem}
    @media (max-width:40rem){
    .page-head,.legend,.filters,.zones,nav.days,main,.calendars,footer{padding:0 .6rem}
    .scroll{overflow:visible;max-height:none;border:0}
    .grid{display:block;min-width:0}
    .rh,.tm,.band,.ld,.hrow,.tcol,.corner{display:none}
    .at{display:block;position:sticky;top:0;z-index:2;background:var(--bg);margin:.7rem 0 0;padding:.25rem 0;font-size:1.05rem;font-variant-numeric:tabular-nums;border-bottom:2px solid var(--line)}
    .s{margin:.45rem 0}
    .filters label{white-space:normal}
    .legend li{flex-wrap:nowrap}
    }
    @media print{
    @page{size:A4 landscape;margin:10mm}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    :root{--ppm:0.45px}
    body{font-size:8.5pt}
    .skip,.filters,.zones,nav.days,.ld,.page-head a,.add,footer{display:none!important}
    .day[hidden]{display:block!important}
    .scroll{max-height:none;border:0}
    .hrow,.tcol,.corner,.tm{position:static}
    .page-head{background:none;padding-top:0}
    h1{font-size:15pt}
    .s{padding:.15rem .35rem;font-size:8pt}
    .s h3{font-size:8.5pt}
    .rh{padding:.15rem .3rem}
    .scroll{overflow:visible}
    .grid{min-width:0}
    .rh{position:static}
    .day{break-before:page}
    .day:first-of-type{break-before:auto}
    .s{break-inside:avoid;box-shadow:none}
    details{display:none}
    a{color:inherit;text-decoration:none}
    }

    """

    /// The page's only script. Days become tabs (one day shown; the address's `#d2006-10-31`, a
    /// session's anchor or `?day=2006-10-31` picks it), the filters hide sessions outside the
    /// chosen themes and rooms and narrow the grid to the rooms chosen (preset by the address,
    /// e.g. `programme.html?theme=security&room=main-hall`), and the time-zone switch shows
    /// times in venue time, the viewer's zone or UTC (`?tz=venue|local|utc`, remembered).
    static let script = """
    (function(){var d=document,q=new URLSearchParams(location.search);function all(s){return Array.prototype.slice.call(d.querySelectorAll(s))}var days=all("section.day"),tabs=all("nav.days a[data-day]");function target(){var h=location.hash;if(!h||h==="#all-days")return null;try{return d.getElementById(decodeURIComponent(h.slice(1)))}catch(e){return null}}if(days.length>1&&tabs.length){var li=d.querySelector("nav.days li[hidden]");if(li)li.hidden=false;var show=function(id){days.forEach(function(s){s.hidden=id!=="all"&&s.id!==id});tabs.forEach(function(a){if(a.getAttribute("data-day")===id)a.setAttribute("aria-current","true");else a.removeAttribute("aria-current")})};var route=function(){var t=target(),s=t&&t.closest?t.closest("section.day"):null,id=location.hash==="#all-days"?"all":s?s.id:q.get("day")?"d"+q.get("day"):null;if(id!=="all"&&!(id&&d.getElementById(id)))id=days[0].id;show(id);if(t&&s&&t!==s)t.scrollIntoView()};addEventListener("hashchange",route);route()}var f=d.getElementById("filters");if(f){f.hidden=false;["theme","room"].forEach(function(n){var w=q.getAll(n);if(w.length)f.querySelectorAll("input[name="+n+"]").forEach(function(i){i.checked=w.indexOf(i.value)>=0})});var cards=all("article.s"),grids=all(".grid[data-cols]"),heads=all(".rh[data-i]"),out=d.getElementById("shown");var on=function(name){var s={};f.querySelectorAll("input[name="+name+"]").forEach(function(i){s[i.value]=i.checked});return s};var update=function(){var th=on("theme"),rm=on("room"),n=0;cards.forEach(function(a){var ts=(a.getAttribute("data-themes")||"").split(" "),t=false;ts.forEach(function(x){if(th[x]!==false)t=true});var ok=t&&rm[a.getAttribute("data-room")]!==false;a.hidden=!ok;if(ok)n++});grids.forEach(function(g){var ri={};g.querySelectorAll(".rh").forEach(function(h){ri[h.getAttribute("data-i")]=rm[h.getAttribute("data-room")]});g.style.gridTemplateColumns="4.2rem "+g.getAttribute("data-cols").split(" ").map(function(c){return ri[c]===false?"0":"\(roomColumn)"}).join(" ")});heads.forEach(function(h){h.hidden=rm[h.getAttribute("data-room")]===false});out.textContent=n+" of "+cards.length+" sessions shown"};f.addEventListener("change",update);f.querySelector("[data-all]").addEventListener("click",function(){f.querySelectorAll("input").forEach(function(i){i.checked=true});update()});update()}var z=d.getElementById("zones");if(z&&window.Intl&&Intl.DateTimeFormat.prototype.formatToParts){z.hidden=false;var sel=d.getElementById("tz"),say=d.getElementById("tzsay"),mine=null;try{mine=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}sel.options[1].textContent="your time zone ("+(mine||"this device")+")";var whens=all(".when[data-e]"),marks=all(".tm time,.at time"),keep=function(n){n.setAttribute("data-v",n.textContent)};whens.forEach(function(p){keep(p.querySelector("time"));var u=p.querySelector(".utc");if(u)keep(u)});marks.forEach(keep);var parts=function(iso,zone){var o={hour:"2-digit",minute:"2-digit",hourCycle:"h23",year:"numeric",month:"2-digit",day:"2-digit"},r={};if(zone)o.timeZone=zone;new Intl.DateTimeFormat("en-GB",o).formatToParts(new Date(iso)).forEach(function(x){r[x.type]=x.value});return r};var clock=function(iso,zone){var r=parts(iso,zone),c=r.hour+":"+r.minute;if(r.year+"-"+r.month+"-"+r.day!==iso.slice(0,10)){var o={weekday:"short",day:"numeric",month:"short"};if(zone)o.timeZone=zone;c=new Intl.DateTimeFormat("en-GB",o).format(new Date(iso))+" "+c}return c};var apply=function(mode){var zone=mode==="utc"?"UTC":mode==="local"?mine:null;whens.forEach(function(p){var t=p.querySelector("time"),u=p.querySelector(".utc"),s=t.getAttribute("datetime");if(!zone||s.length<20){t.textContent=t.getAttribute("data-v");if(u)u.textContent=u.getAttribute("data-v");return}var e=parts(p.getAttribute("data-e"),zone);t.textContent=clock(s,zone)+"\u{2013}"+e.hour+":"+e.minute+(zone==="UTC"?" UTC":"");if(u)u.textContent="(venue "+t.getAttribute("data-v")+")"});marks.forEach(function(t){t.textContent=zone?clock(t.getAttribute("datetime"),zone):t.getAttribute("data-v")});say.textContent=zone?"Times in "+(zone==="UTC"?"UTC":"your time zone, "+zone)+"; venue time in brackets.":"";try{localStorage.setItem("forum-tz",mode)}catch(e){}};var m=q.get("tz");if(!m)try{m=localStorage.getItem("forum-tz")}catch(e){}if(["venue","local","utc"].indexOf(m)<0)m="venue";sel.value=m;sel.addEventListener("change",function(){apply(sel.value)});apply(m)}})();
    """
}

/// Where each session of a day sits in the grid: rows are the spans between consecutive
/// start and end times, columns are rooms, a room split into lanes when sessions in it overlap.
struct DayLayout {
    struct RoomColumns { var room: Room; var firstColumn: Int; var lanes: Int }
    struct Placed { var item: AgendaItem; var firstRow: Int; var lastRow: Int; var column: Int; var overlapsInRoom: Bool }

    var boundaries: [Int]
    var startTimes: Set<Int>
    var rooms: [RoomColumns]
    var columns: [Int]
    var placed: [Placed]

    init(day: AgendaDay, rooms allRooms: [Room]) {
        boundaries = Array(Set(day.items.flatMap { [$0.range.start.minutes, max($0.range.end.minutes, $0.range.start.minutes + 1)] })).sorted()
        startTimes = Set(day.items.map(\.range.start.minutes))
        let rowOf = Dictionary(uniqueKeysWithValues: boundaries.enumerated().map { ($1, $0 + 2) })
        var rooms: [RoomColumns] = []
        var placed: [Placed] = []
        var column = 2
        let itemsByRoom = Dictionary(grouping: day.items, by: \.roomKey)
        for room in allRooms {
            let items = itemsByRoom[room.id] ?? []
            guard !items.isEmpty else { continue }
            // Interval partitioning: each session takes the first lane free at its start.
            var laneEnds: [Int] = []
            var laneOf: [Int] = []
            for item in items {
                let end = max(item.range.end.minutes, item.range.start.minutes + 1)
                if let lane = laneEnds.firstIndex(where: { $0 <= item.range.start.minutes }) {
                    laneEnds[lane] = end
                    laneOf.append(lane)
                } else {
                    laneEnds.append(end)
                    laneOf.append(laneEnds.count - 1)
                }
            }
            for (index, item) in items.enumerated() {
                let overlaps = items.enumerated().contains { $0.offset != index && $0.element.range.overlaps(item.range) }
                let end = max(item.range.end.minutes, item.range.start.minutes + 1)
                placed.append(Placed(item: item, firstRow: rowOf[item.range.start.minutes]!, lastRow: rowOf[end]!,
                                     column: column + laneOf[index], overlapsInRoom: overlaps))
            }
            rooms.append(RoomColumns(room: room, firstColumn: column, lanes: laneEnds.count))
            column += laneEnds.count
        }
        self.rooms = rooms
        columns = Array(2..<column)
        // Reading order is the day's order (time, then room), whatever the columns.
        let order = Dictionary(uniqueKeysWithValues: day.items.enumerated().map { ($1.key, $0) })
        self.placed = placed.sorted { order[$0.item.key]! < order[$1.item.key]! }
    }
}

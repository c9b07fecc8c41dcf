import Foundation
import Testing
import ForumFormats
import ForumModel
import ForumTestSupport
@testable import ForumPublish

@Suite struct HTMLTests {
    @Test func pageIsDeterministicAndSelfContained() throws {
        let page = HTMLProgramme(programme: Athens.hostile).render()
        #expect(page == HTMLProgramme(programme: Athens.hostile).render())
        // Nothing is fetched from elsewhere: no external scripts, styles, images or fonts.
        let external = try Regex(#"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*="#)
        #expect(page.firstMatch(of: external) == nil)
        #expect(!page.contains("@import") && !page.contains("url("))
        // Exactly one script element: the page's own.
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test func everyTitleIsEscapedAndNoHostileValueReachesMarkupOrStyle() throws {
        let page = HTMLProgramme(programme: Athens.hostile).render()
        for title in Athens.hostileTitles {
            #expect(page.contains(">\(Text.escapeMarkup(title))</h3>"))
            #expect(!page.contains(title))
        }
        #expect(!page.contains("<img"))
        // The theme's colour was not a colour: the palette's is used, the text never reaches CSS.
        #expect(!page.contains("red;}"))
        #expect(page.contains(".t1{--c:\(ThemePalette.defaults[0])"))
        // A javascript: address is never a link.
        #expect(!page.contains("javascript:"))
        #expect(page.contains("Abstract with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot; and an ampersand &amp;amp; entity."))
    }

    @Test func contentSecurityPolicyAllowsExactlyThePageScript() throws {
        let page = HTMLProgramme(programme: Athens.programme).render()
        let script = try #require(page.firstRange(of: "<script>").flatMap { start in
            page[start.upperBound...].firstRange(of: "</script>").map { String(page[start.upperBound..<$0.lowerBound]) }
        })
        let hash = Data(Digest.sha256(Array(script.utf8))).base64EncodedString()
        #expect(page.contains("script-src 'sha256-\(hash)'"))
        #expect(page.contains("default-src 'none'"))
    }

    @Test func idsAreUniqueAndEveryLabelPointsAtAnElement() throws {
        var programme = Athens.hostile
        // Ids that differ only in case would give the same anchor without care.
        programme.sessions.append(Session(id: "WS-SPAM", title: "Spam again", placements: [Athens.at("2006-11-02", "13:30", "room-2")]))
        let page = HTMLProgramme(programme: programme).render()
        let ids = page.matches(of: try Regex(#"\sid="([^"]*)""#)).map { String($0.output[1].substring!) }
        #expect(Set(ids).count == ids.count)
        let labels = page.matches(of: try Regex(#"aria-labelledby="([^"]*)""#)).map { String($0.output[1].substring!) }
        // Sessions, days, the legend and the unscheduled list.
        #expect(labels.count == Agenda(programme).items.count + Agenda(programme).days.count + 2)
        for label in labels { #expect(ids.contains(label), "\(label)") }
        // One h1; days are h2 and sessions h3 under them.
        #expect(page.components(separatedBy: "<h1").count == 2)
        #expect(page.components(separatedBy: "<h3 id=\"s-").count - 1 == Agenda(programme).items.count)
        #expect(page.contains("id=\"s-ws-spam\"") && page.contains("id=\"s-ws-spam-2\""))
    }

    @Test func sessionsSpanTheirTimeAndOverlapsGetTheirOwnLane() throws {
        let agenda = Agenda(Athens.hostile)
        let monday = try #require(agenda.days.first)
        let layout = DayLayout(day: monday, rooms: agenda.rooms)
        // Rows are the spans between consecutive start and end times.
        #expect(layout.boundaries.map { TimeOfDay(minutes: $0).description } == ["10:00", "13:00", "13:30", "14:00", "15:00", "15:30", "18:00"])
        for placed in layout.placed {
            #expect(layout.boundaries[placed.firstRow - 2] == placed.item.range.start.minutes)
            #expect(layout.boundaries[placed.lastRow - 2] == placed.item.range.end.minutes)
        }
        // Room 3 holds two overlapping sessions (a clash the validator reports): two lanes, both marked.
        let room3 = try #require(layout.rooms.first { $0.room.id == "room-3" })
        #expect(room3.lanes == 2)
        let clashing = layout.placed.filter { $0.item.placement.room == "room-3" }
        #expect(clashing.count == 2 && clashing.allSatisfy(\.overlapsInRoom))
        #expect(Set(clashing.map(\.column)).count == 2)
        // Other rooms have one lane each, and columns do not overlap between rooms.
        #expect(layout.rooms.filter { $0.room.id != "room-3" }.allSatisfy { $0.lanes == 1 })
        let columns = layout.rooms.flatMap { r in (r.firstColumn..<(r.firstColumn + r.lanes)).map { $0 } }
        #expect(Set(columns).count == columns.count)
        // Reading order is time order.
        let starts = layout.placed.map(\.item.range.start.minutes)
        #expect(starts == starts.sorted())
        let page = HTMLProgramme(programme: Athens.hostile).render()
        #expect(page.contains("Overlaps another session in this room."))
    }

    @Test func themesGetDistinctColoursWithVisibleEdges() {
        let programme = Athens.programme
        let palette = ThemePalette(themes: programme.themes)
        let colours = programme.themes.map { palette.colour(of: $0) }
        #expect(Set(colours.map(\.hex)).count == colours.count)
        let white = RGB(r: 1, g: 1, b: 1), ink = RGB(hex: "#1a1a1a")!
        for colour in colours {
            // Edges stand out from the page (WCAG 1.4.11); text on the tinted card reads (WCAG AA).
            #expect(colour.darkened(toContrast: 3, against: white).contrast(with: white) >= 3)
            #expect(ink.contrast(with: colour.tint(0.8)) >= 7)
        }
        var custom = programme
        custom.themes[1].colour = "#abc"
        #expect(ThemePalette(themes: custom.themes).colour(of: custom.themes[1]).hex == "#aabbcc")
        #expect(RGB(hex: "blue") == nil && RGB(hex: "#12345") == nil && RGB(hex: "#12345g") == nil)
    }

    @Test func actionLineCodesPrefixTheirTitles() throws {
        let line = Theme(id: "C2", title: "Information and communication infrastructure")
        #expect(line.label == "C2 Information and communication infrastructure" && line.shortLabel == "C2")
        #expect(Theme(id: "openness", title: "Openness").label == "Openness")
        #expect(Theme(id: "C1", title: "C1: Public governance").label == "C1: Public governance")
        #expect(Theme(id: "ai2", title: "AI").code == "ai2" && Theme(id: "2023", title: "Year").code == nil)
        var programme = Athens.programme
        programme.themes = [line]
        programme.sessions[2].themes = ["C2"]
        let page = HTMLProgramme(programme: programme).render()
        #expect(page.contains("<span class=\"lt\">C2 Information and communication infrastructure</span>"))
        #expect(page.contains("<p class=\"meta\">Main session · C2</p>"))
        let doc = try FrabSchedule(programme: programme).xml()
        #expect(doc.contains("<track>C2 Information and communication infrastructure</track>"))
    }

    @Test func calendarsBesideThePageAreLinked() throws {
        let folder = try Tools.temporaryFolder("calendars")
        defer { try? FileManager.default.removeItem(at: folder) }
        let calendars = folder.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        for name in ["igf2006.ics", "theme-openness.ics", "capacity-building.ics", "room-main-hall.ics", "index.md", "notes.txt", "misc.ics",
                     "igf2006-2006-10-31.ics", "igf2006-ndesai.ics"] {
            try Data().write(to: calendars.appendingPathComponent(name))
        }
        // As the calendar exporter names and titles them (folded X-WR-CALNAME, escaped comma).
        try "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:IGF 2006: Access\\, policy\r\n  and cost\r\nEND:VCALENDAR\r\n"
            .write(to: calendars.appendingPathComponent("igf2006-access.ics"), atomically: true, encoding: .utf8)
        let programme = Athens.programme
        let links = try CalendarLink.discover(in: calendars, relativeTo: folder.appendingPathComponent("programme.html"), programme: programme)
        let byHref = Dictionary(uniqueKeysWithValues: links.map { ($0.href, $0) })
        // Listed in the programme's order: whole programme, themes as listed, rooms, days, people.
        #expect(links.map(\.href).prefix(5) == ["calendars/igf2006.ics", "calendars/theme-openness.ics", "calendars/igf2006-access.ics",
                                                 "calendars/capacity-building.ics", "calendars/room-main-hall.ics"])
        #expect(CalendarLink.besidePage(folder.appendingPathComponent("programme.html"), programme: programme) == nil)
        try "BEGIN:VCALENDAR\r\nX-WR-CALNAME:IGF 2006\r\nEND:VCALENDAR\r\n".write(to: folder.appendingPathComponent("programme.ics"), atomically: true, encoding: .utf8)
        #expect(CalendarLink.besidePage(folder.appendingPathComponent("programme.html"), programme: programme)
                == CalendarLink(group: .whole, title: "IGF 2006", href: "programme.ics"))
        #expect(byHref["calendars/igf2006.ics"]?.group == .whole)
        #expect(byHref["calendars/theme-openness.ics"]?.group == .theme("openness"))
        #expect(byHref["calendars/theme-openness.ics"]?.title == "Openness")
        #expect(byHref["calendars/capacity-building.ics"]?.group == .theme("capacity-building"))
        #expect(byHref["calendars/room-main-hall.ics"]?.group == .room("main-hall"))
        // The split's Markdown index is not linked: the page's Calendars section is the index.
        #expect(byHref["calendars/index.md"] == nil)
        #expect(!links.contains { $0.href.hasSuffix(".md") })
        #expect(byHref["calendars/igf2006-access.ics"]?.group == .theme("access"))
        #expect(byHref["calendars/igf2006-access.ics"]?.title == "IGF 2006: Access, policy and cost")
        #expect(byHref["calendars/igf2006-2006-10-31.ics"]?.group == .day(LocalDate(iso: "2006-10-31")!))
        #expect(byHref["calendars/igf2006-2006-10-31.ics"]?.title == "Tuesday 31 October 2006")
        #expect(byHref["calendars/igf2006-ndesai.ics"]?.group == .person("ndesai"))
        #expect(byHref["calendars/igf2006-ndesai.ics"]?.title == "Nitin Desai")
        #expect(byHref["calendars/misc.ics"]?.group == .other)
        #expect(byHref["calendars/notes.txt"] == nil)
        // From a page in another folder the links climb out of it.
        let deeper = try CalendarLink.discover(in: calendars, relativeTo: folder.appendingPathComponent("site/day/programme.html"), programme: programme)
        #expect(deeper.contains { $0.href == "../../calendars/igf2006.ics" })
        let page = HTMLProgramme(programme: programme, options: HTMLOptions(calendars: links)).render()
        #expect(page.contains("<a class=\"cal\" href=\"calendars/theme-openness.ics\">calendar<span class=\"vh\"> for Openness</span></a>"))
        #expect(page.contains("<h2 id=\"cal-h\">Calendars</h2>"))
        #expect(page.contains("<a href=\"calendars/room-main-hall.ics\">Main Hall</a>"))
        // The section is the page's HTML index of the calendars, reached from the days' navigation.
        #expect(page.contains("<section class=\"calendars\" id=\"calendars\""))
        #expect(page.contains("<li><a href=\"#calendars\">Calendars</a></li>"))
        // Without calendars there is no calendar section.
        #expect(!HTMLProgramme(programme: programme).render().contains("cal-h"))
    }

    // MARK: Colour-vision deficiencies

    /// CIEDE2000 against pairs of Sharma, Wu & Dalal's test data (2005, table 1).
    @Test func ciede2000MatchesThePublishedTestData() {
        let pairs: [((Double, Double, Double), (Double, Double, Double), Double)] = [
            ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
            ((50, 0, 0), (50, -1, 2), 2.3669),
            ((50, 2.5, 0), (73, 25, -18), 27.1492),
            ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
            ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
        ]
        for (p, q, expected) in pairs {
            let d = ColourVision.ciede2000((p.0, p.1, p.2), (q.0, q.1, q.2))
            #expect(abs(d - expected) < 0.0005, "\(p) \(q): \(d)")
            #expect(abs(ColourVision.ciede2000((q.0, q.1, q.2), (p.0, p.1, p.2)) - expected) < 0.0005)
        }
        // sRGB white is L* 100 and neutral; a dichromat sees grey as grey.
        let white = ColourVision.normal.lab(RGB(r: 1, g: 1, b: 1))
        #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
        for vision in ColourVision.allCases {
            #expect(vision.difference(RGB(hex: "#808080")!, RGB(hex: "#808080")!) == 0)
            #expect(vision.difference(RGB(hex: "#7c7c7c")!, RGB(hex: "#808080")!) < 2)
        }
        // The simulation does what it is for: red and green stay apart for tritanopes and
        // normal vision and come together for deuteranopes.
        let red = RGB(hex: "#d62728")!, green = RGB(hex: "#2ca02c")!
        #expect(ColourVision.normal.difference(red, green) > 60)
        #expect(ColourVision.tritanopia.difference(red, green) > 50)
        #expect(ColourVision.deuteranopia.difference(red, green) < 8)
    }

    /// Every pair of theme colours (and each against the colour of sessions without a theme)
    /// stays apart by ΔE00 ≥ 10 for normal vision and simulated protanopia, deuteranopia and
    /// tritanopia: as the palette gives them and as the page draws them (edges darkened to
    /// 3:1 against white).
    @Test func defaultPaletteStaysApartForColourBlindReaders() throws {
        let colours = ThemePalette.defaults.map { RGB(hex: $0)! }
        #expect(colours.count >= 10 && Set(colours).count == colours.count)
        let white = RGB(r: 1, g: 1, b: 1)
        let drawn = colours.map { $0.darkened(toContrast: 3, against: white) }
        #expect(drawn == colours, "every default colour already reaches 3:1 on white")
        var worst = (difference: Double.infinity, pair: "")
        for vision in ColourVision.allCases {
            let all = drawn + [ThemePalette.neutral]
            for i in all.indices { for j in all.indices where i < j {
                let d = vision.difference(all[i], all[j])
                if d < worst.difference { worst = (d, "\(all[i].hex)/\(all[j].hex) \(vision)") }
            } }
        }
        #expect(worst.difference >= ThemePalette.minimumDifference, "closest: \(worst.pair) ΔE00 \(worst.difference)")
    }

    /// The IGF programme's own ten colours (a Tableau palette, with a grey next to the
    /// no-theme grey) have pairs a protanope or deuteranope cannot tell apart; the page keeps
    /// the colours that stay apart and replaces the others.
    @Test func programmeColoursThatClashAreReplaced() throws {
        let given = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
        let themes = given.enumerated().map { Theme(id: "t\($0.offset)", title: "Theme \($0.offset)", colour: $0.element) }
        let rgb = given.map { RGB(hex: $0)! }
        func clashes(_ colours: [RGB], _ vision: ColourVision) -> Int {
            colours.indices.flatMap { i in colours.indices.filter { $0 > i }.map { (i, $0) } }
                .filter { vision.difference(colours[$0.0], colours[$0.1]) < ThemePalette.minimumDifference }.count
        }
        #expect(clashes(rgb, .protanopia) >= 3 && clashes(rgb, .deuteranopia) >= 3)
        #expect(ColourVision.normal.difference(RGB(hex: "#7f7f7f")!, RGB(hex: "#8a8a8a")!) < 5)
        let palette = ThemePalette(themes: themes)
        let used = themes.map { palette.colour(of: $0) }
        #expect(Set(used).count == themes.count)
        for vision in ColourVision.allCases {
            #expect(clashes(used + [ThemePalette.neutral], vision) == 0, "\(vision)")
        }
        // The first colour is kept (nothing to clash with); the grey is replaced.
        #expect(used[0] == rgb[0] && used[8] != rgb[8])
        #expect(palette.replaced.map(\.theme).contains("t8"))
        #expect(palette.replaced.count == given.count - used.filter(rgb.contains).count)
        // A programme with colours that stay apart keeps all of them.
        let safe = ThemePalette.defaults.prefix(6).enumerated().map { Theme(id: "s\($0.offset)", title: "S", colour: $0.element) }
        #expect(ThemePalette(themes: Array(safe)).replaced.isEmpty)
    }

    // MARK: IGF size

    @Test func gridHasStickyScaffoldingTimeHeadingsAndLinksToSessionCalendars() throws {
        let programme = Athens.programme
        let agenda = Agenda(programme)
        let calendars = Dictionary(uniqueKeysWithValues: programme.sessions.map { ($0.id, "sessions/\($0.id).ics") })
        let page = HTMLProgramme(programme: programme, options: HTMLOptions(sessionCalendars: calendars)).render()
        #expect(page == HTMLProgramme(programme: programme, options: HTMLOptions(sessionCalendars: calendars)).render())
        // One header row, time column and corner per day, under the headings and over the cards.
        for part in ["hrow", "tcol", "corner"] {
            #expect(page.components(separatedBy: "<div class=\"\(part)\"").count - 1 == agenda.days.count)
        }
        let style = try #require(page.firstRange(of: "<style>").map { String(page[$0.upperBound...].prefix { $0 != "<" }) })
        func zIndex(_ selector: String) throws -> Int {
            let rule = try #require(style.split(separator: "\n").first { $0.hasPrefix(selector + "{") }, "\(selector)")
            let match = try #require(rule.firstMatch(of: try Regex(#"z-index:(\d+)"#)), "\(selector)")
            return Int(match.output[1].substring!)!
        }
        #expect(try zIndex(".s") < zIndex(".tcol") && zIndex(".tcol") < zIndex(".tm") && zIndex(".tm") < zIndex(".rh") && zIndex(".rh") < zIndex(".corner"))
        #expect(style.contains(".scroll{overflow:auto;max-height:calc(100vh - 1rem)"))
        // A time heading before each group of sessions with one start time (the phone list).
        let headings = page.components(separatedBy: "<h3 class=\"at\">").count - 1
        let groups = agenda.days.map { Set($0.items.map(\.range.start)).count }.reduce(0, +)
        #expect(headings == groups)
        #expect(page.contains("<h3 class=\"at\"><time datetime=\"2006-10-30T10:00:00+02:00\">10:00</time></h3>"))
        // Start and end instants for the time-zone switch.
        #expect(page.contains("<p class=\"when\" data-e=\"2006-10-30T13:00:00+02:00\"><time datetime=\"2006-10-30T10:00:00+02:00\">10:00–13:00</time>"))
        #expect(page.contains("<form id=\"zones\" class=\"zones\" hidden"))
        // One "Add to calendar" per placed part, to the session's own file.
        #expect(page.components(separatedBy: "<p class=\"add\">").count - 1 == agenda.items.count)
        #expect(page.contains("<p class=\"add\"><a href=\"sessions/opening.ics\" type=\"text/calendar\">Add to calendar<span class=\"vh\">: Opening Ceremony</span></a></p>"))
        // The room filter knows which room each column shows.
        #expect(page.contains("data-cols=\"0 1 2 3 4 5\"") || page.contains("data-cols=\"0"))
        #expect(!HTMLProgramme(programme: programme).render().contains("class=\"add\""))
    }

    @Test func sessionCalendarAddressesAreEscapedAndOnlyRelativeOrWeb() throws {
        var programme = Athens.hostile
        let first = programme.sessions[0].id
        let second = programme.sessions[1].id
        programme.sessions = Array(programme.sessions.prefix(2))
        let page = HTMLProgramme(programme: programme, options: HTMLOptions(sessionCalendars: [
            first: "sessions/a\"b<c>.ics", second: "javascript:alert(1)"])).render()
        #expect(page.contains("href=\"sessions/a&quot;b&lt;c&gt;.ics\""))
        #expect(!page.contains("javascript:"))
    }

    /// `forum export html` writes one calendar per placed session with the calendar exporter,
    /// beside the page, and links each from its card.
    @Test func exportCommandWritesOneCalendarPerSessionBesideThePage() throws {
        let forum = try #require(TestProcess.forumExecutable(), "build the forum executable first (swift build)")
        let folder = try Tools.temporaryFolder("session-calendars")
        defer { try? FileManager.default.removeItem(at: folder) }
        let athens = Tools.packageRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
        let page = folder.appendingPathComponent("site/athens.html")
        let result = try TestProcess.run(forum, ["export", "html", athens, "-o", page.path])
        try #require(result.status == 0, "\(result.stderr)")
        let programme = try ProgrammeReader.read(path: athens)
        let placed = programme.sessions.filter { !$0.placements.isEmpty }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("site/sessions").path).sorted()
        #expect(files.count == placed.count)
        #expect(result.stderr.contains("\(placed.count) session calendars"))
        let html = try String(contentsOf: page, encoding: .utf8)
        for session in placed {
            let text = try String(contentsOf: folder.appendingPathComponent("site/sessions/\(session.id).ics"), encoding: .utf8)
            // Only this session: one VEVENT per placed part, each with its UID.
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == min(session.placements.count, max(session.parts, 1)))
            #expect(text.contains("UID:\(CalendarUID.of(programme, session.id))"))
            #expect(html.contains("<a href=\"sessions/\(session.id).ics\" type=\"text/calendar\">Add to calendar"))
        }
        let bare = folder.appendingPathComponent("bare/athens.html")
        let none = try TestProcess.run(forum, ["export", "html", athens, "-o", bare.path, "--no-session-calendars"])
        try #require(none.status == 0, "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bare/sessions").path))
        #expect(!(try String(contentsOf: bare, encoding: .utf8)).contains("Add to calendar"))
    }
}

/// The UID prefix the calendar exporter gives a session (`<id>@<acronym>.forum-scheduler`,
/// `<id>.part1@…` for a series), without linking the exporter into these tests.
enum CalendarUID {
    static func of(_ programme: Programme, _ session: String) -> String {
        let parts = programme.session(session)?.parts ?? 1
        return (parts > 1 ? "\(session).part1" : session) + "@\(programme.event.acronym)."
    }
}

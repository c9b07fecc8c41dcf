import Foundation
import Testing
import ForumModel
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
        #expect(page.contains(".t1{--c:#0072b2"))
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
        #expect(byHref["calendars/index.md"]?.title == "List of calendars")
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
        // Without calendars there is no calendar section.
        #expect(!HTMLProgramme(programme: programme).render().contains("cal-h"))
    }
}

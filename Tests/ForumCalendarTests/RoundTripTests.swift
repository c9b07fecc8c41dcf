import Foundation
import ForumModel
@testable import ForumCalendar
import Testing

@Suite struct RoundTripTests {
    /// Placements as (session, day, start, end, room), in a fixed order.
    func placements(_ programme: Programme) -> [String] {
        programme.sessions.flatMap { session in
            session.placements.map { p in "\(session.id) \(p.day) \(session.span(of: p)) \(p.room)" }
        }.sorted()
    }

    @Test func athensComesBackWithTheSamePlacements() throws {
        let text = try CalendarExporter(programme: Fixtures.athens).calendar().text
        let read = try CalendarReader().read(text: text, file: "athens.ics")
        #expect(placements(read.programme) == placements(Fixtures.athens))
        #expect(read.findings.isEmpty)
        let programme = read.programme
        #expect(programme.event.timeZone == "Europe/Athens")
        #expect(programme.event.acronym == "igf2006")
        #expect(programme.event.name == "Internet Governance Forum, inaugural meeting (IGF 2006)")
        #expect(programme.event.startDate == Fixtures.date("2006-10-30") && programme.event.endDate == Fixtures.date("2006-11-02"))
        #expect(programme.rooms.map(\.id).sorted() == ["kleoniki-room", "main-hall", "plato-hall", "room-1"])
        #expect(programme.room("plato-hall")?.name == "Plato Hall")
        #expect(programme.event.venue == "Divani Apollon Palace & Spa, Vouliagmeni")
        #expect(programme.themes.map(\.id) == ["openness", "security", "diversity", "access"])
        #expect(programme.themes.map(\.title) == ["Openness", "Security", "Diversity", "Access"])
        for session in Fixtures.athens.sessions {
            let back = try #require(programme.session(session.id))
            #expect(back.title == session.title)
            #expect(back.kind == session.kind)
            #expect(back.themes == session.themes)
            #expect(back.duration == session.duration)
            #expect(back.url == session.url)
        }
        // Each day's grid holds the events' spans.
        #expect(programme.day(Fixtures.date("2006-11-01"))?.slots.map(\.range.description) == ["10:00–13:00", "13:30–15:00", "15:00–18:00", "15:30–17:00"])
        #expect(read.events["main-openness"]?.map(\.uid) == ["main-openness@igf2006.forum-scheduler"])
    }

    @Test func seriesComeBackAsOneSession() throws {
        var programme = Fixtures.athens
        programme.sessions.append(Session(id: "dc-access-track", title: "Access track", themes: ["access"], duration: 90, parts: 3,
                                          placements: [Fixtures.at("2006-10-31", "13:30", "plato-hall"), Fixtures.at("2006-11-02", "11:30", "plato-hall", end: "13:30")]))
        let read = try CalendarReader().read(text: CalendarExporter(programme: programme).calendar().text, file: "x.ics")
        let series = try #require(read.programme.session("dc-access-track"))
        #expect(series.parts == 3)
        #expect(series.title == "Access track")
        #expect(series.placements == programme.sessions.last!.placements)
        #expect(placements(read.programme) == placements(programme))
    }

    /// Commas, semicolons, backslashes, newlines, and the UN languages' scripts plus Greek.
    static let texts: [String] = [
        "Opening, keynote; Q&A \\ panel",
        "Line one\nline two\n\nafter a blank line, with \"quotes\"",
        "منتدى حوكمة الإنترنت: الانفتاح، الأمن، التنوع",           // Arabic
        "互联网治理论坛：开放、安全、多样性与接入",                        // Chinese
        "Форум по управлению Интернетом: открытость, безопасность",  // Russian
        "Forum sur la gouvernance de l’Internet : sécurité, diversité; accès", // French
        "Foro para la Gobernanza de Internet: apertura, diversidad, acceso",   // Spanish
        "Φόρουμ για τη Διακυβέρνηση του Διαδικτύου: ανοικτότητα, ασφάλεια",    // Greek
    ]

    static let longGreek = String(repeating: "Η διακυβέρνηση του Διαδικτύου για την ανάπτυξη, με πολυγλωσσία· ", count: 12)
    static let longChinese = String(repeating: "互联网治理促进发展，多语种与本地内容；接入与安全。", count: 20)

    func textProgramme() -> Programme {
        var programme = Fixtures.athens
        programme.event.venue = nil
        programme.rooms[1].name = "Plato Hall; 1st floor, west \\ wing"
        programme.rooms[2].name = "Αίθουσα Κλεονίκη"
        programme.themes[1].title = "Security, Privacy; Trust"
        programme.themes[2].title = "التنوع, Diversity"
        for (i, text) in RoundTripTests.texts.enumerated() {
            programme.sessions[i].title = text.replacingOccurrences(of: "\n", with: " ")
            programme.sessions[i].abstract = text
        }
        programme.sessions[6].abstract = RoundTripTests.longGreek
        programme.sessions[7].abstract = RoundTripTests.longChinese
        programme.sessions[8].title = String(RoundTripTests.longGreek.prefix(200))
        return programme
    }

    @Test func textSurvivesExportAndImport() throws {
        let programme = textProgramme()
        let text = try CalendarExporter(programme: programme).calendar().text
        let read = try CalendarReader().read(text: text, file: "texts.ics").programme
        for session in programme.sessions {
            let back = try #require(read.session(session.id))
            #expect(back.title == session.title)
            // libical drops white space at the end of a value when it parses; the exporter
            // trims it (it carries nothing), so trailing blanks are the one thing that goes.
            #expect(back.abstract == session.abstract.map { String($0.reversed().drop(while: \.isWhitespace).reversed()) })
            #expect(back.themes == session.themes)
        }
        #expect(read.room("plato-hall")?.name == "Plato Hall; 1st floor, west \\ wing")
        #expect(read.room("kleoniki-room")?.name == "Αίθουσα Κλεονίκη")
        #expect(read.theme("security")?.title == "Security, Privacy; Trust")
        #expect(read.theme("diversity")?.title == "التنوع, Diversity")
        // A category with a comma is one escaped value, not two categories.
        #expect(unfolded(text).contains("\nCATEGORIES:Security\\, Privacy\\; Trust,"))
    }

    @Test func longLinesAreFoldedOnCharacterBoundaries() throws {
        let text = try CalendarExporter(programme: textProgramme()).calendar().text
        let bytes = Array(text.utf8)
        var lineStart = 0
        var folds = 0
        for i in 0..<bytes.count - 1 where bytes[i] == 0x0D && bytes[i + 1] == 0x0A {
            let line = Array(bytes[lineStart..<i])
            #expect(line.count <= 75, "a physical line of \(line.count) octets")
            // Each physical line is valid UTF-8 on its own: no character is cut in two.
            #expect(String(validating: line, as: UTF8.self) != nil)
            if line.first == 0x20 { folds += 1 }
            lineStart = i + 2
        }
        #expect(folds > 20)
        #expect(!text.contains("\u{FFFD}"))
        #expect(unfolded(text).contains(escapeText(RoundTripTests.longChinese)))
        #expect(unfolded(text).contains(escapeText(RoundTripTests.longGreek.trimmingCharacters(in: .whitespaces))))
    }
}

import Foundation
import ForumFormats
import ForumImport
import ForumModel
import ForumTestSupport
import Testing

/// `forum import csv`'s reader: known answers on small spreadsheets, and the example one.
@Suite struct ProposalSpreadsheetTests {
    static let frame = try! ProgrammeReader.read(text: """
        event: {name: Test Forum, acronym: tf, timezone: Europe/Athens, start: 2026-11-02, end: 2026-11-03}
        grid: ["09:00-10:30", "11:00-12:30"]
        rooms: [{id: hall, name: Hall, capacity: 100}]
        themes:
          - {id: ai, title: AI & Emerging Technologies}
          - {id: data, title: Data Governance & Trust}
          - {id: security, title: "Cybersecurity, Cybercrime & Online Safety"}
        """, file: "frame.yaml")

    func read(_ csv: String, map: ProposalMap = ProposalMap()) throws -> ImportedProgramme {
        try ProposalSpreadsheet.read(text: csv, file: "p.csv", frame: Self.frame, map: map)
    }

    func errors(_ csv: String, map: ProposalMap = ProposalMap()) -> [InputError] {
        do { _ = try read(csv, map: map); return [] }
        catch let e as InputErrors { return e.errors }
        catch let e as InputError { return [e] }
        catch { return [] }
    }

    @Test func formatsGiveKindAndDurationAndThemesMatchByTitle() throws {
        let csv = """
            Title,Session Type,Sub-theme,Score,Rank
            One,Panel - 90 Min,AI & Emerging Technologies,4.5,1
            Two,Town Hall - 30 Min,data,3.25,2
            Three,"Theater, Duration (minutes): 60","Cybersecurity, Cybercrime & Online Safety",,
            Four,Lightning Talk - 20 Min,ai,,
            """
        let p = try read(csv).programme
        let s = p.sessions
        #expect(s.map(\.id) == ["p001", "p002", "p003", "p004"])
        #expect(s.map(\.kind) == [.workshop, .townHall, .workshop, .lightningTalk])
        #expect(s.map(\.duration) == [90, 30, 60, 20])
        #expect(s.map(\.themes) == [["ai"], ["data"], ["security"], ["ai"]])
        #expect(s[0].note == "Format: Panel" && s[2].note == "Format: Theater")
        #expect(s[0].score == 4.5 && s[0].rank == 1 && s[1].score == 3.25 && s[2].score == nil)
        #expect(s.allSatisfy { $0.placements.isEmpty })
    }

    @Test func bomSemicolonsAndQuotedLineBreaksKeepTheirLines() throws {
        let csv = "\u{FEFF}Title;Sub-theme;Duration\r\n\"Two\r\nlines\";ai;60\r\nB;dta;45\r\n"
        let found = errors(csv)
        #expect(found.count == 1)
        // Row 3 of the spreadsheet starts on line 4: row 2's title holds a line break.
        #expect(found.first?.location.line == 4)
        #expect(found.first?.field == "row 3, column Sub-theme")
        #expect(found.first?.message.contains("`dta`") == true)
        #expect(found.first?.hint?.contains("did you mean `data`?") == true)
        let good = try read(csv.replacingOccurrences(of: "dta", with: "data"))
        #expect(good.programme.sessions.map(\.title) == ["Two\nlines", "B"])
        #expect(good.programme.sessions.map(\.duration) == [60, 45])
    }

    @Test func peopleAreOneByEmailOrByNameAndOrganisation() throws {
        let csv = """
            Title,Theme,Speakers,Moderator
            A,ai,"Ana Silva (ISOC; Civil Society; GRULAC; female; online) <ana@example.org>
            Bo Chen (Net Lab; Technical Community; Asia-Pacific Group; male)",Carla Diaz (Gov Office; Government; WEOG; female)
            B,data,Ana S. (Other Org) <ANA@example.org> | Bo Chen (Net Lab),Carla Diaz (Another Office)
            """
        let imported = try read(csv)
        let p = imported.programme
        // Moderators are read before speakers (who leads the session first).
        #expect(p.people.map(\.name) == ["Carla Diaz", "Ana Silva", "Bo Chen", "Carla Diaz"])
        let ana = p.people[1]
        #expect(ana.organisation == "ISOC" && ana.stakeholderGroup == "civil-society" && ana.region == "GRULAC")
        #expect(ana.gender == "female" && ana.attendance == .online && ana.email == "ana@example.org")
        #expect(p.people[2].attendance == .onsite && p.people[2].stakeholderGroup == "technical")
        // Ana by e-mail (another spelling of her name), Bo by name and organisation; the
        // two Carlas work elsewhere, so they are two people.
        #expect(p.sessions[1].people.map(\.person) == [p.people[3].id, p.people[1].id, p.people[2].id])
        #expect(p.sessions[1].people.map(\.role) == [.moderator, .speaker, .speaker])
        #expect(imported.warnings.contains { $0.message.contains("organisation `Other Org` here and `ISOC`") })
        #expect(Set(p.people.map(\.id)).count == 4)
    }

    @Test func aMappingFileNamesColumnsThemesAndDurations() throws {
        let map = try ProposalMap.read(text: """
            columns: {title: Session name, theme: Track, format: Kind of session}
            themes: {Artificial intelligence: ai}
            durations: {Long panel: 120}
            kinds: {Long panel: main-session}
            """, file: "map.yaml")
        let p = try read("Session name,Track,Kind of session\nX,Artificial intelligence,Long panel\n", map: map).programme
        #expect(p.sessions.first?.themes == ["ai"] && p.sessions.first?.duration == 120 && p.sessions.first?.kind == .mainSession)
        // A field the map does not know is an error at its line.
        #expect(throws: InputErrors.self) { try ProposalMap.read(text: "columns:\n  titel: Name\n", file: "map.yaml") }
        do { _ = try ProposalMap.read(text: "columns:\n  titel: Name\n", file: "map.yaml") } catch let e as InputErrors {
            #expect(e.errors.first?.location.line == 2 && e.errors.first?.hint?.contains("did you mean `title`?") == true)
        }
        // A mapped column the spreadsheet lacks names the columns it has.
        let missing = errors("Name,Track\nX,ai\n", map: map)
        #expect(missing.first?.message.contains("no such column") == true && missing.first?.hint?.contains("did you mean `Name`?") == true)
    }

    @Test func malformedRowsNameTheirRow() {
        let quote = errors("Title,Theme\n\"never closed,ai\nB,ai\n")
        #expect(quote.first?.location.line == 2 && quote.first?.message.contains("never ends") == true)
        let after = errors("Title,Theme\n\"closed\"x,ai\n")
        #expect(after.first?.location.line == 2 && after.first?.field == "row 2, column 1")
        let wide = errors("Title,Theme\nA,ai,extra,cells\n")
        #expect(wide.first?.field == "row 2" && wide.first?.message.contains("4 cells where the header has 2") == true)
        let duplicate = errors("ID,Title,Theme\nWS1,A,ai\nWS1,B,ai\n")
        #expect(duplicate.first?.message.contains("also the id of row 2") == true && duplicate.first?.location.line == 3)
        #expect(errors("").first?.message.contains("empty") == true)
    }

    /// The example spreadsheet: 120 proposals, every one with a theme, a kind and a duration
    /// the frame's policies know, and people shared between proposals read as one.
    @Test func theExampleSpreadsheetReads() throws {
        let root = TestProcess.packageRoot
        let frame = try ProgrammeInput.load(path: root.appendingPathComponent("Examples/igf-proposals-frame.yaml").path)
        let text = try String(contentsOf: root.appendingPathComponent("Examples/igf-proposals.csv"), encoding: .utf8)
        let imported = try ProposalSpreadsheet.read(text: text, file: "igf-proposals.csv", frame: frame)
        let p = imported.programme
        #expect(p.sessions.count == 120)
        #expect(p.sessions.allSatisfy { $0.themes.count == 1 && $0.score != nil && $0.rank != nil })
        #expect(Set(p.sessions.map(\.kind)).isSuperset(of: [.workshop, .townHall, .lightningTalk, .openForum, .launchAward]))
        #expect(p.sessions.allSatisfy { s in p.policy(for: s.kind).map { $0.durations.isEmpty || $0.durations.contains { $0.contains(s.duration) } } ?? true })
        let appearances = p.sessions.reduce(0) { $0 + $1.people.count }
        #expect(p.people.count < appearances)
        // Written and read back, the same programme.
        let yaml = ProgrammeWriter.text(p, format: .yaml)
        #expect(try ProgrammeReader.read(text: yaml, file: "back.yaml") == p)
    }
}

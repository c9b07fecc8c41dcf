import Foundation
import Testing
import ForumModel
import ForumRules
@testable import ForumFormats

private func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
private func t(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

/// The real programme of the first IGF (Schedules/athens-2006.yaml) against the sourced
/// record (../shared/reference/athens-2006.yaml, igf-wsis-facts.md).
@Suite struct AthensTests {
    static let path = repositoryRoot.appendingPathComponent("Schedules/athens-2006.yaml").path
    static let brokenPath = repositoryRoot.appendingPathComponent("Examples/athens-2006-broken.yaml").path

    func athens() throws -> Programme { try ProgrammeReader.read(path: Self.path) }

    func placement(_ p: Programme, _ id: String) throws -> (session: Session, place: Placement) {
        let s = try #require(p.session(id), "no session \(id)")
        return (s, try #require(s.placements.first, "\(id) is not placed"))
    }

    @Test func theFrameIsTheRecord() throws {
        let p = try athens()
        #expect(p.event.timeZone == "Europe/Athens")
        #expect(p.event.city == "Athens")
        #expect(p.days.map(\.date) == [d("2006-10-30"), d("2006-10-31"), d("2006-11-01"), d("2006-11-02")])
        // Summer time ended on 29 October: the whole forum ran on UTC+02:00.
        for day in p.days {
            #expect(p.event.utcOffset(date: day.date, time: t("10:00")) == 7_200)
        }
        #expect(p.rooms.count == 10)
        let hall = try #require(p.room("main-hall"))
        #expect(hall.capacity == 800)
        #expect(hall.equipment.contains("interpretation") && hall.equipment.contains("webcast"))
        for named in ["plato-hall", "kleoniki-room", "room-1"] { #expect(p.room(named) != nil) }
        #expect(p.rooms.filter { ($0.capacity ?? 0) < 800 }.count == 9)
        for theme in ["openness", "security", "diversity", "access"] { #expect(p.theme(theme)?.crossCutting == false) }
        #expect(p.theme("capacity-building")?.crossCutting == true)
        // Every real start time is a slot start on every full day (the last afternoon
        // had only the closing ceremony).
        for day in p.days.dropLast() {
            let starts = Set(day.slots.map(\.start))
            for time in ["09:30", "10:00", "13:30", "15:00", "15:30"] { #expect(starts.contains(t(time)), "\(day.date) \(time)") }
        }
    }

    /// The main sessions in the main hall on the published grid, pinned.
    @Test(arguments: [
        ("opening", "2006-10-30", "10:00", 0),
        ("setting-the-scene", "2006-10-30", "15:00", 180),
        ("main-openness", "2006-10-31", "10:00", 180),
        ("main-security", "2006-10-31", "15:00", 180),
        ("main-diversity", "2006-11-01", "10:00", 180),
        ("main-access", "2006-11-01", "15:00", 180),
        ("taking-stock", "2006-11-02", "10:00", 180),
    ])
    func mainSessionsArePinnedOnThePublishedGrid(id: String, day: String, start: String, minutes: Int) throws {
        let p = try athens()
        let (s, place) = try placement(p, id)
        #expect(place.day == d(day) && place.start == t(start) && place.room == "main-hall")
        if minutes > 0 { #expect(s.duration == minutes) }
        #expect(s.pinned)
    }

    @Test func themedMainSessionsCarryTheirTheme() throws {
        let p = try athens()
        for theme in ["openness", "security", "diversity", "access"] {
            #expect(p.session("main-\(theme)")?.themes.first == theme)
        }
        // Summing Up (1) ends by about 09:50, before the 10:00 main session.
        let (summing, place) = try placement(p, "summing-up-1")
        #expect(place.day == d("2006-11-01") && summing.span(of: place).end == t("09:50"))
        #expect(p.sessions.filter { $0.kind == .closing }.count == 1)
        #expect(p.session("closing")?.placements.first?.day == d("2006-11-02"))
    }

    @Test func aboutThirtySixWorkshopsOfNinetyMinutes() throws {
        let p = try athens()
        let workshops = p.sessions.filter { $0.kind == .workshop }
        #expect(workshops.count == 36)
        let ninetyMinutesPlaced = workshops.allSatisfy { $0.duration == 90 && $0.isPlaced }
        let inBreakOutRooms = workshops.allSatisfy { $0.placements.first?.room != "main-hall" }
        let everythingPlaced = p.sessions.allSatisfy { $0.isPlaced }
        #expect(ninetyMinutesPlaced && inBreakOutRooms && everythingPlaced)
    }

    /// The workshops the record places, where it places them.
    @Test func knownWorkshopsAreWhereTheRecordPutsThem() throws {
        let p = try athens()
        let bill = try placement(p, "ws-internet-bill-of-rights")
        #expect(bill.place == Placement(day: d("2006-11-01"), start: t("13:30"), room: "plato-hall"))
        #expect(Set(bill.session.people.filter { $0.role == .organiser }.map(\.person)) == ["cts-fgv", "it-ministry-innovation", "isoc-italia", "ipjustice"])
        #expect(bill.session.people.contains(Participation(person: "vbertola", role: .moderator)))

        let standards = try placement(p, "ws-open-standards-procurement")
        #expect(standards.place == Placement(day: d("2006-11-02"), start: t("09:30"), room: "kleoniki-room"))
        #expect(standards.session.people.filter { $0.role == .organiser }.count == 7)

        let unesco = try placement(p, "ws-unesco-openness-cyberspace")
        #expect(unesco.place == Placement(day: d("2006-11-01"), start: t("15:30"), room: "room-1"))
        #expect(unesco.session.themes == ["openness"])

        // Sourced days, reconstructed times.
        for id in ["ws-privacy-identity", "ws-privacy-development", "ws-foe-filtering"] {
            #expect(try placement(p, id).place.day == d("2006-10-31"), "\(id)")
        }
        #expect(try placement(p, "ws-equal-access-web").place.day == d("2006-11-01"))
        let legal = try placement(p, "ws-legal-aspects").place
        #expect(legal.day == d("2006-11-02") && legal.start < t("12:00"))
        let dns = try placement(p, "ws-dns-root-zone").place
        #expect(dns.day <= d("2006-11-01"))
        #expect(try placement(p, "ws-dns-root-zone").session.people.contains(Participation(person: "mmueller", role: .moderator)))
    }

    /// IP Justice co-organised three workshops; as one "person" it is never in two at once.
    @Test func organisationsAreNeverInTwoWorkshopsAtOnce() throws {
        let p = try athens()
        let ipj = p.sessions.filter { $0.people.contains { $0.person == "ipjustice" } }
        #expect(ipj.count == 3)
        let report = validate(p)
        #expect(!report.violations.contains { $0.rule == .personConflict })
    }

    @Test func validationTellsTheTruth() throws {
        let p = try athens()
        let report = validate(p)
        #expect(!report.hasHardViolations, "\(report.violations.filter(\.hard).map(\.message))")
        #expect(report.score.soft > 0)
        // The open-standards workshop (Access) really ran into Taking Stock, the main session
        // of all four themes: it is against its theme's main session, a soft penalty.
        #expect(report.violations.contains {
            $0.rule == .themeMainClash && Set($0.sessions) == ["ws-open-standards-procurement", "taking-stock"] && !$0.hard
        })
        // The UNESCO Openness workshop really ran during the Access main session: a real
        // overlap, but across themes, which no theme rule counts (the announced 2006 rule was
        // only about workshops on the main session's own topic).
        let unesco = try placement(p, "ws-unesco-openness-cyberspace"), access = try placement(p, "main-access")
        #expect(unesco.place.day == access.place.day && unesco.session.span(of: unesco.place).overlaps(access.session.span(of: access.place)))
        #expect(!report.violations.contains { Set($0.sessions) == ["ws-unesco-openness-cyberspace", "main-access"] })
        // Where the record is silent, workshops were placed by the announced rule: none of
        // them runs against the main session of its own theme; the sourced one above does.
        #expect(report.violations.filter { $0.rule == .themeMainClash }.map { Set($0.sessions) } == [["ws-open-standards-procurement", "taking-stock"]])
    }

    /// Every hard rule of the catalogue fires in the broken copy, on the session whose
    /// comment names it, and the validator says the programme cannot run (exit 1).
    @Test func theBrokenCopyBreaksEveryHardRule() throws {
        let p = try ProgrammeReader.read(path: Self.brokenPath)
        let report = validate(p)
        #expect(report.hasHardViolations)
        let fired = Set(report.violations.filter(\.hard).map(\.rule))
        for rule in RuleID.allCases where rule.definition.hard {
            #expect(fired.contains(rule), "\(rule.rawValue) does not fire")
        }
        // Each `# rule-id: …` comment is on a session that breaks that rule.
        let text = try String(contentsOfFile: Self.brokenPath, encoding: .utf8)
        var session: String?
        var commented = 0
        for line in text.components(separatedBy: "\n") {
            if let range = line.range(of: "- id: ") { session = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces) }
            guard let hash = line.range(of: "# ") else { continue }
            let comment = line[hash.upperBound...]
            guard let colon = comment.firstIndex(of: ":"), let rule = RuleID(rawValue: String(comment[..<colon])), let session else { continue }
            commented += 1
            #expect(report.violations.contains { $0.rule == rule && $0.sessions.contains(session) }, "\(session) should break \(rule.rawValue)")
        }
        let hardRules = RuleID.allCases.filter { $0.definition.hard }.count
        #expect(commented == hardRules)
    }

    /// The small WSIS Forum example: eleven action lines, Geneva on summer time, a sound programme.
    @Test func theWSISForumExampleHolds() throws {
        let p = try ProgrammeReader.read(path: repositoryRoot.appendingPathComponent("Examples/wsis-forum-2012.yaml").path)
        #expect(p.themes.map(\.id) == (1...11).map { "C\($0)" })
        #expect(p.days.first?.date == d("2012-05-14") && p.days.count == 5)
        #expect(p.event.utcOffset(date: d("2012-05-14"), time: t("09:00")) == 7_200)
        let joint = try placement(p, "al-c1-c7egov-c11")
        #expect(joint.place.day == d("2012-05-17") && joint.session.themes == ["C1", "C7", "C11"])
        #expect(joint.session.kind == .actionLineFacilitation)
        let report = validate(p)
        #expect(!report.hasHardViolations, "\(report.violations.filter(\.hard).map(\.message))")
    }
}

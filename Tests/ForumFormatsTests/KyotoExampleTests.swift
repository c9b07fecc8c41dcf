import Foundation
import Testing
import ForumModel
import ForumFormats
import ForumRules

/// The hybrid example on the Kyoto frame (Examples/igf-2023-kyoto-hybrid.yaml): IGF 2023 at
/// ICC Kyoto with its real sessions (../shared/reference/igf-2023-kyoto-partial.yaml) and
/// reconstructed ones around them.
@Suite struct KyotoExampleTests {
    static let path = repositoryRoot.appendingPathComponent("Examples/igf-2023-kyoto-hybrid.yaml").path

    func kyoto() throws -> Programme { try ProgrammeReader.read(path: Self.path) }

    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

    @Test func theFrameIsKyoto2023WithADayZero() throws {
        let p = try kyoto()
        #expect(p.event.timeZone == "Asia/Tokyo")
        #expect(p.event.city == "Kyoto")
        #expect(p.event.startDate == Self.date("2023-10-08") && p.event.endDate == Self.date("2023-10-12"))
        #expect(p.days.map(\.date) == ["2023-10-08", "2023-10-09", "2023-10-10", "2023-10-11", "2023-10-12"].map(Self.date))
        #expect(p.days.map(\.label) == ["Day 0", "Day 1", "Day 2", "Day 3", "Day 4"])
        // Japan has no summer time: UTC+09:00 throughout.
        for day in p.days { #expect(p.event.utcOffset(date: day.date, time: Self.time("10:00")) == 32_400) }
        #expect(p.themes.count == 8)
        let hall = try #require(p.room("main-hall"))
        #expect(hall.languages == ["ar", "zh", "en", "fr", "ru", "es", "ja"] && hall.captioning)
        #expect(p.rooms.contains { $0.virtual })
        #expect(p.rooms.contains { $0.tags.contains("lightning-area") })
        #expect(Set(p.rooms.compactMap(\.building)).count == 2)
    }

    /// Every session of the partial reference, at its real time; the room where a source gives
    /// one (the PNIF session keeps GPD's times but leaves the Main Hall to the GDC main session).
    @Test(arguments: [
        ("hlp-1", "2023-10-08", "09:30", "11:00", "main-hall"),
        ("d0-cs-gdc", "2023-10-08", "13:30", "15:30", "room-i"),
        ("hlp-3", "2023-10-08", "13:45", "15:15", "main-hall"),
        ("opening", "2023-10-09", "10:30", "11:00", "main-hall"),
        ("pnif", "2023-10-10", "09:00", "11:30", "annex-hall-1"),
        ("ms-gdc", "2023-10-10", "11:00", "12:30", "main-hall"),
        ("ws-446", "2023-10-10", "11:00", "12:30", "room-b-1"),
        ("ms-cybercrime", "2023-10-10", "13:30", "15:00", "main-hall"),
        ("open-mic", "2023-10-12", "16:15", "17:15", "main-hall"),
        ("closing", "2023-10-12", "17:30", "18:30", "main-hall"),
    ])
    func realSessionsAreAtTheirRealTimes(id: String, day: String, start: String, end: String, room: String) throws {
        let p = try kyoto()
        let s = try #require(p.session(id), "no session \(id)")
        let place = try #require(s.placements.first, "\(id) is not placed")
        #expect(place.day == Self.date(day))
        #expect(s.span(of: place) == TimeRange(start: Self.time(start), end: Self.time(end)))
        #expect(place.room == room)
        #expect(s.pinned)
        #expect(s.url?.hasPrefix("https://") == true)
        #expect(s.note?.contains("RECONSTRUCTED") != true || s.note?.contains("room") == true, "\(id): only a room may be reconstructed")
    }

    @Test func theSourcesConflictIsResolvedAndSaidSo() throws {
        let p = try kyoto()
        let pnif = try #require(p.session("pnif"))
        #expect(pnif.note?.contains("ms-gdc") == true && pnif.note?.contains("Main Hall") == true)
        #expect(!validate(p).violations.contains { $0.rule == .roomConflict })
    }

    @Test func reconstructedSessionsAreMarkedAndNumerous() throws {
        let p = try kyoto()
        let real: Set<String> = ["hlp-1", "d0-cs-gdc", "hlp-3", "opening", "pnif", "ms-gdc", "ws-446", "ms-cybercrime", "open-mic", "closing"]
        let others = p.sessions.filter { !real.contains($0.id) }
        #expect((30...50).contains(others.count))
        for s in others { #expect(s.note?.contains("RECONSTRUCTED") == true, "\(s.id) is not marked") }
        // Day 0 events only on Day 0; lightning talks on the lightning stage.
        for s in p.sessions where s.kind == .dayZero { #expect(s.placements.first?.day == Self.date("2023-10-08"), "\(s.id)") }
        let lightning = p.sessions.filter { $0.kind == .lightningTalk }
        #expect(!lightning.isEmpty)
        for s in lightning { #expect(s.placements.first?.room == "village-stage", "\(s.id)") }
        // Town halls get no interpretation.
        for s in p.sessions where s.kind == .townHall { #expect(s.languages.isEmpty, "\(s.id)") }
    }

    @Test func itIsHybrid() throws {
        let p = try kyoto()
        // An online-only session placed in time, without a room.
        #expect(p.sessions.contains { $0.online && $0.isPlaced && $0.placements.allSatisfy { $0.room == nil } })
        // Online people with their home time zones, from several regions.
        let online = p.people.filter { $0.attendance == .online && $0.timezone != nil }
        #expect(!online.isEmpty)
        #expect(Set(online.compactMap(\.region)).count >= 3)
        // An online moderator alongside an onsite one.
        #expect(p.sessions.contains { s in
            s.people.contains { $0.role == .onlineModerator }
                && s.people.contains { m in m.role == .moderator && p.person(m.person)?.attendance == .onsite }
        })
    }

    @Test func theOpeningIsExclusive() throws {
        let p = try kyoto()
        let opening = try #require(p.session("opening"))
        #expect(opening.kind == .opening)
        #expect(p.policy(for: opening.kind)?.exclusive == true)
        #expect(!validate(p).violations.contains { $0.rule == .exclusiveParallel })
    }

    @Test func validationFindsNoHardViolation() throws {
        let p = try kyoto()
        let report = validate(p)
        #expect(!report.hasHardViolations, "\(report.violations.filter(\.hard).map(\.message))")
        #expect(p.sessions.allSatisfy { $0.isPlaced })
    }
}

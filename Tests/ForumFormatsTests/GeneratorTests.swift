import Testing
import ForumModel

@Suite struct SeededGeneratorTests {
    /// Known answers from an independent implementation of SplitMix64-seeded xoshiro256**.
    @Test func matchesTheReferenceSequence() {
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0])
        var fortyTwo = SeededGenerator(seed: 42)
        #expect([fortyTwo.next(), fortyTwo.next(), fortyTwo.next()] == [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1])
    }

    @Test func boundedIntegersStayInRangeAndCoverIt() {
        var g = SeededGenerator(seed: 7)
        var seen = Array(repeating: 0, count: 7)
        for _ in 0..<7_000 {
            let x = g.int(in: 3...9)
            #expect((3...9).contains(x))
            seen[x - 3] += 1
        }
        // Each of 7 values expected 1,000 times; a fair generator stays well within ±20%.
        #expect(seen.allSatisfy { (800...1_200).contains($0) })
    }

    @Test func shuffleIsAPermutationAndRepeatable() {
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11)
        var x = Array(0..<50), y = Array(0..<50)
        a.shuffle(&x)
        b.shuffle(&y)
        #expect(x == y)
        #expect(x.sorted() == Array(0..<50))
        #expect(x != Array(0..<50))
    }
}

import ForumRules
@testable import ForumFormats

@Suite struct GeneratorTests {
    static let kyoto = GeneratorOptions(sessions: 350, rooms: 18, days: 5, seed: 2023)

    @Test func theSameSeedGivesTheSameProgramme() throws {
        let a = try ProgrammeGenerator.generate(Self.kyoto)
        let b = try ProgrammeGenerator.generate(Self.kyoto)
        #expect(a == b)
        var other = Self.kyoto
        other.seed = 2024
        #expect(try ProgrammeGenerator.generate(other) != a)
        var placed = Self.kyoto
        placed.placed = true
        #expect(try ProgrammeGenerator.generate(placed) == ProgrammeGenerator.generate(placed))
    }

    /// What `forum generate` writes: the same bytes for the same seed, and a file that
    /// reads back to the same programme.
    @Test func theWrittenFileIsRepeatableAndReadsBack() throws {
        var options = Self.kyoto
        options.placed = true
        let p = try ProgrammeGenerator.generate(options)
        let yaml = ProgrammeWriter.yaml(p)
        #expect(yaml == ProgrammeWriter.yaml(try ProgrammeGenerator.generate(options)))
        #expect(try ProgrammeReader.read(text: yaml, file: "generated.yaml") == p)
        #expect(try ProgrammeReader.read(text: ProgrammeWriter.json(p), file: "generated.json") == p)
    }

    @Test func sizesKindsAndSharesLookLikeARecentIGF() throws {
        let p = try ProgrammeGenerator.generate(Self.kyoto)
        #expect(p.sessions.count == 350)
        #expect(p.rooms.count == 18)
        #expect(p.days.count == 5)
        #expect(p.event.endDate == LocalDate(year: 2023, month: 10, day: 13))
        func count(_ kind: SessionKind) -> Int { p.sessions.filter { $0.kind == kind }.count }
        #expect(count(.opening) == 1 && count(.closing) == 1)
        #expect((6...8).contains(count(.mainSession)))
        let workshopShare = Double(count(.workshop)) / 350
        #expect((0.6...0.7).contains(workshopShare))
        for kind: SessionKind in [.openForum, .lightningTalk, .townHall, .networking, .dynamicCoalition, .nri, .bestPracticeForum] {
            #expect(count(kind) >= 3, "\(kind) should appear")
        }
        #expect(p.sessions.filter { $0.kind == .lightningTalk }.allSatisfy { $0.duration == 30 })
        #expect(Set(p.sessions.map(\.duration)).isSuperset(of: [30, 60, 90]))
        // Eight sub-themes and two cross-cutting ones, each used.
        #expect(p.themes.count == 10 && p.themes.filter(\.crossCutting).count == 2)
        for theme in p.themes { #expect(p.sessions.contains { $0.themes.contains(theme.id) }, "\(theme.id) unused") }
        // People: about two per session, a few in three to five sessions, nobody in more.
        #expect((500...900).contains(p.people.count))
        var load: [String: Int] = [:]
        for s in p.sessions { for person in Set(s.people.map(\.person)) { load[person, default: 0] += 1 } }
        #expect(load.values.allSatisfy { $0 <= 6 })
        #expect(load.values.filter { $0 >= 3 }.count >= 20)
        let participations = Double(load.values.reduce(0, +)) / 350
        #expect((2.0...3.5).contains(participations))
        #expect(p.people.filter { !$0.unavailable.isEmpty }.count >= 10)
        // Only the fixed points are placed, and pinned.
        #expect(p.sessions.filter { !$0.placements.isEmpty }.allSatisfy { $0.pinned })
        #expect(p.sessions.filter(\.pinned).count == count(.mainSession) + 2)
    }

    @Test func everyReferenceResolves() throws {
        var options = Self.kyoto
        options.placed = true
        let p = try ProgrammeGenerator.generate(options)
        let sessionIds = p.sessions.map(\.id), roomIds = p.rooms.map(\.id), personIds = p.people.map(\.id)
        #expect(Set(sessionIds).count == sessionIds.count)
        #expect(Set(roomIds).count == roomIds.count)
        #expect(Set(personIds).count == personIds.count)
        let themeIds = Set(p.themes.map(\.id)), dates = Set(p.days.map(\.date))
        for s in p.sessions {
            #expect(s.themes.allSatisfy(themeIds.contains), "\(s.id) themes")
            #expect(s.people.allSatisfy { personIds.contains($0.person) }, "\(s.id) people")
            #expect(s.after.allSatisfy(sessionIds.contains), "\(s.id) after")
            for place in s.placements {
                #expect((place.room == nil ? s.online : roomIds.contains(place.room!)) && dates.contains(place.day), "\(s.id) placement")
            }
            #expect(s.preferences.days.allSatisfy(dates.contains))
        }
        for g in p.groups { #expect(g.sessions.allSatisfy(sessionIds.contains)) }
        for id in sessionIds { #expect(id.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }) }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func thePlacedProgrammeKeepsEveryHardRule(seed: UInt64) throws {
        let p = try ProgrammeGenerator.generate(GeneratorOptions(sessions: 350, rooms: 18, days: 5, seed: seed, placed: true))
        #expect(p.sessions.allSatisfy { $0.isPlaced })
        let report = validate(p)
        #expect(!report.hasHardViolations, "\(report.violations.filter(\.hard).prefix(5).map(\.message))")
        // Independent of the rules engine: no room holds two sessions at once.
        var byRoomDay: [String: [TimeRange]] = [:]
        // Online sessions without a room are the exception: any number run at once.
        for s in p.sessions { for place in s.placements { if let room = place.room { byRoomDay["\(room) \(place.day)", default: []].append(s.span(of: place)) } } }
        for spans in byRoomDay.values {
            let sorted = spans.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.end <= b.start) }
        }
    }

    /// The generated frame has comfortable room for what the sessions need: room-slots of
    /// each length, equipped rooms for sessions that need equipment, seats for audiences.
    @Test func a350SessionProgrammeHasEnoughRoomSlots() throws {
        let p = try ProgrammeGenerator.generate(Self.kyoto)
        func roomSlots(minutes: Int, where ok: (Room) -> Bool) -> Int {
            var total = 0
            for room in p.rooms where ok(room) {
                for day in p.days {
                    // Disjoint slots of at least `minutes` the room can take: greedy by end time.
                    var end = TimeOfDay(minutes: 0)
                    for slot in day.slots.sorted(by: { $0.end < $1.end })
                    where slot.start >= end && slot.minutes >= minutes && room.isAvailable(day: day.date, range: slot.range) {
                        total += 1
                        end = slot.end
                    }
                }
            }
            return total
        }
        func sessions(minutes: Int, where ok: (Session) -> Bool = { _ in true }) -> Int {
            p.sessions.filter { $0.duration > minutes - 30 && $0.duration <= minutes && ok($0) }.count
        }
        // Every length class, with at least 1.5 room-slots per session.
        let long = sessions(minutes: 90), medium = sessions(minutes: 60)
        #expect(Double(roomSlots(minutes: 90) { _ in true }) >= 1.5 * Double(long))
        #expect(Double(roomSlots(minutes: 60) { _ in true }) >= 1.5 * Double(long + medium))
        #expect(Double(roomSlots(minutes: 30) { _ in true }) >= 1.5 * 350)
        // Equipment: sessions that need a tag against room-slots in rooms that have it.
        // (A hybrid programme asks for interpretation as languages, checked below.)
        for tag in ["webcast", "remote"] {
            let need = p.sessions.filter { $0.equipment.contains(tag) }.count
            let have = roomSlots(minutes: 60) { $0.equipment.contains(tag) }
            #expect(need > 0 && Double(have) >= 1.5 * Double(need), "\(tag): \(need) sessions, \(have) room-slots")
        }
        let interpreted = p.sessions.filter { !$0.languages.isEmpty }.count
        let booths = roomSlots(minutes: 60) { !$0.languages.isEmpty }
        #expect(interpreted > 0 && Double(booths) >= 1.5 * Double(interpreted), "languages: \(interpreted) sessions, \(booths) room-slots")
        // Seats: for each audience size, the rooms that seat it have room-slots to spare.
        for threshold in [100, 150, 200, 300, 500] {
            let need = p.sessions.filter { ($0.audience ?? 0) > threshold }.count
            let have = roomSlots(minutes: 60) { ($0.capacity ?? .max) > threshold }
            #expect(Double(have) >= 1.5 * Double(need), "audience > \(threshold): \(need) sessions, \(have) room-slots")
        }
        #expect(p.sessions.allSatisfy { s in p.rooms.contains { ($0.capacity ?? .max) >= (s.audience ?? 0) && s.equipment.allSatisfy($0.equipment.contains) } })
    }

    /// Small, lopsided and larger sizes near the load limit: the first-fit still keeps every hard rule.
    @Test(arguments: [(20, 1, 5), (25, 3, 2), (40, 2, 5), (200, 10, 5), (500, 25, 5)])
    func acceptedSizesArePlacedWithoutHardViolations(size: (Int, Int, Int)) throws {
        for seed: UInt64 in 1...3 {
            let p = try ProgrammeGenerator.generate(GeneratorOptions(sessions: size.0, rooms: size.1, days: size.2, seed: seed, placed: true))
            #expect(p.sessions.count == size.0 && p.rooms.count == size.1)
            let report = validate(p)
            #expect(!report.hasHardViolations, "\(size) seed \(seed): \(report.violations.filter(\.hard).prefix(3).map(\.message))")
        }
    }

    @Test func sizesThatCannotBeSolvedAreRefused() {
        #expect(throws: InputError.self) { try ProgrammeGenerator.generate(GeneratorOptions(sessions: 2_000, rooms: 5, days: 2)) }
        #expect(throws: InputError.self) { try ProgrammeGenerator.generate(GeneratorOptions(sessions: 0)) }
        #expect(throws: Never.self) { try ProgrammeGenerator.generate(GeneratorOptions(sessions: 3, rooms: 1, days: 1, placed: true)) }
    }

    /// Option values near Int.max are refused with the allowed range, not a trap (issue 12).
    @Test func hugeOptionsAreRefusedWithTheRange() throws {
        let cases: [(GeneratorOptions, String, String)] = [
            (GeneratorOptions(rooms: Int.max), "--rooms", "needs 1 to 1000 rooms, not \(Int.max)"),
            (GeneratorOptions(sessions: Int.max, rooms: Int.max, days: 366), "--sessions", "needs 1 to 20000 sessions, not \(Int.max)"),
            (GeneratorOptions(days: Int.max), "--days", "needs 1 to 366 days, not \(Int.max)"),
        ]
        for (options, field, message) in cases {
            do {
                _ = try ProgrammeGenerator.generate(options)
                Issue.record("\(field) \(message) was accepted")
            } catch let e as InputError {
                #expect(e.field == field)
                #expect(e.message == message)
            }
        }
    }
}

import ForumModel
import ForumSolver
import ForumRules

/// What `ProgrammeGenerator` should build.
public struct GeneratorOptions: Hashable, Sendable {
    /// Sessions in all, fixed points (opening, main sessions, closing) included.
    public var sessions: Int
    /// Rooms in all, the plenary hall included.
    public var rooms: Int
    public var days: Int
    public var seed: UInt64
    /// Whether to place every session with the solver's construction (otherwise only the pinned
    /// opening, main sessions and closing are placed).
    public var placed: Bool
    /// The first day (IGF 2023 in Kyoto opened on 9 October 2023).
    public var startDate: LocalDate
    /// Whether the event is hybrid as IGFs are today: online people in every time zone,
    /// genders, interpretation languages, two buildings, topic tags, online-only sessions,
    /// the lightning area. Off gives the programme of earlier builds, value for value.
    public var hybrid: Bool
    /// The most of the room-slots the sessions may fill (nil: ``ProgrammeGenerator/maximumLoad``,
    /// 60%). Above 60% the generator proves the programme solvable: it places every session
    /// without a hard violation (or refuses), and leaves the placements out unless `placed`.
    public var fill: Double?

    public init(sessions: Int = 350, rooms: Int = 18, days: Int = 5, seed: UInt64 = 1, placed: Bool = false,
                startDate: LocalDate = LocalDate(year: 2023, month: 10, day: 9), hybrid: Bool = true, fill: Double? = nil) {
        self.fill = fill
        self.sessions = sessions
        self.rooms = rooms
        self.days = days
        self.seed = seed
        self.placed = placed
        self.startDate = startDate
        self.hybrid = hybrid
    }
}

/// Builds realistic IGF-like programmes for tests and benchmarks: the kinds and shares of
/// sessions of a recent IGF (Kyoto 2023), its eight sub-themes, people who appear in
/// several sessions, equipment needs that match the rooms, some unavailabilities,
/// audiences that match room sizes, and a daily grid of 90-, 60- and 30-minute slots.
///
/// Every generated programme is solvable with slack: the generator refuses sizes whose
/// sessions would fill more than ``maximumLoad`` of the room-slots, keeps equipment needs
/// within what the equipped rooms can hold, and `place(_:)` (used by `placed`) finds a
/// placement without hard violations for the sizes it accepts. The same options give the
/// same programme, value for value.
public enum ProgrammeGenerator {
    /// Shares of the session kinds that fill the programme besides the fixed points, after
    /// IGF 2023: workshops about two thirds, then open forums, lightning talks, town halls,
    /// networking sessions, dynamic coalitions, NRI sessions, best practice forums, launches.
    public static let kindShares: [(kind: SessionKind, share: Double)] = [
        (.workshop, 0.64), (.openForum, 0.12), (.lightningTalk, 0.06), (.townHall, 0.04), (.networking, 0.04),
        (.dynamicCoalition, 0.04), (.nri, 0.03), (.bestPracticeForum, 0.02), (.launchAward, 0.01),
    ]

    /// The largest share of the programme's session-hours a generated programme may take of
    /// its rooms' hours (the rest is the slack that keeps it comfortably solvable).
    public static let maximumLoad = 0.6

    /// The daily grid: four 90-minute blocks, two 30-minute lunch slots (lightning talks,
    /// launches), a 60-minute late-afternoon block and a 60-minute evening block.
    public static let dailySlots: [Slot] = [
        slot("09:00", "10:30", "Session 1"), slot("10:45", "12:15", "Session 2"),
        slot("12:30", "13:00", "Lunch talks I"), slot("13:15", "13:45", "Lunch talks II"),
        slot("14:00", "15:30", "Session 3"), slot("15:45", "17:15", "Session 4"),
        slot("17:30", "18:30", "Session 5"), slot("18:45", "19:45", "Evening"),
    ]

    /// The eight sub-themes of IGF 2023 and two cross-cutting ones.
    public static let themes: [Theme] = [
        Theme(id: "ai", title: "AI & Emerging Technologies", colour: "#1f77b4"),
        Theme(id: "fragmentation", title: "Avoiding Internet Fragmentation", colour: "#ff7f0e"),
        Theme(id: "cybersecurity", title: "Cybersecurity, Cybercrime & Online Safety", colour: "#2ca02c"),
        Theme(id: "data", title: "Data Governance & Trust", colour: "#d62728"),
        Theme(id: "digital-divides", title: "Digital Divides & Inclusion", colour: "#9467bd"),
        Theme(id: "global-governance", title: "Global Digital Governance & Cooperation", colour: "#8c564b"),
        Theme(id: "human-rights", title: "Human Rights & Freedoms", colour: "#e377c2"),
        Theme(id: "sustainability", title: "Sustainability & Environment", colour: "#17becf"),
        Theme(id: "capacity-development", title: "Capacity development", description: "Cross-cutting: skills and institutions",
              crossCutting: true, colour: "#7f7f7f"),
        Theme(id: "youth", title: "Youth engagement", description: "Cross-cutting: young people in Internet governance",
              crossCutting: true, colour: "#bcbd22"),
    ]

    /// Room-hours of sessions the rooms can hold, and the hours the sessions need.
    public static func load(sessions: Int, rooms: Int, days: Int) -> Double {
        // An average session takes about 75 minutes of a 90-minute block once breaks are counted.
        let roomMinutes = Double(rooms * days) * Double(dailySlots.reduce(0) { $0 + $1.minutes })
        return Double(sessions) * 75 / max(roomMinutes, 1)
    }

    /// Builds the programme. Throws `InputError` for sizes that cannot give a solvable programme.
    public static func generate(_ options: GeneratorOptions) throws -> Programme {
        try check(options)
        var rng = SeededGenerator(seed: options.seed)
        var builder = Builder(options: options)
        builder.makeFrame(&rng)
        builder.makeSessions(&rng)
        builder.makeUnavailabilities(&rng)
        if options.hybrid {
            // Its own stream, so the rest of the programme is the same with or without it.
            var hybridRNG = SeededGenerator(seed: options.seed ^ 0x4879_6272_6964)
            builder.makeHybrid(&hybridRNG)
        }
        var programme = builder.programme
        let dense = (options.fill ?? maximumLoad) > maximumLoad
        if options.placed || dense {
            let result = placement(programme, seed: options.seed, movesPerPart: dense ? 50_000 : 2_000)
            let placed = result.programme
            if dense {
                // The proof of solvability: a placement without a hard violation.
                let report = validate(placed)
                guard !report.hasHardViolations && placed.sessions.allSatisfy({ $0.placements.count == $0.parts }) else {
                    let counts = Dictionary(grouping: report.violations.filter(\.hard), by: \.rule).map { "\($0.value.count) \($0.key)" }.sorted()
                    let unplaced = Set(result.unplaced.map(\.session)).count
                    let why = result.unplaced.prefix(2).map { "\($0.session): \($0.reason)" }
                    throw InputError(location: SourceLocation(file: "forum generate"), field: "--fill",
                                     message: "could not place \(options.sessions) sessions in \(options.rooms) rooms over \(options.days) days without breaking a hard rule (left: \((counts + (unplaced > 0 ? ["\(unplaced) sessions unplaced"] : [])).joined(separator: ", "))\(why.isEmpty ? "" : "; " + why.joined(separator: "; "))), so the programme is not sure to be solvable",
                                     hint: "use a lower --fill, more rooms or another --seed")
                }
            }
            programme = options.placed ? placed : programme
        }
        return programme
    }

    /// Largest `--fill` the generator takes.
    public static let maximumFill = 0.9

    /// The fewest rooms whose load for `sessions` over `days` stays at or below `fill`.
    public static func rooms(forSessions sessions: Int, days: Int, fill: Double) -> Int {
        let dayMinutes = Double(dailySlots.reduce(0) { $0 + $1.minutes })
        return max(1, Int((Double(sessions) * 75 / (fill * Double(days) * dayMinutes)).rounded(.up)))
    }

    /// The most sessions `forum generate` makes: more would not be a conference but a stress test.
    public static let maximumSessions = 20_000
    /// The most rooms `forum generate` makes.
    public static let maximumRooms = 1_000

    private static func check(_ o: GeneratorOptions) throws {
        func fail(_ field: String, _ message: String, _ hint: String) -> InputError {
            InputError(location: SourceLocation(file: "forum generate"), field: field, message: message, hint: hint)
        }
        guard (1...maximumSessions).contains(o.sessions) else {
            throw fail("--sessions", "needs 1 to \(maximumSessions) sessions, not \(o.sessions)", "e.g. --sessions 350")
        }
        guard (1...maximumRooms).contains(o.rooms) else {
            throw fail("--rooms", "needs 1 to \(maximumRooms) rooms, not \(o.rooms)", "e.g. --rooms 18")
        }
        guard (1...366).contains(o.days) else { throw fail("--days", "needs 1 to 366 days, not \(o.days)", "e.g. --days 5") }
        if let fill = o.fill, !(fill > 0 && fill <= maximumFill) {
            throw fail("--fill", "needs a share above 0 and at most \(maximumFill), not \(fill)", "e.g. --fill 0.85")
        }
        let cap = o.fill ?? maximumLoad
        let load = load(sessions: o.sessions, rooms: o.rooms, days: o.days)
        if load > cap + 1e-9 {
            let rooms = rooms(forSessions: o.sessions, days: o.days, fill: cap)
            throw fail("--sessions", "\(o.sessions) sessions would fill \(Int(load * 100))% of \(o.rooms) rooms over \(o.days) days; \(o.fill == nil ? "a programme that is sure to be solvable keeps under" : "--fill allows") \(Int(cap * 100))%",
                       "use at least \(rooms) rooms, or more days, or fewer sessions" + (o.fill == nil ? ", or a denser programme with --fill (up to \(maximumFill))" : ""))
        }
    }

    private static func slot(_ a: String, _ b: String, _ label: String) -> Slot {
        Slot(start: TimeOfDay(a)!, end: TimeOfDay(b)!, label: label)
    }
}

// MARK: - Building

private struct Builder {
    let options: GeneratorOptions
    var programme: Programme
    /// People created so far; `busy` are the indices of those drawn again and again
    /// (well-known speakers, frequent organisers).
    var sessionsOf: [Int] = []
    var busy: [Int] = []
    var personIds: Set<String> = []

    init(options: GeneratorOptions) {
        self.options = options
        let start = options.startDate
        programme = Programme(event: Event(
            name: "Generated IGF-like Forum (seed \(options.seed))", acronym: "gen\(options.seed)",
            city: "Kyoto", venue: "Generated venue", timeZone: "Asia/Tokyo",
            startDate: start, endDate: start.adding(days: options.days - 1),
            description: "\(options.sessions) sessions in \(options.rooms) rooms over \(options.days) days, generated by `forum generate` with seed \(options.seed)."))
    }

    // MARK: Frame

    mutating func makeFrame(_ rng: inout SeededGenerator) {
        programme.days = (0..<options.days).map { i in
            Day(date: options.startDate.adding(days: i), label: "Day \(i + 1)", slots: ProgrammeGenerator.dailySlots)
        }
        programme.themes = ProgrammeGenerator.themes
        programme.rooms = makeRooms(&rng)
    }

    /// One plenary hall with interpretation; one big hall with interpretation per eight
    /// rooms; a village stage for lunch talks; workshop rooms of 60 to 300 seats, most of
    /// them hybrid (webcast and remote participation), as at recent IGFs.
    func makeRooms(_ rng: inout SeededGenerator) -> [Room] {
        let all = ["interpretation", "webcast", "remote", "accessible"]
        var rooms = [Room(id: "plenary", name: "Plenary Hall", capacity: 1_800, equipment: all, floor: "1")]
        let halls = options.rooms >= 2 ? max(1, options.rooms / 8) : 0
        for i in 0..<halls {
            rooms.append(Room(id: "hall-\(i + 1)", name: "Annex Hall \(i + 1)", capacity: 550 - 50 * (i % 4),
                              equipment: all, floor: "1"))
        }
        let stage = options.rooms >= 6
        let workshopRooms = options.rooms - rooms.count - (stage ? 1 : 0)
        let sizes = [300, 250, 200, 160, 120, 100, 80, 60]
        for i in 0..<max(workshopRooms, 0) {
            let base = sizes[i % sizes.count]
            let capacity = base + rng.int(in: -base / 10...base / 10)
            // Most rooms are hybrid; a few small ones are not.
            let hybrid = i % 7 != 6
            var equipment = hybrid ? ["webcast", "remote"] : []
            if i % 5 != 4 { equipment.append("accessible") }
            rooms.append(Room(id: "room-\(i + 1)", name: "Workshop Room \(i + 1)", capacity: capacity,
                              equipment: equipment, floor: String(2 + i / 6)))
        }
        if stage {
            // The village stage is open over lunch only.
            rooms.append(Room(id: "village-stage", name: "IGF Village Stage", capacity: 60, equipment: ["accessible"],
                              availability: [TimeWindow(range: TimeRange(start: TimeOfDay("12:30")!, end: TimeOfDay("13:45")!))],
                              floor: "0"))
        }
        return rooms
    }

    // MARK: Sessions

    mutating func makeSessions(_ rng: inout SeededGenerator) {
        let n = options.sessions
        let plenaryPlaces = plenaryPlaces()
        // Fixed points: an opening and a closing, and about one main session per 30 sessions
        // (IGF 2023 had eight or so), never more than the plenary can hold.
        let hasCeremonies = n >= 4 && plenaryPlaces.count >= 2
        let mains = n >= 30 ? min(n / 30, ProgrammeGenerator.themes.count - 2, plenaryPlaces.count - (hasCeremonies ? 2 : 0)) : 0
        var sessions: [Session] = []

        if hasCeremonies {
            var opening = Session(id: "opening", title: "Opening Ceremony", kind: .opening, duration: 60, audience: 1_500,
                                  equipment: ["interpretation", "webcast", "remote"], pinned: true)
            opening.people = draw(&rng, count: 4, roles: [.chair, .speaker, .speaker, .speaker], busyShare: 0.5)
            opening.placements = [Placement(day: plenaryPlaces[0].day, start: plenaryPlaces[0].start, room: "plenary")]
            sessions.append(opening)
        }
        let mainPlaces = Array(plenaryPlaces.dropFirst(hasCeremonies ? 1 : 0).prefix(mains))
        for (i, place) in mainPlaces.enumerated() {
            let theme = ProgrammeGenerator.themes[i]
            var main = Session(id: "main-\(theme.id)", title: "Main session: \(theme.title)", kind: .mainSession,
                               themes: [theme.id], duration: 90, audience: rng.int(in: 400...1_200),
                               equipment: ["interpretation", "webcast", "remote"], pinned: true)
            main.people = draw(&rng, count: 7, roles: [.moderator, .rapporteur] + Array(repeating: .speaker, count: 5), busyShare: 0.6)
            main.placements = [Placement(day: place.day, start: place.start, room: "plenary")]
            sessions.append(main)
        }

        let rest = n - sessions.count - (hasCeremonies ? 1 : 0)
        var counter: [String: Int] = [:]
        for kind in kindCounts(rest) {
            counter[kind.id, default: 0] += 1
            sessions.append(makeSession(kind: kind, number: counter[kind.id]!, mainThemes: mainPlaces.indices.map { ProgrammeGenerator.themes[$0].id }, &rng))
        }

        if hasCeremonies {
            var closing = Session(id: "closing", title: "Closing Ceremony", kind: .closing, duration: 60, audience: 900,
                                  equipment: ["interpretation", "webcast", "remote"], pinned: true)
            closing.people = draw(&rng, count: 3, roles: [.chair, .speaker, .speaker], busyShare: 0.7)
            let last = plenaryPlaces[plenaryPlaces.count - 1]
            closing.placements = [Placement(day: last.day, start: last.start, room: "plenary")]
            sessions.append(closing)
        }
        programme.sessions = sessions
        makeGroup(&rng)
        programme.people = programme.people.sorted { $0.id < $1.id }
    }

    /// Where the fixed points go: the opening first thing on day 1, main sessions in the
    /// plenary's late-morning and early-afternoon blocks, the closing at the end of the last day.
    func plenaryPlaces() -> [(day: LocalDate, start: TimeOfDay)] {
        let s = ProgrammeGenerator.dailySlots
        var places: [(LocalDate, TimeOfDay)] = [(programme.days[0].date, s[0].start)]
        for day in programme.days {
            places.append((day.date, s[1].start))
            places.append((day.date, s[4].start))
        }
        places.append((programme.days[programme.days.count - 1].date, s[6].start))
        return places.map { (day: $0.0, start: $0.1) }
    }

    /// The kinds of `count` sessions by `kindShares` (largest remainder), shuffled by a
    /// fixed rule so that kinds mix through the list.
    func kindCounts(_ count: Int) -> [SessionKind] {
        let shares = ProgrammeGenerator.kindShares
        var counts = shares.map { Int((Double(count) * $0.share).rounded(.down)) }
        let remainders = shares.enumerated().map { ($0.offset, Double(count) * $0.element.share - Double(counts[$0.offset])) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var missing = count - counts.reduce(0, +)
        for (i, _) in remainders where missing > 0 {
            counts[i] += 1
            missing -= 1
        }
        // Interleave: kind i's k-th session sits at position (k + 0.5) / count_i.
        var items: [(Double, Int, SessionKind)] = []
        for (i, c) in counts.enumerated() where c > 0 {
            for k in 0..<c { items.append(((Double(k) + 0.5) / Double(c), i, shares[i].kind)) }
        }
        return items.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.2)
    }

    mutating func makeSession(kind: SessionKind, number: Int, mainThemes: [String], _ rng: inout SeededGenerator) -> Session {
        let themes = ProgrammeGenerator.themes
        // Topical themes carry most sessions; a few are filed under a cross-cutting one.
        let theme = rng.chance(0.1) ? themes[8 + rng.int(below: 2)] : themes[rng.int(below: 8)]
        var themeIds = [theme.id]
        if rng.chance(0.15) {
            let second = themes[rng.int(below: themes.count)]
            if second.id != theme.id { themeIds.append(second.id) }
        }
        let topic = Vocabulary.topic(theme.id, &rng)
        var s = Session(id: "", title: "", kind: kind, themes: themeIds)
        let hybrid = ["webcast", "remote"]
        switch kind {
        case .workshop:
            s.id = String(format: "ws-%03d", number)
            s.title = "WS #\(number) \(topic)\(rng.chance(0.5) ? ": " + rng.pick(Vocabulary.angles)! : "")"
            s.duration = rng.chance(0.6) ? 60 : 90
            s.audience = rng.chance(0.1) ? rng.int(in: 150...240) : rng.int(in: 25...140)
            s.equipment = rng.chance(0.6) ? hybrid : (rng.chance(0.3) ? ["remote"] : [])
            s.people = draw(&rng, count: rng.int(in: 2...4), roles: [.organiser, .moderator, .speaker, .speaker], busyShare: 0.25)
        case .openForum:
            s.id = String(format: "of-%03d", number)
            let host = rng.pick(Vocabulary.forumHosts)!
            s.title = "Open Forum #\(number) \(host): \(topic)"
            s.duration = 60
            s.audience = rng.chance(0.1) ? rng.int(in: 200...380) : rng.int(in: 40...180)
            // A few governments and IOs bring interpretation (the big halls have booths).
            s.equipment = rng.chance(0.08) ? ["interpretation", "webcast", "remote"] : (rng.chance(0.7) ? hybrid : [])
            s.people = draw(&rng, count: rng.int(in: 2...3), roles: [.organiser, .speaker, .speaker], busyShare: 0.3)
            // Some ministers arrive after the first day.
            if rng.chance(0.05), options.days >= 3 { s.unavailable = [TimeWindow(date: options.startDate)] }
        case .lightningTalk:
            s.id = String(format: "lt-%03d", number)
            s.title = "Lightning Talk #\(number) \(topic)"
            s.duration = 30
            s.audience = rng.int(in: 20...55)
            s.people = draw(&rng, count: 1, roles: [.speaker], busyShare: 0.15)
        case .townHall:
            s.id = String(format: "th-%03d", number)
            s.title = "Town Hall #\(number) \(topic)"
            s.duration = 60
            s.audience = rng.int(in: 30...120)
            s.equipment = rng.chance(0.5) ? ["remote"] : []
            s.people = draw(&rng, count: 2, roles: [.organiser, .moderator], busyShare: 0.25)
        case .networking:
            s.id = String(format: "ns-%03d", number)
            s.title = "Networking Session #\(number) \(rng.pick(Vocabulary.communities)!)"
            s.duration = 60
            s.audience = rng.int(in: 20...70)
            s.people = draw(&rng, count: rng.int(in: 1...2), roles: [.organiser, .facilitator], busyShare: 0.25)
            s.preferences.times = [TimeRange(start: TimeOfDay("17:30")!, end: TimeOfDay("20:00")!)]
        case .dynamicCoalition:
            s.id = String(format: "dc-%03d", number)
            s.title = "DC Session: \(Vocabulary.coalitions[(number - 1) % Vocabulary.coalitions.count])"
            s.duration = 90
            s.audience = rng.int(in: 25...90)
            s.equipment = rng.chance(0.6) ? hybrid : []
            s.people = draw(&rng, count: rng.int(in: 2...3), roles: [.organiser, .speaker, .rapporteur], busyShare: 0.35)
        case .nri:
            s.id = String(format: "nri-%03d", number)
            s.title = "NRI Collaborative Session: \(topic)"
            s.duration = rng.chance(0.5) ? 60 : 90
            s.audience = rng.int(in: 25...100)
            s.equipment = rng.chance(0.6) ? hybrid : []
            s.people = draw(&rng, count: rng.int(in: 2...4), roles: [.organiser, .speaker, .speaker, .moderator], busyShare: 0.35)
        case .bestPracticeForum:
            s.id = String(format: "bpf-%03d", number)
            s.title = "BPF \(Vocabulary.bestPracticeForums[(number - 1) % Vocabulary.bestPracticeForums.count])"
            s.duration = 90
            s.audience = rng.int(in: 60...180)
            s.equipment = hybrid
            s.people = draw(&rng, count: 3, roles: [.facilitator, .speaker, .speaker], busyShare: 0.4)
        case .launchAward:
            s.id = String(format: "la-%03d", number)
            s.title = "Launch & Award #\(number) \(rng.pick(Vocabulary.launches)!)"
            s.duration = 30
            s.audience = rng.int(in: 20...50)
            s.people = draw(&rng, count: rng.int(in: 1...2), roles: [.organiser, .speaker], busyShare: 0.2)
        default:
            s.id = "\(kind.id)-\(number)"
            s.title = topic
        }
        // Soft wishes, as organisers send them: a day or a half day.
        if rng.chance(0.1) {
            if rng.chance(0.5) {
                s.preferences.days = [options.startDate.adding(days: rng.int(below: options.days))]
            } else {
                s.preferences.times = [rng.chance(0.5) ? TimeRange(start: TimeOfDay("09:00")!, end: TimeOfDay("12:30")!)
                                                       : TimeRange(start: TimeOfDay("14:00")!, end: TimeOfDay("18:30")!)]
            }
        }
        // A few workshops follow up their theme's main session.
        if kind == .workshop, mainThemes.contains(theme.id), rng.chance(0.05) { s.after = ["main-\(theme.id)"] }
        s.language = "en"
        return s
    }

    /// A newcomers' track: a handful of introductory sessions one audience follows, never in parallel.
    mutating func makeGroup(_ rng: inout SeededGenerator) {
        let candidates = programme.sessions.filter { $0.kind == .workshop || $0.kind == .townHall }.map(\.id)
        guard programme.sessions.count >= 40, candidates.count >= 6 else { return }
        var picked: [String] = []
        var pool = candidates
        for _ in 0..<min(6, options.days * 3) {
            let i = rng.int(below: pool.count)
            picked.append(pool.remove(at: i))
        }
        let order = Dictionary(uniqueKeysWithValues: programme.sessions.enumerated().map { ($0.element.id, $0.offset) })
        programme.groups = [SessionGroup(id: "newcomers", title: "Newcomers' track",
                                         sessions: picked.sorted { order[$0]! < order[$1]! }, noOverlap: true)]
    }

    // MARK: People

    /// `count` participations with `roles`: each person is new with probability
    /// 1 - busyShare, otherwise a busy person (a well-known speaker or a frequent
    /// organiser), so that some people are in three to five sessions.
    mutating func draw(_ rng: inout SeededGenerator, count: Int, roles: [Role], busyShare: Double) -> [Participation] {
        var result: [Participation] = []
        for k in 0..<count {
            var person: Int?
            if rng.chance(busyShare), !busy.isEmpty {
                for _ in 0..<4 {
                    let candidate = busy[rng.int(below: busy.count)]
                    if sessionsOf[candidate] < 5, !result.contains(where: { $0.person == programme.people[candidate].id }) {
                        person = candidate
                        break
                    }
                }
            }
            let index = person ?? newPerson(&rng)
            sessionsOf[index] += 1
            result.append(Participation(person: programme.people[index].id, role: roles[k % roles.count]))
        }
        return result
    }

    mutating func newPerson(_ rng: inout SeededGenerator) -> Int {
        let first = rng.pick(Vocabulary.firstNames)!
        let last = rng.pick(Vocabulary.lastNames)!
        var id = (String(first.prefix(1)) + last).lowercased().filter { $0.isLetter || $0.isNumber }
        let base = id
        var suffix = 2
        while personIds.contains(id) || id.isEmpty {
            id = "\(base)\(suffix)"
            suffix += 1
        }
        let stakeholder = Vocabulary.stakeholders[rng.weightedIndex(Vocabulary.stakeholderWeights)]
        let person = Person(id: id, name: "\(first) \(last)", stakeholderGroup: stakeholder,
                            region: rng.pick(Vocabulary.regions)!, organisation: rng.pick(Vocabulary.organisations[stakeholder] ?? [])!)
        programme.people.append(person)
        personIds.insert(id)
        sessionsOf.append(0)
        // One person in four becomes a regular: drawn again for later sessions.
        if rng.chance(0.25) { busy.append(programme.people.count - 1) }
        return programme.people.count - 1
    }

    /// About 5% of the people cannot come for a half day or (on events of three days or
    /// more) a whole day, never when a pinned session of theirs runs and never on the day
    /// their session is excluded from, so the programme stays solvable.
    mutating func makeUnavailabilities(_ rng: inout SeededGenerator) {
        var pinnedPeople = Set<String>()
        for s in programme.sessions where s.pinned { for p in s.people { pinnedPeople.insert(p.person) } }
        for i in programme.people.indices where !pinnedPeople.contains(programme.people[i].id) && rng.chance(0.05) {
            let day = options.startDate.adding(days: rng.int(below: options.days))
            if options.days >= 3, rng.chance(0.4) {
                programme.people[i].unavailable = [TimeWindow(date: day)]
            } else {
                let morning = rng.chance(0.5)
                programme.people[i].unavailable = [TimeWindow(date: day, range: morning
                    ? TimeRange(start: TimeOfDay("09:00")!, end: TimeOfDay("12:15")!)
                    : TimeRange(start: TimeOfDay("14:00")!, end: TimeOfDay("19:45")!))]
            }
        }
    }
}

// MARK: - Hybrid participation

private extension Builder {
    /// The IGF as it runs today (igf-wsis-today.md): a quarter of the speakers online from
    /// their home zones, recorded genders, the UN languages in the halls, an annex building,
    /// the lightning area, a few online-only sessions, topic tags and online co-moderators.
    mutating func makeHybrid(_ rng: inout SeededGenerator) {
        let un = ["ar", "zh", "en", "fr", "ru", "es", "ja"]
        // Rooms: booths and captioning in the halls; workshop rooms from the seventh on in the
        // annex (a separate building, a 20-minute walk with the security check); the stage
        // and the two smallest rooms form the lightning area.
        let workshopRooms = programme.rooms.filter { $0.id.hasPrefix("room-") }
        let smallest = Set(workshopRooms.sorted { ($0.capacity ?? 0, $0.id) < ($1.capacity ?? 0, $1.id) }.prefix(2).map(\.id))
        var annex = false
        for i in programme.rooms.indices {
            let id = programme.rooms[i].id
            if id == "plenary" || id.hasPrefix("hall-") {
                programme.rooms[i].languages = un
                programme.rooms[i].captioning = true
                programme.rooms[i].building = "main"
            } else if id.hasPrefix("room-"), let n = Int(id.dropFirst(5)) {
                programme.rooms[i].building = n > 6 ? "annex" : "main"
                annex = annex || n > 6
            } else {
                programme.rooms[i].building = "main"
            }
            if id == "village-stage" || smallest.contains(id) { programme.rooms[i].tags = ["lightning-area"] }
        }
        programme.buildings = [Building(id: "main", name: "Main building", walks: annex ? ["annex": 20] : [:])]
            + (annex ? [Building(id: "annex", name: "Annex")] : [])

        // People: a home zone by region, a recorded gender for most. Moderators stay onsite
        // (a session needs one in the room); a quarter of the others take part online.
        let zones: [String: [String]] = [
            "Africa": ["Africa/Nairobi", "Africa/Lagos", "Africa/Johannesburg", "Africa/Cairo", "Africa/Dakar"],
            "Asia-Pacific": ["Asia/Kolkata", "Asia/Tokyo", "Asia/Jakarta", "Australia/Sydney", "Pacific/Auckland", "Asia/Manila"],
            "Eastern Europe": ["Europe/Warsaw", "Europe/Kyiv", "Europe/Bucharest"],
            "GRULAC": ["America/Sao_Paulo", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"],
            "WEOG": ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "America/Toronto"],
        ]
        var moderators = Set<String>()
        var pinnedPeople = Set<String>()
        for session in programme.sessions {
            for p in session.people where p.role == .moderator || p.role == .chair || p.role == .facilitator { moderators.insert(p.person) }
            if session.pinned { for p in session.people { pinnedPeople.insert(p.person) } }
        }
        for i in programme.people.indices {
            let person = programme.people[i]
            programme.people[i].timezone = rng.pick(zones[person.region ?? ""] ?? ["Asia/Tokyo"])
            let g = rng.unit()
            programme.people[i].gender = g < 0.46 ? "female" : g < 0.92 ? "male" : g < 0.94 ? "non-binary" : nil
            if !moderators.contains(person.id) && !pinnedPeople.contains(person.id) && rng.chance(0.25) {
                programme.people[i].attendance = .online
            }
        }

        // Sessions: interpretation becomes languages; a few online-only sessions; an online
        // co-moderator in some hybrid ones; topic tags from the titles.
        let onlinePeople = programme.people.filter { $0.attendance == .online }.map(\.id)
        let tagWords: [(tag: String, words: [String])] = [
            ("children", ["Child", "Children"]), ("gender", ["Gender", "Women"]), ("elections", ["Elections"]),
            ("africa", ["Africa"]),
        ]
        for i in programme.sessions.indices {
            var s = programme.sessions[i]
            if s.equipment.contains("interpretation") {
                s.equipment.removeAll { $0 == "interpretation" }
                s.languages = un
                s.captioning = s.kind == .mainSession || s.kind == .opening || s.kind == .closing
            }
            if !s.pinned, s.kind == .workshop || s.kind == .networking, rng.chance(0.03) {
                s.online = true
                s.equipment = []
            } else if !s.pinned, s.kind == .workshop, !onlinePeople.isEmpty, rng.chance(0.05),
                      s.people.contains(where: { $0.role == .moderator }) {
                let helper = onlinePeople[rng.int(below: onlinePeople.count)]
                if !s.people.contains(where: { $0.person == helper }) { s.people.append(Participation(person: helper, role: .onlineModerator)) }
            }
            s.tags = tagWords.filter { entry in entry.words.contains { s.title.contains($0) } }.map(\.tag)
            programme.sessions[i] = s
        }
        programme.tags = [TopicTag(id: "children", title: "Children's rights online", weight: 3),
                          TopicTag(id: "gender", title: "Gender and the Internet", weight: 2)]
    }
}

// MARK: - Placement

extension ProgrammeGenerator {
    /// Places every unplaced session with the solver's construction (hardest sessions first,
    /// each where the rules say it costs least), then a short search until no hard rule
    /// breaks, so a placed programme is scored by the same rules as any other. Sessions
    /// that still break a hard rule are left unplaced, and `validate` says why.
    public static func place(_ input: Programme, seed: UInt64 = 1, movesPerPart: Int = 2_000) -> Programme {
        placement(input, seed: seed, movesPerPart: movesPerPart).programme
    }

    /// The solve behind ``place(_:seed:movesPerPart:)``, with its account of what stayed unplaced.
    static func placement(_ input: Programme, seed: UInt64, movesPerPart: Int) -> SolveResult {
        let parts = input.sessions.reduce(0) { $0 + max($1.parts, $1.placements.count) }
        var result = solve(input, options: SolverOptions(seed: seed, timeLimit: nil, maxMoves: 0))
        // The construction is almost always enough; a budget in moves keeps the result repeatable.
        var budget = 20 * parts
        while !result.feasible && budget <= movesPerPart * parts {
            result = solve(input, options: SolverOptions(seed: seed, timeLimit: nil, maxMoves: budget))
            budget *= 10
        }
        return result
    }
}

// MARK: - Vocabulary

/// Words for titles and people, after the topics and session names of recent IGFs.
private enum Vocabulary {
    static let topics: [String: [String]] = [
        "ai": ["Generative AI and Elections", "Algorithmic Accountability", "AI Governance in the Global South",
               "Open Source AI Models", "AI and the Future of Work", "Risk-Based Regulation of AI",
               "Facial Recognition in Public Spaces", "Quantum Computing and Encryption"],
        "fragmentation": ["Splinternet Risks and Remedies", "Technical Fragmentation of the DNS", "Data Localisation and Fragmentation",
                          "Internet Shutdowns", "Interoperability of Digital Public Infrastructure", "Sanctions and the Global Internet",
                          "Governing Submarine Cables", "The Future of the Unique Identifiers"],
        "cybersecurity": ["Fighting Ransomware Together", "Child Safety Online", "Norms of Responsible State Behaviour",
                          "Securing the Internet of Things", "The UN Cybercrime Convention", "Cyber Capacity for Small States",
                          "Online Scams and Fraud", "Routing Security and RPKI"],
        "data": ["Cross-Border Data Flows", "Data Protection in Africa", "Trusted Digital Identity", "Health Data Governance",
                 "Data Trusts and Data Commons", "Privacy-Enhancing Technologies", "Children's Data", "Open Government Data"],
        "digital-divides": ["Meaningful Connectivity for Rural Areas", "Community Networks", "Affordable Devices",
                            "Digital Skills for Women and Girls", "Accessibility for Persons with Disabilities",
                            "Multilingual Internet and Local Content", "Financing Last-Mile Infrastructure", "Satellite Broadband"],
        "global-governance": ["The Global Digital Compact", "WSIS+20 and the Future of the IGF", "Multistakeholder Models in Practice",
                              "Digital Public Goods", "Platform Regulation Across Borders", "Internet Governance in Small Island States",
                              "Parliaments and Digital Policy", "Tax and the Digital Economy"],
        "human-rights": ["Freedom of Expression Online", "Content Moderation and Human Rights", "Surveillance and Spyware",
                         "Journalists' Safety Online", "Digital Rights of Migrants", "Gender-Based Online Violence",
                         "Human Rights Impact Assessments", "Encryption and Human Rights"],
        "sustainability": ["E-Waste and the Circular Economy", "Energy Use of Data Centres", "Digital Tools for Climate Action",
                           "Green Standards for ICT", "Disaster Early Warning Systems", "Sustainable Supply Chains for Devices",
                           "Smart Cities and the Environment", "Measuring the Footprint of AI"],
        "capacity-development": ["Schools on Internet Governance", "Training Policy Makers", "Building Research Capacity",
                                 "Mentoring New Stakeholders"],
        "youth": ["Youth Voices in Digital Policy", "Young People and Online Safety", "Youth Coalitions Around the World",
                  "Students and the Future Internet"],
    ]

    static func topic(_ theme: String, _ rng: inout SeededGenerator) -> String {
        rng.pick(topics[theme] ?? ["Internet Governance"])!
    }

    static let angles = ["Lessons from the Global South", "A Multistakeholder Approach", "What Comes Next?", "Policy Options",
                         "Perspectives from Youth", "From Principles to Practice", "Regional Experiences", "Bridging the Gaps",
                         "Evidence and Research", "Roundtable"]
    static let forumHosts = ["Government of Japan", "UNESCO", "ITU", "OECD", "Council of Europe", "European Commission", "UNDP",
                             "Government of Brazil", "Government of Kenya", "UNICEF", "World Bank", "Government of India",
                             "ICANN", "Internet Society", "Government of Germany", "African Union Commission"]
    static let communities = ["for Parliamentarians", "for Youth", "for Women in Tech", "for Researchers", "for the Technical Community",
                              "for African Stakeholders", "for Latin America and the Caribbean", "for Asia-Pacific", "for Newcomers",
                              "for Civil Society"]
    static let coalitions = ["Internet Rights and Principles", "Child Online Safety", "Accessibility and Disability", "Internet of Things",
                             "Core Internet Values", "Gender and Internet Governance", "Data and Trust", "Schools on Internet Governance",
                             "Blockchain Technologies", "Community Connectivity", "Digital Health", "Network Neutrality",
                             "Platform Responsibility", "Environment", "Public Access in Libraries", "Small Island Developing States"]
    static let bestPracticeForums = ["Cybersecurity", "Gender and Digital Rights", "Fragmentation of the Internet",
                                     "AI and Data Governance", "Local Content", "Meaningful Access"]
    static let launches = ["Global Internet Report", "Digital Inclusion Index", "Youth Policy Award", "Open Data Barometer",
                           "Cybersecurity Capacity Review", "Book Launch on Internet Governance", "Research Award"]

    static let firstNames = ["Aiko", "Amina", "Ana", "Andrés", "Anja", "Chen", "Chidi", "Daniela", "David", "Elena", "Emeka",
                             "Fatima", "Gabriel", "Hana", "Hiroshi", "Ibrahim", "Ines", "Jana", "Javier", "Kwame", "Laila",
                             "Lucas", "Maria", "Mariam", "Mateo", "Mei", "Nadia", "Nikolai", "Olga", "Omar", "Priya", "Rahul",
                             "Rosa", "Samir", "Sara", "Sofia", "Tariq", "Thandiwe", "Tomás", "Wanjiru", "Yuki", "Zainab"]
    static let lastNames = ["Abdullah", "Adeyemi", "Alvarez", "Andersson", "Banda", "Chowdhury", "Costa", "Dlamini", "Fernandes",
                            "Fischer", "Gomez", "Haddad", "Hoang", "Ivanova", "Jensen", "Kamau", "Kim", "Kowalski", "Kumar",
                            "Lee", "Mensah", "Moreau", "Mwangi", "Nakamura", "Nguyen", "Novak", "Okafor", "Osei", "Park",
                            "Petrov", "Rahman", "Rossi", "Santos", "Sato", "Silva", "Singh", "Suzuki", "Tanaka", "Wang",
                            "Yilmaz", "Zhang"]
    static let stakeholders = ["government", "private-sector", "civil-society", "technical", "academia", "intergovernmental"]
    static let stakeholderWeights = [0.20, 0.18, 0.30, 0.14, 0.12, 0.06]
    static let regions = ["Africa", "Asia-Pacific", "Eastern Europe", "GRULAC", "WEOG"]
    static let organisations: [String: [String]] = [
        "government": ["Ministry of Communications", "Ministry of Digital Affairs", "National Regulatory Authority", "Parliament"],
        "private-sector": ["Telecom operator", "Cloud provider", "Internet platform", "Start-up association"],
        "civil-society": ["Digital rights NGO", "Consumer association", "Community network", "Youth IGF"],
        "technical": ["Regional Internet Registry", "ccTLD registry", "Internet exchange point", "Standards body"],
        "academia": ["University", "Research institute", "Think tank"],
        "intergovernmental": ["UN agency", "Regional organisation", "Development bank"],
    ]
}

import ForumModel

/// Where and when one part of a session runs, in the indices of a ``Problem``.
/// `start` and `end` are wall-clock minutes on the day; `slot` is the index of the grid
/// start this placement begins at (into ``Problem/startDay``), or -1 when it begins off the grid.
public struct Pos: Hashable, Sendable, CustomStringConvertible {
    public var day: Int32
    public var start: Int32
    public var end: Int32
    public var room: Int32
    public var slot: Int32

    public init(day: Int32, start: Int32, end: Int32, room: Int32, slot: Int32) {
        self.day = day
        self.start = start
        self.end = end
        self.room = room
        self.slot = slot
    }

    /// Whether two positions share time on the same day.
    @inline(__always) public func overlaps(_ o: Pos) -> Bool { day == o.day && start < o.end && o.start < end }
    public var description: String { "d\(day) \(start)-\(end) r\(room)" }
}

/// A programme compiled to integers for the rules and the solver: days, grid starts,
/// rooms, people, themes, groups, sessions and their parts, each by index.
///
/// Days and rooms that placements name but the frame lacks (a date outside the event, a
/// withdrawn room) get indices after the real ones, so every placement can be scored.
public final class Problem: @unchecked Sendable {
    public let programme: Programme
    public let book: RuleBook

    // Days: the programme's days first, then dates only placements name.
    public let dayCount: Int
    public let dayDates: [LocalDate]
    /// Whether the day is one of the programme's days (and so may hold sessions).
    public let dayInProgramme: [Bool]
    /// Whether sessions may start on the day (a programme day with at least one slot).
    public let dayHasGrid: [Bool]
    /// Minutes since the epoch of each day's midnight, for ordering across days.
    let dayKey: [Int]

    // Grid starts: distinct slot starts per day; a session may run `startRun` minutes from there.
    public let startCount: Int
    public let startDay: [Int32]
    public let startMinute: [Int32]
    public let startRun: [Int32]
    /// The grid starts of each day, in time order.
    public let startsOfDay: [[Int32]]

    // Rooms: the programme's rooms first, then "no room" (online sessions placed in time
    // only) when the programme has online sessions, then unknown room ids placements name.
    /// The programme's rooms and, at `noRoom`, the place of online sessions without a room.
    public let rooms: [Room]
    /// Index of "no room", or -1 when the programme has no online session.
    public let noRoom: Int32
    public let roomCount: Int
    public let roomIDs: [String]
    public let roomKnown: [Bool]

    // People and themes.
    public let personCount: Int
    public let themeCount: Int
    public let themeCrossCutting: [Bool]

    // Groups (explicit ones only; a series is its own implicit no-overlap group).
    public let groupCount: Int
    public let groupNoOverlap: [Bool]
    public let groupCompact: [Bool]

    // Sessions.
    public let sessionCount: Int
    public let sessionDuration: [Int32]
    public let sessionFirstPart: [Int32]
    public let sessionPartCount: [Int32]
    /// Distinct people of each session (indices into programme.people).
    public let sessionPeople: [[Int32]]
    /// Non-cross-cutting themes of each session, ascending.
    public let sessionThemes: [[Int32]]
    /// For a main session, the themes it is the main session of (its non-cross-cutting
    /// themes, ascending: "Taking Stock" covers all four); empty for every other kind.
    public let sessionMainThemes: [[Int32]]
    /// No-overlap groups of each session, ascending.
    public let sessionNoOverlapGroups: [[Int32]]
    /// Compact groups of each session, ascending.
    public let sessionCompactGroups: [[Int32]]
    /// Equipment each session needs from its room: its own, its kind's, and `remote` when
    /// someone takes part online (none for an online session).
    public let sessionEquipment: [[String]]
    /// Languages each session needs interpreted: its own and its kind's (when the kind has interpretation).
    public let sessionLanguages: [[String]]
    /// Topic tags of each session (indices into `tagIDs`), ascending.
    public let sessionTags: [[Int32]]
    /// Every topic tag sessions use, in order of first use, and its weight (``Programme/tagWeight(_:)``).
    public let tagIDs: [String]
    public let tagWeight: [Int]
    public var tagCount: Int { tagIDs.count }
    public let sessionPinned: [Bool]
    public let sessionMinDays: [Int32]
    /// Whether the session counts towards day balance (not pinned, not main/opening/closing).
    public let sessionBalanced: [Bool]
    /// Order pairs (follower, predecessor) and, per session, the pairs it is in.
    public let orderPairs: [(follower: Int32, predecessor: Int32)]
    public let sessionOrderPairs: [[Int32]]

    // Parts.
    public let partCount: Int
    public let partSession: [Int32]
    public let partIndex: [Int32]
    /// Each part's placement in the programme, if any.
    public let initial: [Pos?]
    /// Each part's placement in the published programme, if one was given and it placed the part.
    public let published: [Pos?]
    /// Offset of each part's entries in the compact-adjacency counters.
    let partCompactBase: [Int32]
    let compactSlots: Int

    /// The number of grid days (days with slots).
    public let gridDayCount: Int

    public init(_ programme: Programme, published: Programme? = nil) {
        self.programme = programme
        self.book = RuleBook(settings: programme.ruleSettings)

        // Days.
        var dates = programme.days.map(\.date)
        var inProgramme = Array(repeating: true, count: dates.count)
        var dayIndex: [LocalDate: Int32] = [:]
        for (i, d) in dates.enumerated() where dayIndex[d] == nil { dayIndex[d] = Int32(i) }
        // Rooms.
        var rooms = programme.rooms
        let needsNoRoom = programme.sessions.contains { $0.online || $0.placements.contains { $0.room == nil } }
            || (published?.sessions.contains { $0.placements.contains { $0.room == nil } } ?? false)
        if needsNoRoom { rooms.append(Room(id: "", name: "Online (no room)", virtual: true)) }
        self.rooms = rooms
        noRoom = needsNoRoom ? Int32(programme.rooms.count) : -1
        var roomIDs = rooms.map(\.id)
        var known = Array(repeating: true, count: roomIDs.count)
        var roomIndex: [String: Int32] = [:]
        for (i, r) in roomIDs.enumerated() where roomIndex[r] == nil { roomIndex[r] = Int32(i) }
        func extraDay(_ date: LocalDate) -> Int32 {
            if let i = dayIndex[date] { return i }
            dates.append(date); inProgramme.append(false)
            let i = Int32(dates.count - 1); dayIndex[date] = i; return i
        }
        let noRoomIndex = noRoom
        func extraRoom(_ id: String?) -> Int32 {
            guard let id else { return noRoomIndex }
            if let i = roomIndex[id] { return i }
            roomIDs.append(id); known.append(false)
            let i = Int32(roomIDs.count - 1); roomIndex[id] = i; return i
        }
        for s in programme.sessions { for p in s.placements { _ = extraDay(p.day); _ = extraRoom(p.room) } }
        if let published { for s in published.sessions { for p in s.placements { _ = extraDay(p.day); _ = extraRoom(p.room) } } }
        dayCount = dates.count
        dayDates = dates
        dayInProgramme = inProgramme
        dayKey = dates.map { $0.dayNumber * 1440 }
        roomCount = roomIDs.count
        self.roomIDs = roomIDs
        roomKnown = known

        // Grid starts.
        var sDay: [Int32] = [], sMin: [Int32] = [], sRun: [Int32] = [], byDay: [[Int32]] = []
        var hasGrid: [Bool] = []
        var startIndex: [Int: Int32] = [:]   // day * 2000 + minute
        for (d, day) in programme.days.enumerated() {
            var list: [Int32] = []
            var seen = Set<Int>()
            for slot in day.slots where seen.insert(slot.start.minutes).inserted {
                let run = day.longestRun(from: slot.start)
                guard run > 0, dayIndex[day.date] == Int32(d) else { continue }
                startIndex[d * 2000 + slot.start.minutes] = Int32(sDay.count)
                list.append(Int32(sDay.count))
                sDay.append(Int32(d)); sMin.append(Int32(slot.start.minutes)); sRun.append(Int32(run))
            }
            list.sort { sMin[Int($0)] < sMin[Int($1)] }
            byDay.append(list)
            hasGrid.append(!list.isEmpty)
        }
        while byDay.count < dayCount { byDay.append([]); hasGrid.append(false) }
        startCount = sDay.count
        startDay = sDay; startMinute = sMin; startRun = sRun; startsOfDay = byDay
        dayHasGrid = hasGrid
        gridDayCount = hasGrid.filter { $0 }.count

        // People, themes, groups.
        var personIndex: [String: Int32] = [:]
        for (i, p) in programme.people.enumerated() where personIndex[p.id] == nil { personIndex[p.id] = Int32(i) }
        personCount = programme.people.count
        var themeIndex: [String: Int32] = [:]
        for (i, t) in programme.themes.enumerated() where themeIndex[t.id] == nil { themeIndex[t.id] = Int32(i) }
        themeCount = programme.themes.count
        themeCrossCutting = programme.themes.map(\.crossCutting)
        var sessionIndex: [String: Int32] = [:]
        for (i, s) in programme.sessions.enumerated() where sessionIndex[s.id] == nil { sessionIndex[s.id] = Int32(i) }
        groupCount = programme.groups.count
        groupNoOverlap = programme.groups.map(\.noOverlap)
        groupCompact = programme.groups.map(\.compact)
        var noOverlapOf = Array(repeating: [Int32](), count: programme.sessions.count)
        var compactOf = Array(repeating: [Int32](), count: programme.sessions.count)
        for (g, group) in programme.groups.enumerated() {
            var members = Set<Int32>()
            for id in group.sessions { if let s = sessionIndex[id] { members.insert(s) } }
            for s in members.sorted() {
                if group.noOverlap { noOverlapOf[Int(s)].append(Int32(g)) }
                if group.compact { compactOf[Int(s)].append(Int32(g)) }
            }
        }
        sessionNoOverlapGroups = noOverlapOf
        sessionCompactGroups = compactOf

        // Sessions and parts.
        sessionCount = programme.sessions.count
        var dur: [Int32] = [], first: [Int32] = [], count: [Int32] = [], people: [[Int32]] = [], themes: [[Int32]] = []
        var mainThemes: [[Int32]] = [], pinned: [Bool] = [], balanced: [Bool] = []
        var pSession: [Int32] = [], pIndex: [Int32] = [], initial: [Pos?] = [], compactBase: [Int32] = []
        var compactSlots = 0
        let themeCC = programme.themes.map(\.crossCutting)
        func pos(_ placement: Placement, duration: Int) -> Pos {
            let d = extraDay(placement.day)
            let start = placement.start.minutes
            let end = placement.end?.minutes ?? start + duration
            let slot = startIndex[Int(d) * 2000 + start] ?? -1
            return Pos(day: d, start: Int32(start), end: Int32(end), room: extraRoom(placement.room), slot: slot)
        }
        for (si, s) in programme.sessions.enumerated() {
            dur.append(Int32(s.duration))
            first.append(Int32(pSession.count))
            let n = max(s.parts, s.placements.count)
            count.append(Int32(n))
            var ps: [Int32] = []
            for part in s.people { if let p = personIndex[part.person], !ps.contains(p) { ps.append(p) } }
            people.append(ps.sorted())
            var ts: [Int32] = []
            for t in s.themes { if let i = themeIndex[t], !themeCC[Int(i)], !ts.contains(i) { ts.append(i) } }
            themes.append(ts.sorted())
            mainThemes.append(s.kind == .mainSession ? ts.sorted() : [])
            pinned.append(s.pinned)
            let k = s.kind
            balanced.append(!s.pinned && k != .mainSession && k != .opening && k != .closing)
            for part in 0..<n {
                pSession.append(Int32(si)); pIndex.append(Int32(part))
                initial.append(part < s.placements.count ? pos(s.placements[part], duration: s.duration) : nil)
                compactBase.append(Int32(compactSlots))
                compactSlots += compactOf[si].count
            }
        }
        sessionDuration = dur; sessionFirstPart = first; sessionPartCount = count
        sessionPeople = people; sessionThemes = themes; sessionMainThemes = mainThemes
        sessionPinned = pinned; sessionBalanced = balanced
        sessionMinDays = programme.sessions.map { Int32($0.minDays) }
        let online = Set(programme.people.filter { $0.attendance == .online }.map(\.id))
        sessionEquipment = programme.sessions.map { s in
            if s.online { return [] }
            var needs: [String] = []
            let remote = s.people.contains { $0.role == .onlineModerator || online.contains($0.person) } ? ["remote"] : []
            for item in s.equipment + (programme.policy(for: s.kind)?.equipment ?? []) + remote where !needs.contains(item) { needs.append(item) }
            return needs
        }
        sessionLanguages = programme.sessions.map { s in
            var needs: [String] = []
            let policy = programme.policy(for: s.kind)
            let kindLanguages = policy?.interpretation == false ? [] : (policy?.languages ?? [])
            for language in s.languages + kindLanguages where !needs.contains(language) { needs.append(language) }
            return needs
        }
        var tagIndex: [String: Int32] = [:], tagList: [String] = []
        sessionTags = programme.sessions.map { s in
            var ts: [Int32] = []
            for tag in s.tags {
                let i: Int32
                if let known = tagIndex[tag] { i = known } else { i = Int32(tagList.count); tagIndex[tag] = i; tagList.append(tag) }
                if !ts.contains(i) { ts.append(i) }
            }
            return ts.sorted()
        }
        tagIDs = tagList
        tagWeight = tagList.map { programme.tagWeight($0) }
        partCount = pSession.count; partSession = pSession; partIndex = pIndex; self.initial = initial
        partCompactBase = compactBase; self.compactSlots = compactSlots

        // Published placements, matched by session id and part index.
        var pub = Array<Pos?>(repeating: nil, count: pSession.count)
        if let published {
            for ps in published.sessions {
                guard let si = sessionIndex[ps.id] else { continue }
                let s = programme.sessions[Int(si)]
                for (k, placement) in ps.placements.enumerated() where k < Int(count[Int(si)]) {
                    pub[Int(first[Int(si)]) + k] = pos(placement, duration: s.duration)
                }
            }
        }
        self.published = pub

        // Order pairs.
        var pairs: [(follower: Int32, predecessor: Int32)] = []
        var pairsOf = Array(repeating: [Int32](), count: programme.sessions.count)
        for (si, s) in programme.sessions.enumerated() {
            var seen = Set<Int32>()
            for id in s.after {
                guard let a = sessionIndex[id], a != Int32(si), seen.insert(a).inserted else { continue }
                pairsOf[si].append(Int32(pairs.count)); pairsOf[Int(a)].append(Int32(pairs.count))
                pairs.append((Int32(si), a))
            }
        }
        orderPairs = pairs
        sessionOrderPairs = pairsOf
        // Late additions of days/rooms (from published placements) must be reflected; they were all
        // added before the counts above were fixed except through `pos`, which only sees known ones.
        precondition(dates.count == dayCount && roomIDs.count == roomCount)
    }

    // MARK: Lookups for the solver and for messages

    public func session(ofPart p: Int) -> Session { programme.sessions[Int(partSession[p])] }

    /// The placement in the model's terms.
    public func placement(_ pos: Pos, part p: Int) -> Placement {
        let s = session(ofPart: p)
        let explicitEnd = Int(pos.end) != Int(pos.start) + s.duration
        return Placement(day: dayDates[Int(pos.day)], start: TimeOfDay(minutes: Int(pos.start)), room: pos.room == noRoom ? nil : roomIDs[Int(pos.room)],
                         end: explicitEnd ? TimeOfDay(minutes: Int(pos.end)) : nil)
    }

    /// The position of part `p` starting at grid start `slot` in `room`, running its duration.
    @inline(__always) public func gridPos(part p: Int, slot: Int, room: Int) -> Pos {
        let start = startMinute[slot]
        return Pos(day: startDay[slot], start: start, end: start + sessionDuration[Int(partSession[p])], room: Int32(room), slot: Int32(slot))
    }

    /// Whether a position lies on the grid: a programme day, a slot start, and a run of
    /// back-to-back slots at least as long as the span.
    public func onGrid(_ pos: Pos) -> Bool {
        pos.slot >= 0 && dayInProgramme[Int(pos.day)] && pos.end - pos.start <= startRun[Int(pos.slot)]
    }

    /// A key ordering positions across days.
    @inline(__always) func timeKey(day: Int32, minute: Int32) -> Int { dayKey[Int(day)] + Int(minute) }
}

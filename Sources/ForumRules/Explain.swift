import ForumModel

/// Turning the rules' counters into violations an organiser can act on.
extension ScoreState {
    /// Every violation of the current placements, in catalogue order, then by time. The
    /// penalties add up to ``score`` (tests hold the two to each other).
    public func violations() -> [Violation] {
        var out: [(key: (Int, Int, Int), violation: Violation)] = []
        let pr = problem
        let days = pr.dayCount
        let dayOrder = dayRanks()

        func emit(_ rule: Int, units n: Int, parts: [Int], pos: Pos?, room: Int? = nil, person: Int? = nil,
                  start: Int32? = nil, end: Int32? = nil, timed: Bool = true, message: String, fix: String?) {
            guard n > 0, ruleOn[rule] else { return }
            let sessions = Array(Set(parts.map { Int(pr.partSession[$0]) })).sorted()
            let v = Violation(rule: RuleID.allCases[rule], hard: ruleHard[rule], penalty: n * ruleWeight[rule],
                              sessions: sessions.map { pr.programme.sessions[$0].id },
                              room: (room ?? pos.map { Int($0.room) }).flatMap { $0 >= 0 ? pr.roomIDs[$0] : nil },
                              person: person.map { pr.programme.people[$0].id },
                              day: pos.map { pr.dayDates[Int($0.day)] },
                              start: timed ? (start ?? pos?.start).map { TimeOfDay(minutes: Int($0)) } : nil,
                              end: timed ? (end ?? pos?.end).map { TimeOfDay(minutes: Int($0)) } : nil,
                              message: message, fix: fix)
            let key = (rule, pos.map { dayOrder[Int($0.day)] * 2000 + Int(start ?? $0.start) } ?? -1, sessions.first ?? -1)
            out.append((key, v))
        }

        // Pairs overlapping inside a bucket, each once, in time order.
        func pairs(_ bucket: [Int32]) -> [(Int, Int)] {
            let sorted = bucket.map(Int.init).sorted { (at[$0].start, at[$0].end, $0) < (at[$1].start, at[$1].end, $1) }
            var result: [(Int, Int)] = []
            for i in sorted.indices {
                for j in (i + 1)..<sorted.count {
                    if at[sorted[j]].start >= at[sorted[i]].end { break }
                    if at[sorted[i]].overlaps(at[sorted[j]]) { result.append((sorted[i], sorted[j])) }
                }
            }
            return result
        }
        func overlap(_ a: Int, _ b: Int) -> (Int32, Int32) { (max(at[a].start, at[b].start), min(at[a].end, at[b].end)) }
        /// Of two parts in conflict, the one to move: not a pinned one, else the later one.
        func mover(_ a: Int, _ b: Int) -> Int {
            let pa = pr.sessionPinned[Int(pr.partSession[a])], pb = pr.sessionPinned[Int(pr.partSession[b])]
            if pb && !pa { return a }
            return b
        }

        // room-conflict
        if ruleOn[rRoomConflict] {
            for r in 0..<pr.roomCount {
                for d in 0..<days {
                    for (a, b) in pairs(roomBuckets[r * days + d]) {
                        let (s, e) = overlap(a, b), m = mover(a, b)
                        emit(rRoomConflict, units: 1, parts: [a, b], pos: at[a], start: s, end: e,
                             message: "\(roomLabel(r)) is double-booked on \(dayText(at[a].day)) \(clock(s))–\(clock(e)): \(partLabel(a)) (\(span(a))) and \(partLabel(b)) (\(span(b))).",
                             fix: "move \(partLabel(m)) to another room or time; \(suggestion(m, sameTime: true))")
                    }
                }
            }
        }
        // person-conflict
        if usePeople && ruleOn[rPersonConflict] {
            for person in 0..<pr.personCount {
                for d in 0..<days {
                    for (a, b) in pairs(personBuckets[person * days + d]) where pr.partSession[a] != pr.partSession[b] {
                        let (s, e) = overlap(a, b), m = mover(a, b)
                        let name = personLabel(person)
                        emit(rPersonConflict, units: 1, parts: [a, b], pos: at[a], room: Int(at[m].room), person: person, start: s, end: e,
                             message: "\(name) is in two sessions at once on \(dayText(at[a].day)) \(clock(s))–\(clock(e)): \(partLabel(a)) (\(span(a)), \(roomLabel(Int(at[a].room)))) and \(partLabel(b)) (\(span(b)), \(roomLabel(Int(at[b].room)))).",
                             fix: "move \(partLabel(m)) to a time when \(pr.programme.people[person].name) is free (\(suggestion(m, sameTime: false))), or ask someone else to take the part")
                    }
                }
            }
        }
        // group-conflict: explicit groups, then series.
        if ruleOn[rGroupConflict] {
            for g in 0..<pr.groupCount where pr.groupNoOverlap[g] {
                let group = pr.programme.groups[g]
                for d in 0..<days {
                    for (a, b) in pairs(groupBuckets[g * days + d]) {
                        let sa = Int(pr.partSession[a]), sb = Int(pr.partSession[b])
                        guard sa != sb, firstShared(pr.sessionNoOverlapGroups[sa], pr.sessionNoOverlapGroups[sb]) == Int32(g) else { continue }
                        let (s, e) = overlap(a, b), m = mover(a, b)
                        emit(rGroupConflict, units: 1, parts: [a, b], pos: at[a], start: s, end: e,
                             message: "\(partLabel(a)) and \(partLabel(b)) of group '\(group.title)' (\(group.id)) overlap on \(dayText(at[a].day)) \(clock(s))–\(clock(e)); its audience cannot attend both.",
                             fix: "move \(partLabel(m)) to another time; \(suggestion(m, sameTime: false))")
                    }
                }
            }
            for si in 0..<pr.sessionCount where pr.sessionPartCount[si] > 1 {
                let first = Int(pr.sessionFirstPart[si])
                let parts = (first..<(first + Int(pr.sessionPartCount[si]))).filter { at[$0].day >= 0 }
                for (i, a) in parts.enumerated() {
                    for b in parts[(i + 1)...] where at[a].overlaps(at[b]) {
                        let (s, e) = overlap(a, b)
                        emit(rGroupConflict, units: 1, parts: [a, b], pos: at[a], start: s, end: e,
                             message: "Parts \(pr.partIndex[a] + 1) and \(pr.partIndex[b] + 1) of the series \(sessionLabel(si)) overlap on \(dayText(at[a].day)) \(clock(s))–\(clock(e)).",
                             fix: "move \(partLabel(b)) to another time; \(suggestion(b, sameTime: false))")
                    }
                }
            }
        }
        // theme-parallel
        if ruleOn[rThemeParallel] {
            for t in 0..<pr.themeCount where !pr.themeCrossCutting[t] {
                let theme = pr.programme.themes[t]
                for d in 0..<days {
                    for (a, b) in pairs(themeBuckets[t * days + d]) {
                        let sa = Int(pr.partSession[a]), sb = Int(pr.partSession[b])
                        guard sa != sb, firstShared(pr.sessionThemes[sa], pr.sessionThemes[sb]) == Int32(t) else { continue }
                        let (s, e) = overlap(a, b), m = mover(a, b)
                        emit(rThemeParallel, units: 1, parts: [a, b], pos: at[a], start: s, end: e,
                             message: "\(partLabel(a)) and \(partLabel(b)), both on \(theme.title), run in parallel on \(dayText(at[a].day)) \(clock(s))–\(clock(e)).",
                             fix: "move \(partLabel(m)) to a time without another \(theme.title) session")
                    }
                }
            }
        }
        // theme-main-clash
        if useMain && ruleOn[rThemeMainClash] {
            for m in 0..<pr.partCount where at[m].day >= 0 {
                let mains = pr.sessionMainThemes[Int(pr.partSession[m])]
                // A session sharing several themes with the main session is listed once, under the first.
                for t0 in mains.map(Int.init) {
                    let theme = pr.programme.themes[t0]
                    for q in themeBuckets[t0 * days + Int(at[m].day)].map(Int.init).sorted()
                    where pr.partSession[q] != pr.partSession[m] && at[q].overlaps(at[m])
                        && firstShared(mains, pr.sessionThemes[Int(pr.partSession[q])]) == Int32(t0) {
                        let (s, e) = overlap(q, m)
                        emit(rThemeMainClash, units: 1, parts: [q, m], pos: at[q], start: s, end: e,
                             message: "\(partLabel(q)) runs against \(partLabel(m)), the main session of its theme \(theme.title), on \(dayText(at[q].day)) \(clock(s))–\(clock(e)).",
                             fix: "move \(partLabel(q)) out of \(clock(at[m].start))–\(clock(at[m].end)) on \(dayText(at[m].day))")
                    }
                }
            }
        }
        // Placement-only rules and unplaced parts.
        for p in 0..<pr.partCount {
            let si = Int(pr.partSession[p])
            let session = pr.programme.sessions[si]
            let pos = at[p]
            if pos.day < 0 {
                // One violation per session, at its first unplaced part.
                let first = Int(pr.sessionFirstPart[si])
                let missing = (first..<(first + Int(pr.sessionPartCount[si]))).filter { at[$0].day < 0 }
                if missing.first == p {
                    do {
                        let what = pr.sessionPartCount[si] > 1 ? "\(missing.count) of its \(pr.sessionPartCount[si]) parts have" : "it has"
                        emit(rUnplaced, units: missing.count, parts: [p], pos: nil,
                             message: "\(sessionLabel(si)) is not placed: \(what) no room and time.",
                             fix: "give it a placement, or run `forum solve`; \(suggestion(p, sameTime: false))")
                    }
                }
                continue
            }
            let u = unaryUnits(p, pos)
            let r = Int(pos.room)
            let when = "\(dayText(pos.day)) \(clock(pos.start))–\(clock(pos.end))"
            if u.outsideGrid > 0 {
                emit(rOutsideGrid, units: Int(u.outsideGrid), parts: [p], pos: pos,
                     message: "\(partLabel(p)) at \(when) is outside the grid: \(gridReason(pos)).",
                     fix: "start it at a slot start; \(suggestion(p, sameTime: false))")
            }
            if u.roomUnavailable > 0 {
                let reason = pr.roomKnown[r] ? "\(roomLabel(r)) is not available then" : "the room `\(pr.roomIDs[r])` does not exist"
                emit(rRoomUnavailable, units: Int(u.roomUnavailable), parts: [p], pos: pos,
                     message: "\(partLabel(p)) is placed in \(roomLabel(r)) on \(when), but \(reason).",
                     fix: "move it; \(suggestion(p, sameTime: true))")
            }
            if u.longerThanPlacement > 0 {
                emit(rLongerThanPlacement, units: Int(u.longerThanPlacement), parts: [p], pos: pos,
                     message: "\(partLabel(p)) runs \(session.duration) minutes, but its placement \(when) holds only \(pos.end - pos.start).",
                     fix: "end the placement at \(clock(pos.start + Int32(session.duration))) or shorten the session")
            }
            if u.roomTooSmall > 0 {
                emit(rRoomTooSmall, units: Int(u.roomTooSmall), parts: [p], pos: pos,
                     message: "\(partLabel(p)) expects \(session.audience ?? 0) participants, but \(roomLabel(r)) seats \(pr.programme.rooms[r].capacity ?? 0) (\(u.roomTooSmall) too many), \(when).",
                     fix: "move it to a larger room; \(suggestion(p, sameTime: true))")
            }
            if u.equipmentMissing > 0 {
                let lacks = pr.roomKnown[r] ? session.equipment.filter { !pr.programme.rooms[r].equipment.contains($0) } : session.equipment
                emit(rEquipmentMissing, units: Int(u.equipmentMissing), parts: [p], pos: pos,
                     message: "\(partLabel(p)) needs \(lacks.joined(separator: ", ")), which \(roomLabel(r)) lacks, \(when).",
                     fix: "move it to a room with \(lacks.joined(separator: " and ")); \(suggestion(p, sameTime: true))")
            }
            if u.personUnavailable > 0 {
                let range = TimeRange(start: TimeOfDay(minutes: Int(pos.start)), end: TimeOfDay(minutes: Int(pos.end)))
                for person in pr.sessionPeople[si] {
                    let who = pr.programme.people[Int(person)]
                    guard let window = who.unavailable.first(where: { $0.overlaps(day: pr.dayDates[Int(pos.day)], range: range) }) else { continue }
                    let role = session.people.first { $0.person == who.id }?.role.rawValue ?? "participant"
                    emit(rPersonUnavailable, units: 1, parts: [p], pos: pos, person: Int(person),
                         message: "\(personLabel(Int(person))), \(role) of \(partLabel(p)) on \(when), is unavailable then (\(window)).",
                         fix: "move \(partLabel(p)) to a time when \(who.name) can come; \(suggestion(p, sameTime: false))")
                }
            }
            if u.sessionUnavailable > 0 {
                emit(rSessionUnavailable, units: Int(u.sessionUnavailable), parts: [p], pos: pos,
                     message: "\(partLabel(p)) is placed on \(when), a time it excludes (\(session.unavailable.map(\.description).joined(separator: ", "))).",
                     fix: "move it; \(suggestion(p, sameTime: false))")
            }
            if u.roomSizeFit > 0 {
                emit(rRoomSizeFit, units: Int(u.roomSizeFit), parts: [p], pos: pos,
                     message: "\(partLabel(p)) expects \(session.audience ?? 0) participants in \(roomLabel(r)) with \(pr.programme.rooms[r].capacity ?? 0) seats, \(when).",
                     fix: "give it a room nearer \(2 * (session.audience ?? 0)) seats")
            }
            if u.preferenceMissed > 0 {
                var missed: [String] = []
                let prefs = session.preferences
                let range = TimeRange(start: TimeOfDay(minutes: Int(pos.start)), end: TimeOfDay(minutes: Int(pos.end)))
                if !prefs.days.isEmpty && !prefs.days.contains(pr.dayDates[Int(pos.day)]) { missed.append("days \(prefs.days.map(\.description).joined(separator: ", "))") }
                if !prefs.times.isEmpty && !prefs.times.contains(where: { $0.contains(range) }) { missed.append("times \(prefs.times.map(\.description).joined(separator: ", "))") }
                if !prefs.rooms.isEmpty && !prefs.rooms.contains(pr.roomIDs[r]) { missed.append("rooms \(prefs.rooms.joined(separator: ", "))") }
                emit(rPreferenceMissed, units: Int(u.preferenceMissed), parts: [p], pos: pos,
                     message: "\(partLabel(p)) on \(when) in \(roomLabel(r)) misses its preferred \(missed.joined(separator: "; ")).",
                     fix: "move it to one of its preferred \(missed.joined(separator: "; "))")
            }
            if u.movedFromPublished > 0, let old = pr.published[p] {
                emit(rMovedFromPublished, units: Int(u.movedFromPublished), parts: [p], pos: pos,
                     message: "\(partLabel(p)) moved from \(dayText(old.day)) \(clock(old.start)) in \(roomLabel(Int(old.room))) (published) to \(when) in \(roomLabel(r)).",
                     fix: "tell its participants, or move it back if that is free")
            }
        }
        // order-missed
        if useOrder {
            for (i, pair) in pr.orderPairs.enumerated() where orderViolated[i] {
                let f = Int(pair.follower), a = Int(pair.predecessor)
                let fp = earliestPart(f), ap = latestPart(a)
                emit(rOrderMissed, units: 1, parts: [fp, ap], pos: at[fp],
                     message: "\(sessionLabel(f)) should come after \(sessionLabel(a)), but starts \(dayText(at[fp].day)) \(clock(at[fp].start)), before it ends \(dayText(at[ap].day)) \(clock(at[ap].end)).",
                     fix: "move \(sessionLabel(f)) after \(dayText(at[ap].day)) \(clock(at[ap].end)) or \(sessionLabel(a)) earlier")
            }
        }
        // day-balance
        if useBalance && ruleOn[rDayBalance] {
            let share = balanceShare()
            for d in 0..<days where pr.dayHasGrid[d] && Int(balanceOnDay[d]) > share {
                let parts = (0..<pr.partCount).filter { at[$0].day == Int32(d) && pr.sessionBalanced[Int(pr.partSession[$0])] }
                let lightest = (0..<days).filter { pr.dayHasGrid[$0] }.min { (balanceOnDay[$0], dayOrder[$0]) < (balanceOnDay[$1], dayOrder[$1]) }!
                emit(rDayBalance, units: Int(balanceOnDay[d]) - share, parts: parts, pos: Pos(day: Int32(d), start: 0, end: 0, room: -1, slot: -1),
                     timed: false,
                     message: "\(dayText(Int32(d))) has \(balanceOnDay[d]) sessions, \(Int(balanceOnDay[d]) - share) beyond an even share of \(share) (counting sessions that are not pinned and not main, opening or closing sessions).",
                     fix: "move \(Int(balanceOnDay[d]) - share) of them to a lighter day such as \(dayText(Int32(lightest))) (\(balanceOnDay[lightest]) sessions)")
            }
        }
        // series-spread and series-room-change
        if useSeries {
            for si in 0..<pr.sessionCount where seriesSpreadUnits[si] > 0 || seriesRoomUnits[si] > 0 {
                let first = Int(pr.sessionFirstPart[si])
                let parts = (first..<(first + Int(pr.sessionPartCount[si]))).filter { at[$0].day >= 0 }
                let usedDays = Set(parts.map { at[$0].day }).sorted().map { dayText($0) }
                let usedRooms = Set(parts.map { at[$0].room }).sorted().map { pr.roomIDs[Int($0)] }
                if seriesSpreadUnits[si] > 0 {
                    emit(rSeriesSpread, units: Int(seriesSpreadUnits[si]), parts: parts, pos: nil,
                         message: "The series \(sessionLabel(si)) meets on \(usedDays.count) day(s) (\(usedDays.joined(separator: ", "))) but should spread over at least \(pr.sessionMinDays[si]).",
                         fix: "move a part that shares a day with another to a day the series does not use yet")
                }
                if seriesRoomUnits[si] > 0 {
                    emit(rSeriesRoomChange, units: Int(seriesRoomUnits[si]), parts: parts, pos: nil,
                         message: "The series \(sessionLabel(si)) uses \(usedRooms.count) rooms (\(usedRooms.joined(separator: ", "))) instead of one.",
                         fix: "put every part in \(usedRooms[0]) if it is free at their times")
                }
            }
        }
        // group-isolated
        if useCompact {
            for p in 0..<pr.partCount where at[p].day >= 0 {
                let si = Int(pr.partSession[p])
                for (i, g) in pr.sessionCompactGroups[si].enumerated() where compactAdjacent[Int(pr.partCompactBase[p]) + i] == 0 {
                    let group = pr.programme.groups[Int(g)]
                    emit(rGroupIsolated, units: 1, parts: [p], pos: at[p],
                         message: "\(partLabel(p)) on \(dayText(at[p].day)) \(clock(at[p].start))–\(clock(at[p].end)) has no other session of group '\(group.title)' (\(group.id)) just before or after it.",
                         fix: "move it next to another session of \(group.id) on that day, or move one next to it")
                }
            }
        }

        return out.sorted { $0.key < $1.key }.map(\.violation)
    }

    // MARK: Naming things for people

    func sessionLabel(_ s: Int) -> String {
        let session = problem.programme.sessions[s]
        return "\(session.id) '\(session.title)'"
    }

    func partLabel(_ p: Int) -> String {
        let s = Int(problem.partSession[p])
        if problem.sessionPartCount[s] > 1 { return "\(sessionLabel(s)) (part \(problem.partIndex[p] + 1))" }
        return sessionLabel(s)
    }

    func roomLabel(_ r: Int) -> String {
        guard r >= 0 else { return "no room" }
        guard problem.roomKnown[r] else { return "`\(problem.roomIDs[r])`" }
        let room = problem.programme.rooms[r]
        return room.name == room.id ? room.id : "\(room.name) (\(room.id))"
    }

    func personLabel(_ person: Int) -> String {
        let who = problem.programme.people[person]
        return who.name == who.id ? who.id : "\(who.name) (\(who.id))"
    }

    func dayText(_ d: Int32) -> String { problem.dayDates[Int(d)].description }
    func clock(_ minutes: Int32) -> String { TimeOfDay(minutes: Int(minutes)).description }
    func span(_ p: Int) -> String { "\(clock(at[p].start))–\(clock(at[p].end))" }

    func dayRanks() -> [Int] {
        let order = (0..<problem.dayCount).sorted { problem.dayDates[$0] < problem.dayDates[$1] }
        var rank = Array(repeating: 0, count: problem.dayCount)
        for (i, d) in order.enumerated() { rank[d] = i }
        return rank
    }

    func firstShared(_ a: [Int32], _ b: [Int32]) -> Int32? { a.first { b.contains($0) } }

    func earliestPart(_ s: Int) -> Int {
        let first = Int(problem.sessionFirstPart[s])
        return (first..<(first + Int(problem.sessionPartCount[s]))).filter { at[$0].day >= 0 }
            .min { problem.timeKey(day: at[$0].day, minute: at[$0].start) < problem.timeKey(day: at[$1].day, minute: at[$1].start) }!
    }

    func latestPart(_ s: Int) -> Int {
        let first = Int(problem.sessionFirstPart[s])
        return (first..<(first + Int(problem.sessionPartCount[s]))).filter { at[$0].day >= 0 }
            .max { problem.timeKey(day: at[$0].day, minute: at[$0].end) < problem.timeKey(day: at[$1].day, minute: at[$1].end) }!
    }

    func gridReason(_ pos: Pos) -> String {
        let pr = problem
        let d = Int(pos.day)
        guard pr.dayInProgramme[d] else { return "\(dayText(pos.day)) is not a day of the event" }
        let starts = pr.startsOfDay[d]
        guard !starts.isEmpty else { return "\(dayText(pos.day)) has no slots" }
        guard pos.slot >= 0 else {
            return "no slot starts at \(clock(pos.start)) (slots start at \(starts.map { clock(pr.startMinute[Int($0)]) }.joined(separator: ", ")))"
        }
        return "it runs \(pos.end - pos.start) minutes, but the back-to-back slots from \(clock(pos.start)) hold only \(pr.startRun[Int(pos.slot)])"
    }

    /// A cheap hint for where part `p` could go without breaking a hard rule against what is
    /// placed now: first another room at the same time (when `sameTime`), else the first free
    /// grid start and room.
    func suggestion(_ p: Int, sameTime: Bool) -> String {
        let pr = problem
        let s = Int(pr.partSession[p])
        let duration = Int32(pr.sessionDuration[s])
        var candidates: [Int] = []
        if sameTime, at[p].slot >= 0 { candidates.append(Int(at[p].slot)) }
        for d in 0..<pr.dayCount { candidates.append(contentsOf: pr.startsOfDay[d].map(Int.init)) }
        var tries = 0
        for t in candidates where pr.startRun[t] >= duration {
            for r in 0..<pr.roomCount where pr.roomKnown[r] {
                tries += 1
                if tries > 300 { return "no free room and time found quickly" }
                let pos = pr.gridPos(part: p, slot: t, room: r)
                if pos == at[p] { continue }
                if fitsHard(p, pos) {
                    let same = sameTime && t == Int(at[p].slot)
                    return same ? "\(pr.roomIDs[r]) is free then" : "\(pr.roomIDs[r]) is free on \(dayText(pos.day)) at \(clock(pos.start))"
                }
            }
        }
        return "no room and time is free for it"
    }

    /// Whether part `p` at `pos` would break no hard rule against the other placements.
    func fitsHard(_ p: Int, _ pos: Pos) -> Bool {
        let pr = problem
        let s = Int(pr.partSession[p])
        let days = pr.dayCount, day = Int(pos.day)
        for q in roomBuckets[Int(pos.room) * days + day] where Int(q) != p && at[Int(q)].overlaps(pos) { return false }
        if usePeople {
            for person in pr.sessionPeople[s] {
                for q in personBuckets[Int(person) * days + day] where Int(q) != p && at[Int(q)].overlaps(pos) { return false }
            }
        }
        if useGroups {
            for g in pr.sessionNoOverlapGroups[s] {
                for q in groupBuckets[Int(g) * days + day] where Int(q) != p && at[Int(q)].overlaps(pos) { return false }
            }
        }
        let u = unaryUnits(p, pos)
        let hardUnary: [(Int, Int32)] = [(rOutsideGrid, u.outsideGrid), (rRoomUnavailable, u.roomUnavailable), (rRoomTooSmall, u.roomTooSmall),
                                         (rEquipmentMissing, u.equipmentMissing), (rPersonUnavailable, u.personUnavailable),
                                         (rSessionUnavailable, u.sessionUnavailable)]
        for (rule, n) in hardUnary where n > 0 && ruleOn[rule] && ruleHard[rule] { return false }
        return true
    }
}

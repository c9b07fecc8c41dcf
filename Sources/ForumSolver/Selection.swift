import Foundation
import ForumModel
import ForumRules

// # Selection: choosing the proposals to accept (`forum select`)
//
//     let result = try select(proposals, options: SelectionOptions(caps: SelectionCaps(places: 355, perOrganisation: 3)))
//     write(result.programme)
//     for d in result.decisions where !d.accepted { print(d.session, d.reasons) }
//
// Every session of the programme is a proposal; pinned and placed ones are always accepted.
// The choice is the 0-1 program of SelectionProgram.swift, built here:
//
// - Value: a proposal's `score` (counted to two decimals), or from its `rank` in its main
//   theme: 10000·(N + 1 − rank)/N with N the theme's largest rank, so the best of every
//   theme is worth 10000 whatever the theme's size (`SelectionValueSource`). Each value is
//   multiplied by (proposals + 1) and 1 is added: among selections of equal value the one
//   with more sessions wins (so proposals without a value fill places nobody else wants).
// - Room-slots: the solver's own domains say where each session may go (the grid starts
//   and rooms where no placement-only hard rule breaks). A session placed at a start in a
//   room blocks every grid start of that room it covers, so it uses at least the fewest
//   starts it covers anywhere in its domain (× parts). For each distinct set of rooms a
//   session may use, the sessions limited to that set (or a subset) may use no more
//   starts than those rooms offer. Sessions that may go online without a room use none.
// - Caps: places in all; sessions per organisation and per person; the share of each
//   basket of themes among the sessions of all baskets (count or minutes), between a
//   minimum and a maximum; a minimum of sessions per region and per stakeholder group.
//   A session belongs to the organisations, regions and stakeholder groups of its
//   organisers (of all its people when it names no organiser), to a person when the person
//   has any role in it, and to a basket by its main (first) theme.
// - Placement check: the accepted programme is solved (`Solver`, a move budget, so the
//   same input gives the same result). When the solver leaves sessions unplaced, every
//   room set holding one of them gets the starts those sessions needed taken off its
//   capacity and the selection is made again; a session that uses no room-slot is
//   excluded. After `maxRounds` the unplaced ones are dropped (if the caps still hold).

/// How a share of themes is measured.
public enum ShareMeasure: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each accepted session counts 1.
    case count
    /// Each accepted session counts its minutes (duration × parts).
    case minutes
}

/// A basket of themes whose share of the accepted sessions must lie in a range, e.g. the
/// IGF 2021's 60/40 between its two issue areas.
public struct ThemeBasket: Sendable, Hashable, Codable {
    public var name: String
    public var themes: [String]
    /// Percent, 0–100.
    public var minimumPercent: Double
    public var maximumPercent: Double

    public init(name: String, themes: [String], minimumPercent: Double, maximumPercent: Double) {
        self.name = name
        self.themes = themes
        self.minimumPercent = minimumPercent
        self.maximumPercent = maximumPercent
    }
}

/// At least `count` accepted sessions for a region or stakeholder group.
public struct GroupMinimum: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// The caps a selection keeps.
public struct SelectionCaps: Sendable, Hashable, Codable {
    /// At most this many sessions in all (pinned and placed ones included).
    public var places: Int?
    /// At most this many sessions per organisation.
    public var perOrganisation: Int?
    /// At most this many sessions per person.
    public var perPerson: Int?
    public var baskets: [ThemeBasket]
    public var shareBy: ShareMeasure
    public var minimumPerRegion: [GroupMinimum]
    public var minimumPerGroup: [GroupMinimum]

    public init(places: Int? = nil, perOrganisation: Int? = nil, perPerson: Int? = nil, baskets: [ThemeBasket] = [],
                shareBy: ShareMeasure = .count, minimumPerRegion: [GroupMinimum] = [], minimumPerGroup: [GroupMinimum] = []) {
        self.places = places
        self.perOrganisation = perOrganisation
        self.perPerson = perPerson
        self.baskets = baskets
        self.shareBy = shareBy
        self.minimumPerRegion = minimumPerRegion
        self.minimumPerGroup = minimumPerGroup
    }
}

/// Where a proposal's value comes from.
public enum SelectionValueSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// `score` when any proposal has one, else `rank`.
    case auto
    case score
    case rank
}

/// How to select.
public struct SelectionOptions: Sendable {
    public var caps: SelectionCaps
    public var valueSource: SelectionValueSource
    /// Branch-and-bound nodes per selection round (nil: no limit). With a budget the result
    /// depends only on the input.
    public var maxNodes: Int?
    /// Seconds per selection round (nil: none); stops early, so results may depend on the machine.
    public var timeLimit: Double?
    /// Whether to check each selection with the solver (off: the capacity bound only).
    public var checkPlacement: Bool
    /// The solver's move budget and seed for the check.
    public var solveMoves: Int
    public var seed: UInt64
    /// Selections made again after a failed check before unplaced sessions are dropped.
    public var maxRounds: Int

    public init(caps: SelectionCaps = SelectionCaps(), valueSource: SelectionValueSource = .auto, maxNodes: Int? = 2_000_000,
                timeLimit: Double? = nil, checkPlacement: Bool = true, solveMoves: Int = 100_000, seed: UInt64 = 1, maxRounds: Int = 8) {
        self.caps = caps
        self.valueSource = valueSource
        self.maxNodes = maxNodes
        self.timeLimit = timeLimit
        self.checkPlacement = checkPlacement
        self.solveMoves = solveMoves
        self.seed = seed
        self.maxRounds = maxRounds
    }
}

/// What was decided for one session.
public struct SelectionDecision: Sendable, Hashable, Codable {
    public var session: String
    public var accepted: Bool
    /// Accepted because pinned or already placed.
    public var forced: Bool
    /// The proposal's value as the selection counts it (score, or from rank), before tie-breaking.
    public var value: Double
    /// Why: for an accepted session "pinned", "placed" or "selected"; for a rejected one each
    /// cap that adding it would break, e.g. "organisation cap: ISOC has 3".
    public var reasons: [String]
}

/// One selection and its placement check.
public struct SelectionRound: Sendable, Hashable, Codable {
    public var accepted: Int
    public var value: Double
    public var proven: Bool
    public var nodes: Int
    /// Sessions the solver could not place (empty: the check passed, or it was off).
    public var unplaced: [String]
}

/// What `select` decided.
public struct SelectionResult: Sendable {
    /// The frame, the accepted sessions (in file order) and the people, groups and order
    /// links they use. Placements are those of the input (pinned and placed sessions).
    public var programme: Programme
    /// The frame with the rejected sessions and their people.
    public var rejected: Programme
    /// One per session of the input, in file order.
    public var decisions: [SelectionDecision]
    /// Σ value of the accepted sessions.
    public var value: Double
    /// An upper bound on the value of any selection under the caps and the capacity of the
    /// last round (equal to `value` when `optimal`).
    public var bound: Double
    /// Whether the last round's selection is proven best (the search finished within its budget).
    public var optimal: Bool
    public var valueSource: SelectionValueSource
    public var rounds: [SelectionRound]
    /// Whether the solver placed every accepted session (nil: not checked).
    public var placementChecked: Bool?
    public var seconds: Double
}

/// A set of caps no selection can keep.
public struct SelectionInfeasible: Error, Sendable, CustomStringConvertible {
    /// One line per cap at fault, e.g. "minimum per region: African Group needs 5, only 3 proposals".
    public var reasons: [String]
    public var description: String { reasons.joined(separator: "\n") }
}

/// Chooses the sessions to accept (see the notes at the top of this file). Throws
/// ``SelectionInfeasible`` when the caps cannot all be kept.
public func select(_ programme: Programme, options: SelectionOptions = SelectionOptions()) throws -> SelectionResult {
    try Selector(programme: programme, options: options).run()
}

/// Builds the 0-1 program of a selection and runs its rounds.
final class Selector {
    let input: Programme
    let options: SelectionOptions
    let n: Int
    let valueSource: SelectionValueSource
    /// Per session: value in hundredths (score) or rank units, before tie-breaking.
    let baseValues: [Int64]
    let forcedReason: [String?]
    /// Why a session can never be accepted (no place keeps the hard rules), or nil.
    var unplaceable: [String?]
    /// Room-slot use of each session (nil: uses none).
    var slotUse: [Int64?]
    var classRooms: [[Int32]] = []
    var sessionRooms: [[Int32]?] = []
    var roomStarts: [Int64] = []
    var roomNames: [String] = []

    // Rows and what each means, for reasons.
    enum RowKind {
        case capacity(rooms: [Int32]), places, organisation(String), person(String), basketMax(Int), basketMin(Int)
        case region(String), group(String)
    }
    var rowKinds: [RowKind] = []

    init(programme: Programme, options: SelectionOptions) {
        input = programme
        self.options = options
        n = programme.sessions.count
        let sessions = programme.sessions
        forcedReason = sessions.map { $0.pinned ? "pinned" : (!$0.placements.isEmpty ? "placed" : nil) }
        var source = options.valueSource
        if source == .auto { source = sessions.contains { $0.score != nil } ? .score : .rank }
        valueSource = source
        var values = [Int64](repeating: 0, count: sessions.count)
        switch source {
        case .score, .auto:
            for (i, s) in sessions.enumerated() {
                if let score = s.score, score.isFinite { values[i] = Int64((min(max(score, -1e9), 1e9) * 100).rounded()) }
            }
        case .rank:
            var largest: [String: Int] = [:]
            for s in sessions { if let rank = s.rank { largest[s.themes.first ?? "", default: 0] = max(largest[s.themes.first ?? "", default: 0], rank) } }
            for (i, s) in sessions.enumerated() {
                if let rank = s.rank, let top = largest[s.themes.first ?? ""], top > 0 {
                    values[i] = Int64((10000.0 * Double(top + 1 - min(rank, top)) / Double(top)).rounded())
                }
            }
        }
        baseValues = values
        unplaceable = Array(repeating: nil, count: sessions.count)
        slotUse = Array(repeating: nil, count: sessions.count)
        sessionRooms = Array(repeating: nil, count: sessions.count)
        measureRoomSlots()
    }

    /// The value of a session as reported (score, or rank units).
    func reportedValue(_ i: Int) -> Double { valueSource == .rank ? Double(baseValues[i]) : Double(baseValues[i]) / 100 }

    // MARK: Room-slots from the solver's domains

    func measureRoomSlots() {
        let search = Search(programme: input, options: SolverOptions(seed: options.seed, timeLimit: nil, maxMoves: 0))
        let pr = search.problem
        let roomCount = pr.roomCount
        let realRooms = input.rooms.count
        roomNames = (0..<roomCount).map { $0 < realRooms ? input.rooms[$0].id : "" }
        // Starts each real room offers.
        roomStarts = (0..<roomCount).map { r in
            guard r < realRooms else { return 0 }
            var count: Int64 = 0
            for t in 0..<pr.startCount {
                let day = pr.dayDates[Int(pr.startDay[t])]
                let minute = Int(pr.startMinute[t])
                if input.rooms[r].isAvailable(day: day, range: TimeRange(start: TimeOfDay(minutes: minute), end: TimeOfDay(minutes: minute + 1))) {
                    count += 1
                }
            }
            return count
        }
        for s in 0..<n {
            let domain = search.domain[s]
            if domain.isEmpty || search.domainRelaxed[s] {
                unplaceable[s] = domain.isEmpty
                    ? "capacity: no slot of the grid is long enough for its \(input.sessions[s].duration) minutes"
                    : "cannot be placed: every room and time breaks a hard rule (room size, equipment, kind, availability of the room or its people)"
                continue
            }
            var rooms = Set<Int32>()
            var fewest = Int.max
            for code in domain {
                let t = Int(code) / roomCount, r = Int32(Int(code) % roomCount)
                rooms.insert(r)
                let startMinute = pr.startMinute[t], end = startMinute + pr.sessionDuration[s]
                var covered = 0
                for u in pr.startsOfDay[Int(pr.startDay[t])] where pr.startMinute[Int(u)] >= startMinute && pr.startMinute[Int(u)] < end { covered += 1 }
                fewest = min(fewest, max(1, covered))
            }
            if rooms.contains(where: { Int($0) >= realRooms }) { continue }   // may go online without a room
            slotUse[s] = Int64(fewest) * Int64(pr.sessionPartCount[s])
            sessionRooms[s] = rooms.sorted()
        }
        var distinct = Set<[Int32]>()
        for rooms in sessionRooms { if let rooms { distinct.insert(rooms) } }
        let all = Set(distinct.flatMap { $0 }).sorted()
        if !all.isEmpty { distinct.insert(all) }
        // The largest sets first; at most 64 rows.
        classRooms = distinct.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        if classRooms.count > 64 { classRooms = Array(classRooms.prefix(64)) }
    }

    // MARK: Who a session belongs to

    /// The people a session is counted for by organisation, region and group: its organisers, else all its people.
    func leads(_ s: Session) -> [Person] {
        let organisers = s.people.filter { $0.role == .organiser }
        let chosen = organisers.isEmpty ? s.people : organisers
        var seen = Set<String>(), people: [Person] = []
        for p in chosen where seen.insert(p.person).inserted { if let person = input.person(p.person) { people.append(person) } }
        return people
    }

    func distinctValues(_ values: [String?]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for v in values {
            guard let v = v?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { continue }
            if seen.insert(v).inserted { out.append(v) }
        }
        return out
    }

    func organisations(_ s: Session) -> [String] { distinctValues(leads(s).map(\.organisation)) }
    func regions(_ s: Session) -> [String] { distinctValues(leads(s).map(\.region)) }
    func groups(_ s: Session) -> [String] { distinctValues(leads(s).map(\.stakeholderGroup)) }
    func people(_ s: Session) -> [String] { distinctValues(s.people.map(\.person)) }

    func measure(_ s: Session) -> Int64 { options.caps.shareBy == .count ? 1 : Int64(s.duration) * Int64(max(1, s.parts)) }

    func basket(of s: Session) -> Int? {
        guard let theme = s.themes.first else { return nil }
        return options.caps.baskets.firstIndex { $0.themes.contains(theme) }
    }

    // MARK: The program

    /// The 0-1 program for `capacity` (per class row, nil: the rooms' own) and `excluded` sessions.
    func program(capacity: [Int64], excluded: [Bool]) throws -> BinaryProgram {
        let sessions = input.sessions
        var program = BinaryProgram(itemCount: n)
        rowKinds = []
        for i in 0..<n {
            program.values[i] = baseValues[i] * Int64(n + 1) + 1
            program.forced[i] = forcedReason[i] != nil
            program.excluded[i] = !program.forced[i] && (excluded[i] || unplaceable[i] != nil)
        }
        var problems: [String] = []
        func countRow(_ members: [Int], limit: Int, kind: RowKind, what: String) {
            guard members.count > limit else { return }
            let forced = members.filter { program.forced[$0] }.count
            if forced > limit { problems.append("\(what): \(forced) pinned or placed sessions, more than the cap of \(limit)") }
            program.addRow(members.map { ($0, Int64(1)) }, limit: Int64(limit))
            rowKinds.append(kind)
        }
        // Capacity per room set.
        for (c, rooms) in classRooms.enumerated() {
            let set = Set(rooms)
            var members: [(item: Int, coef: Int64)] = []
            for i in 0..<n { if let use = slotUse[i], let r = sessionRooms[i], r.allSatisfy(set.contains) { members.append((i, use)) } }
            if members.reduce(Int64(0), { $0 + $1.coef }) <= capacity[c] { continue }
            program.addRow(members, limit: capacity[c])
            rowKinds.append(.capacity(rooms: rooms))
        }
        let caps = options.caps
        if let places = caps.places {
            countRow(Array(0..<n), limit: places, kind: .places, what: "places")
        }
        func membership(_ key: (Session) -> [String]) -> [(String, [Int])] {
            var members: [String: [Int]] = [:], order: [String] = []
            for (i, s) in sessions.enumerated() {
                for k in key(s) {
                    if members[k] == nil { order.append(k) }
                    members[k, default: []].append(i)
                }
            }
            return order.sorted().map { ($0, members[$0] ?? []) }
        }
        if let cap = caps.perOrganisation {
            for (org, members) in membership(organisations) { countRow(members, limit: cap, kind: .organisation(org), what: "organisation cap: \(org)") }
        }
        if let cap = caps.perPerson {
            for (person, members) in membership(people) {
                countRow(members, limit: cap, kind: .person(person), what: "person cap: \(personLabel(person))")
            }
        }
        // Shares: 10000·Σ_basket m·x ≤ maxBP·Σ_all baskets m·x, and the same for the minimum.
        if !caps.baskets.isEmpty {
            let inBasket = sessions.map(basket(of:))
            for (b, basket) in caps.baskets.enumerated() {
                let maxBP = Int64((basket.maximumPercent * 100).rounded()), minBP = Int64((basket.minimumPercent * 100).rounded())
                if maxBP < 10000 {
                    let coefs = (0..<n).compactMap { i -> (item: Int, coef: Int64)? in
                        guard let other = inBasket[i] else { return nil }
                        return (i, ((other == b ? 10000 : 0) - maxBP) * measure(sessions[i]))
                    }
                    program.addRow(coefs, limit: 0)
                    rowKinds.append(.basketMax(b))
                }
                if minBP > 0 {
                    let coefs = (0..<n).compactMap { i -> (item: Int, coef: Int64)? in
                        guard let other = inBasket[i] else { return nil }
                        return (i, (minBP - (other == b ? 10000 : 0)) * measure(sessions[i]))
                    }
                    program.addRow(coefs, limit: 0)
                    rowKinds.append(.basketMin(b))
                }
            }
        }
        func minimumRows(_ minima: [GroupMinimum], key: (Session) -> [String], kind: (String) -> RowKind, what: String) {
            for minimum in minima where minimum.count > 0 {
                let members = (0..<n).filter { key(sessions[$0]).contains(minimum.name) }
                let open = members.filter { !program.excluded[$0] }
                if open.count < minimum.count {
                    problems.append("\(what): \(minimum.name) needs \(minimum.count), but only \(open.count) proposals that can be placed have organisers from it")
                }
                program.addRow(members.map { ($0, Int64(-1)) }, limit: Int64(-minimum.count))
                rowKinds.append(kind(minimum.name))
            }
        }
        minimumRows(caps.minimumPerRegion, key: regions, kind: { .region($0) }, what: "minimum per region")
        minimumRows(caps.minimumPerGroup, key: groups, kind: { .group($0) }, what: "minimum per stakeholder group")
        if !problems.isEmpty { throw SelectionInfeasible(reasons: problems) }
        return program
    }

    func personLabel(_ id: String) -> String {
        if let p = input.person(id) { return "\(p.name) (\(id))" }
        return id
    }

    // MARK: Rounds

    func run() throws -> SelectionResult {
        let clock = DispatchTime.now().uptimeNanoseconds
        var capacity = classRooms.map { rooms in rooms.reduce(Int64(0)) { $0 + roomStarts[Int($1)] } }
        var excluded = [Bool](repeating: false, count: n)
        var rounds: [SelectionRound] = []
        var chosen: [Bool] = []
        var solution = ProgramSolution(x: nil, value: 0, bound: 0, proven: false, nodes: 0)
        var program = try self.program(capacity: capacity, excluded: excluded)
        var checked: Bool?
        var round = 0
        while true {
            program = try self.program(capacity: capacity, excluded: excluded)
            solution = solveProgram(program, maxNodes: options.maxNodes, timeLimit: options.timeLimit)
            guard let x = solution.x else {
                if round > 0, !chosen.isEmpty { break }   // keep the last selection; its unplaced ones are dropped below
                throw SelectionInfeasible(reasons: infeasibleCaps(solution))
            }
            chosen = x
            var record = SelectionRound(accepted: x.filter { $0 }.count, value: totalValue(x), proven: solution.proven,
                                        nodes: solution.nodes, unplaced: [])
            guard options.checkPlacement else { rounds.append(record); break }
            let unplaced = unplacedSessions(x)
            record.unplaced = unplaced.map { input.sessions[$0].id }
            rounds.append(record)
            if unplaced.isEmpty { checked = true; break }
            round += 1
            if round >= options.maxRounds { break }
            // Take the starts the unplaced sessions needed off every room set holding them.
            var changed = false
            for (c, rooms) in classRooms.enumerated() {
                let set = Set(rooms)
                var used: Int64 = 0, missing: Int64 = 0
                for i in 0..<n where x[i] {
                    guard let use = slotUse[i], let r = sessionRooms[i], r.allSatisfy(set.contains) else { continue }
                    used += use
                    if unplaced.contains(i) { missing += use }
                }
                if missing > 0, used - missing < capacity[c] { capacity[c] = used - missing; changed = true }
            }
            for i in unplaced where slotUse[i] == nil && forcedReason[i] == nil { excluded[i] = true; changed = true }
            if !changed { for i in unplaced where forcedReason[i] == nil { excluded[i] = true } }
        }
        if checkedFailed(rounds) {
            // Drop what the solver could not place, if the caps still hold without it.
            if let last = rounds.last {
                var x = chosen
                for id in last.unplaced { if let i = input.sessions.firstIndex(where: { $0.id == id }), forcedReason[i] == nil { x[i] = false; excluded[i] = true } }
                let relaxed = try self.program(capacity: capacity, excluded: excluded)
                if relaxed.isFeasible(x) {
                    chosen = x
                    let again = unplacedSessions(x)
                    rounds.append(SelectionRound(accepted: x.filter { $0 }.count, value: totalValue(x), proven: false, nodes: 0,
                                                 unplaced: again.map { input.sessions[$0].id }))
                    checked = again.isEmpty
                    program = relaxed
                    solution.proven = false
                } else {
                    checked = false
                }
            }
        }
        return result(chosen, program: program, solution: solution, rounds: rounds, checked: checked,
                      excluded: excluded, seconds: Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9)
    }

    func checkedFailed(_ rounds: [SelectionRound]) -> Bool { options.checkPlacement && !(rounds.last?.unplaced.isEmpty ?? true) }

    func totalValue(_ x: [Bool]) -> Double {
        var total: Int64 = 0
        for i in 0..<n where x[i] { total += baseValues[i] }
        return valueSource == .rank ? Double(total) : Double(total) / 100
    }

    /// The accepted sessions the solver leaves unplaced.
    func unplacedSessions(_ x: [Bool]) -> [Int] {
        let accepted = programme(x)
        let result = solve(accepted, options: SolverOptions(seed: options.seed, timeLimit: nil, maxMoves: options.solveMoves))
        var ids = Set<String>()
        for part in result.unplaced { ids.insert(part.session) }
        if !result.feasible && ids.isEmpty { return [] }   // pinned sessions clashing among themselves: nothing to drop
        return (0..<n).filter { x[$0] && ids.contains(input.sessions[$0].id) }
    }

    /// The frame with the sessions of `x` and the people, groups and order links they use.
    func programme(_ x: [Bool]) -> Programme {
        var p = input
        let kept = (0..<n).filter { x[$0] }.map { input.sessions[$0] }
        let ids = Set(kept.map(\.id))
        var used = Set<String>()
        for s in kept { for part in s.people { used.insert(part.person) } }
        p.sessions = kept.map { s in
            var s = s
            s.after = s.after.filter(ids.contains)
            return s
        }
        p.people = input.people.filter { used.contains($0.id) }
        p.groups = input.groups.compactMap { g in
            var g = g
            g.sessions = g.sessions.filter(ids.contains)
            return g.sessions.isEmpty ? nil : g
        }
        return p
    }

    // MARK: Reasons

    func infeasibleCaps(_ solution: ProgramSolution) -> [String] {
        var lines: [String] = []
        let caps = options.caps
        if !caps.minimumPerRegion.isEmpty || !caps.minimumPerGroup.isEmpty || !caps.baskets.isEmpty {
            let minima = caps.minimumPerRegion.map { "minimum per region \($0.name)=\($0.count)" }
                + caps.minimumPerGroup.map { "minimum per stakeholder group \($0.name)=\($0.count)" }
                + caps.baskets.map { "theme share \($0.name) \(percent($0.minimumPercent))–\(percent($0.maximumPercent))" }
            lines.append("no selection keeps every cap together: " + minima.joined(separator: ", ")
                + " cannot all be met within the room-slots and the per-organisation and per-person caps")
        } else {
            lines.append("no selection keeps every cap: the pinned and placed sessions alone break one")
        }
        if !solution.proven { lines.append("(the search stopped at its budget without finding a selection; a larger --max-nodes may find one)") }
        return lines
    }

    func percent(_ p: Double) -> String { p == p.rounded() ? "\(Int(p))%" : String(format: "%.1f%%", p) }

    func describe(_ row: Int, lhs: Int64, program: BinaryProgram, item: Int) -> String {
        switch rowKinds[row] {
        case .capacity(let rooms):
            let lowest = lowestAccepted(inRooms: rooms)
            let names = rooms.count <= 4 ? rooms.map { roomNames[Int($0)] }.joined(separator: ", ") : "\(rooms.count) rooms"
            var text = "capacity: the room-slots of \(names) are full"
            if let lowest { text += " (lowest accepted there: \(input.sessions[lowest].id), \(valueLabel(lowest)))" }
            return text
        case .places:
            var text = "capacity: all \(program.limits[row]) places are taken"
            if let lowest = lowestAccepted(inRooms: nil) { text += " (lowest accepted: \(input.sessions[lowest].id), \(valueLabel(lowest)))" }
            return text
        case .organisation(let org): return "organisation cap: \(org) has \(lhs)"
        case .person(let person): return "person cap: \(personLabel(person)) is in \(lhs)"
        case .basketMax(let b):
            let basket = options.caps.baskets[b]
            return "theme share: basket \(basket.name) would be above \(percent(basket.maximumPercent))"
        case .basketMin(let b):
            let basket = options.caps.baskets[b]
            return "theme share: basket \(basket.name) would fall below \(percent(basket.minimumPercent))"
        case .region(let name): return "minimum per region: \(name)"
        case .group(let name): return "minimum per stakeholder group: \(name)"
        }
    }

    var accepted: [Bool] = []

    func lowestAccepted(inRooms rooms: [Int32]?) -> Int? {
        let set = rooms.map(Set.init)
        var lowest: Int?
        for i in 0..<n where accepted[i] && forcedReason[i] == nil {
            if let set { guard let r = sessionRooms[i], r.allSatisfy(set.contains) else { continue } }
            if lowest == nil || baseValues[i] < baseValues[lowest!] { lowest = i }
        }
        return lowest
    }

    func valueLabel(_ i: Int) -> String {
        switch valueSource {
        case .rank:
            let s = input.sessions[i]
            return s.rank.map { "rank \($0) in \(s.themes.first ?? "no theme")" } ?? "no rank"
        default:
            return input.sessions[i].score.map { "score \(String(format: "%.2f", $0))" } ?? "no score"
        }
    }

    func result(_ x: [Bool], program: BinaryProgram, solution: ProgramSolution, rounds: [SelectionRound], checked: Bool?,
                excluded: [Bool], seconds: Double) -> SelectionResult {
        accepted = x
        let lhs = program.activity(x)
        var decisions: [SelectionDecision] = []
        for (i, s) in input.sessions.enumerated() {
            var reasons: [String] = []
            if x[i] {
                reasons.append(forcedReason[i] ?? "selected")
            } else if let why = unplaceable[i] {
                reasons.append(why)
            } else if excluded[i] {
                reasons.append("capacity: the solver could not place it in the accepted programme")
            } else {
                for e in program.entries[i] where e.coef > 0 && lhs[e.row] + e.coef > program.limits[e.row] {
                    reasons.append(describe(e.row, lhs: lhs[e.row], program: program, item: i))
                }
                if reasons.isEmpty {
                    reasons.append(program.values[i] <= 0 ? "value: its score is below zero"
                                   : "not in the best selection found (the search stopped at its budget)")
                }
            }
            decisions.append(SelectionDecision(session: s.id, accepted: x[i], forced: forcedReason[i] != nil,
                                               value: reportedValue(i), reasons: reasons))
        }
        let rejectedMask = x.map { !$0 }
        let scale = Double(n + 1) * (valueSource == .rank ? 1 : 100)
        // The program counts value·(n + 1) + 1 per session, so bound / (n + 1) bounds the value.
        let bound = solution.proven ? totalValue(x) : max(totalValue(x), solution.bound / scale)
        return SelectionResult(programme: programme(x), rejected: programme(rejectedMask), decisions: decisions, value: totalValue(x),
                               bound: bound, optimal: solution.proven, valueSource: valueSource, rounds: rounds,
                               placementChecked: checked, seconds: seconds)
    }
}

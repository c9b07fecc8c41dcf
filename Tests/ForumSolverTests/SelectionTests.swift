import Foundation
import Testing
import ForumModel
import ForumRules
import ForumFormats
@testable import ForumSolver

// `select` against an independent brute force: every subset of a small programme checked
// cap by cap with plain loops over the sessions (not the 0-1 program's rows).

/// A frame of one room (so no two sessions ever run in parallel and any set within the
/// room-slots can be placed), `days` days of `slots` 90-minute slots.
private func frame(days: Int, slots: Int, rooms: Int = 1) -> Programme {
    let starts = ["09:00", "10:45", "12:30", "14:15", "16:00"]
    let grid = (0..<slots).map { k -> Slot in
        let start = TimeOfDay(starts[k])!
        return Slot(start: start, end: start.adding(minutes: 90))
    }
    let first = LocalDate(year: 2025, month: 6, day: 2)
    return Programme(
        event: Event(name: "Selection Forum", acronym: "sel", timeZone: "Europe/Oslo", startDate: first,
                     endDate: LocalDate(dayNumber: first.dayNumber + days - 1)),
        days: (0..<days).map { Day(date: LocalDate(dayNumber: first.dayNumber + $0), slots: grid) },
        rooms: (0..<rooms).map { Room(id: "room-\($0 + 1)", name: "Room \($0 + 1)", capacity: 300) },
        themes: ["t1", "t2", "t3"].map { Theme(id: $0, title: $0.uppercased()) })
}

/// A random small selection problem: proposals with one-decimal scores, organisers from
/// three organisations, regions and groups, a pinned session sometimes, and random caps.
private func randomCase(seed: UInt64, proposals: Int) -> (Programme, SelectionCaps, capacity: Int) {
    var rng = SeededGenerator(seed: seed)
    let days = rng.int(in: 1...2), slots = rng.int(in: 2...4)
    var p = frame(days: days, slots: slots)
    let orgs = ["ISOC", "ICANN", "UNESCO"], regions = ["Africa", "WEOG", "Asia-Pacific"], groups = ["Civil society", "Government"]
    p.people = (0..<6).map { k in
        Person(id: "p\(k)", name: "Person \(k)", stakeholderGroup: groups[rng.int(below: groups.count)],
               region: regions[rng.int(below: regions.count)], organisation: orgs[rng.int(below: orgs.count)])
    }
    p.sessions = (0..<proposals).map { k in
        var people = [Participation(person: "p\(rng.int(below: 6))", role: .organiser)]
        if rng.int(below: 3) == 0 { people.append(Participation(person: "p\(rng.int(below: 6))", role: .speaker)) }
        return Session(id: "s\(k)", title: "Proposal \(k)", themes: ["t\(rng.int(in: 1...3))"], people: people,
                       score: Double(rng.int(in: 0...1000)) / 10)
    }
    if rng.int(below: 3) == 0 {
        p.sessions[rng.int(below: proposals)].placements = [Placement(day: p.days[0].date, start: p.days[0].slots[0].start, room: "room-1")]
    }
    var caps = SelectionCaps()
    if rng.int(below: 2) == 0 { caps.places = rng.int(in: 3...6) }
    if rng.int(below: 2) == 0 { caps.perOrganisation = rng.int(in: 1...3) }
    if rng.int(below: 2) == 0 { caps.perPerson = rng.int(in: 1...3) }
    if rng.int(below: 2) == 0 {
        let share = Double(rng.int(in: 3...7) * 10)
        caps.baskets = [ThemeBasket(name: "one", themes: ["t1"], minimumPercent: share - 10, maximumPercent: share + 10),
                        ThemeBasket(name: "rest", themes: ["t2", "t3"], minimumPercent: 90 - share, maximumPercent: 110 - share)]
        caps.shareBy = .count
    }
    if rng.int(below: 2) == 0 { caps.minimumPerRegion = [GroupMinimum(name: regions[rng.int(below: 3)], count: rng.int(in: 1...2))] }
    if rng.int(below: 3) == 0 { caps.minimumPerGroup = [GroupMinimum(name: groups[rng.int(below: 2)], count: rng.int(in: 1...3))] }
    return (p, caps, days * slots)
}

/// Whether the sessions in `chosen` keep every cap, counted directly from the programme.
private func keepsCaps(_ p: Programme, _ caps: SelectionCaps, capacity: Int, _ chosen: [Bool]) -> Bool {
    let picked = p.sessions.indices.filter { chosen[$0] }.map { p.sessions[$0] }
    for (s, c) in zip(p.sessions, chosen) where (s.pinned || !s.placements.isEmpty) && !c { return false }
    if picked.count > capacity { return false }
    if let places = caps.places, picked.count > places { return false }
    func leads(_ s: Session) -> [Person] {
        let organisers = s.people.filter { $0.role == .organiser }
        return Set((organisers.isEmpty ? s.people : organisers).map(\.person)).compactMap { p.person($0) }
    }
    func count(_ key: (Session) -> Set<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for s in picked { for k in key(s) { counts[k, default: 0] += 1 } }
        return counts
    }
    if let cap = caps.perOrganisation, count({ Set(leads($0).compactMap(\.organisation)) }).values.contains(where: { $0 > cap }) { return false }
    if let cap = caps.perPerson, count({ Set($0.people.map(\.person)) }).values.contains(where: { $0 > cap }) { return false }
    let regions = count { Set(leads($0).compactMap(\.region)) }
    for m in caps.minimumPerRegion where regions[m.name, default: 0] < m.count { return false }
    let groups = count { Set(leads($0).compactMap(\.stakeholderGroup)) }
    for m in caps.minimumPerGroup where groups[m.name, default: 0] < m.count { return false }
    if !caps.baskets.isEmpty {
        let inBaskets = picked.compactMap { s in caps.baskets.firstIndex { s.themes.first.map($0.themes.contains) ?? false } }
        for (b, basket) in caps.baskets.enumerated() {
            let mine = Double(inBaskets.filter { $0 == b }.count) * 100, all = Double(inBaskets.count)
            if mine > basket.maximumPercent * all || mine < basket.minimumPercent * all { return false }
        }
    }
    return true
}

/// The best value over every subset that keeps the caps (nil: none does), in hundredths.
private func bruteForce(_ p: Programme, _ caps: SelectionCaps, capacity: Int, value: (Int) -> Int) -> Int? {
    let n = p.sessions.count
    var best: Int?
    for mask in 0..<(1 << n) {
        let chosen = (0..<n).map { mask & (1 << $0) != 0 }
        guard keepsCaps(p, caps, capacity: capacity, chosen) else { continue }
        let v = (0..<n).filter { chosen[$0] }.map(value).reduce(0, +)
        if best == nil || v > best! { best = v }
    }
    return best
}

private func cents(_ v: Double) -> Int { Int((v * 100).rounded()) }

private func options(_ caps: SelectionCaps, check: Bool = true) -> SelectionOptions {
    SelectionOptions(caps: caps, maxNodes: nil, checkPlacement: check, solveMoves: 2_000)
}

@Suite struct SelectionTests {
    /// 60 seeded cases of 10–14 proposals: the selection's value is the brute force's, its
    /// set keeps every cap, and caps no subset keeps are reported as infeasible.
    @Test(arguments: 0..<60)
    func matchesBruteForce(seed: Int) throws {
        let (p, caps, capacity) = randomCase(seed: UInt64(seed) + 100, proposals: 10 + seed % 5)
        let expected = bruteForce(p, caps, capacity: capacity) { cents(p.sessions[$0].score ?? 0) }
        guard let expected else {
            #expect(throws: SelectionInfeasible.self) { try select(p, options: options(caps, check: false)) }
            return
        }
        let result = try select(p, options: options(caps))
        let chosen = p.sessions.map { s in result.decisions.first { $0.session == s.id }?.accepted ?? false }
        #expect(cents(result.value) == expected, "seed \(seed): select \(result.value), brute force \(Double(expected) / 100)")
        #expect(result.optimal)
        #expect(keepsCaps(p, caps, capacity: capacity, chosen), "seed \(seed): a cap is broken")
        #expect(result.placementChecked == true)
        #expect(result.programme.sessions.map(\.id) == p.sessions.indices.filter { chosen[$0] }.map { p.sessions[$0].id })
    }

    /// Rank mode: the value of rank r of N in a theme is 10000·(N + 1 − r)/N, and the selection
    /// still matches the brute force over those values.
    @Test(arguments: 0..<12)
    func rankValuesMatchBruteForce(seed: Int) throws {
        var (p, caps, capacity) = randomCase(seed: UInt64(seed) + 900, proposals: 12)
        var next: [String: Int] = [:]
        for i in p.sessions.indices {
            p.sessions[i].score = nil
            let theme = p.sessions[i].themes[0]
            next[theme, default: 0] += 1
            p.sessions[i].rank = next[theme]
        }
        func value(_ i: Int) -> Int {
            let s = p.sessions[i], top = next[s.themes[0]]!
            return Int((10000.0 * Double(top + 1 - s.rank!) / Double(top)).rounded())
        }
        guard let expected = bruteForce(p, caps, capacity: capacity, value: value) else {
            #expect(throws: SelectionInfeasible.self) { try select(p, options: options(caps, check: false)) }
            return
        }
        let result = try select(p, options: options(caps))
        #expect(result.valueSource == .rank)
        #expect(Int(result.value.rounded()) == expected)
        for d in result.decisions { #expect(Int(d.value) == value(p.sessions.firstIndex { $0.id == d.session }!)) }
    }

    /// A greedy pass by rank takes the best-ranked proposal first and is stuck with it; the
    /// selection finds the better pair (and the brute force agrees).
    @Test func beatsGreedyByRank() throws {
        // One room, one day, two back-to-back 90-minute slots: a 3-hour session takes both.
        var p = frame(days: 1, slots: 1)
        p.days[0].slots = [Slot(start: TimeOfDay(minutes: 540), end: TimeOfDay(minutes: 630)),
                           Slot(start: TimeOfDay(minutes: 630), end: TimeOfDay(minutes: 720))]
        p.sessions = [
            Session(id: "long-rank-1", title: "Three hours", themes: ["t1"], duration: 180, rank: 1),
            Session(id: "ws-rank-2", title: "Second", themes: ["t1"], rank: 2),
            Session(id: "ws-rank-3", title: "Third", themes: ["t1"], rank: 3),
        ]
        let result = try select(p, options: options(SelectionCaps()))
        // Values: 10000, 6667, 3333. Greedy by rank takes the first (10000) and nothing fits beside it.
        #expect(result.decisions.filter(\.accepted).map(\.session) == ["ws-rank-2", "ws-rank-3"])
        #expect(result.value == 10000 && result.optimal)
        let reason = try #require(result.decisions.first { $0.session == "long-rank-1" }?.reasons.first)
        #expect(reason.hasPrefix("capacity: the room-slots of room-1 are full"), "\(reason)")

        // Caps too: greedy by score fills ISOC's cap with its two best, then the region minimum
        // can only be met by a weak proposal; the optimum takes the strong WEOG one instead.
        var q = frame(days: 1, slots: 3)
        q.people = [Person(id: "a", name: "A", region: "Africa", organisation: "ISOC"),
                    Person(id: "b", name: "B", region: "WEOG", organisation: "ISOC"),
                    Person(id: "c", name: "C", region: "WEOG", organisation: "ICANN")]
        q.sessions = [
            Session(id: "x1", title: "x1", themes: ["t1"], people: [Participation(person: "b", role: .organiser)], score: 10),
            Session(id: "x2", title: "x2", themes: ["t1"], people: [Participation(person: "b", role: .organiser)], score: 9),
            Session(id: "x3", title: "x3", themes: ["t1"], people: [Participation(person: "a", role: .organiser)], score: 8.5),
            Session(id: "x4", title: "x4", themes: ["t1"], people: [Participation(person: "c", role: .organiser)], score: 1),
        ]
        let caps = SelectionCaps(perOrganisation: 2, minimumPerRegion: [GroupMinimum(name: "Africa", count: 1)])
        // Greedy: x1, x2 (ISOC full), x3 refused (ISOC), x4 -> 20, and no Africa at all.
        var greedy = [false, false, false, false]
        for i in [0, 1, 2, 3] {
            greedy[i] = true
            var relaxed = caps
            relaxed.minimumPerRegion = []
            if !keepsCaps(q, relaxed, capacity: 3, greedy) { greedy[i] = false }
        }
        #expect(greedy == [true, true, false, true])
        #expect(!keepsCaps(q, caps, capacity: 3, greedy))
        let best = try select(q, options: options(caps))
        #expect(best.decisions.filter(\.accepted).map(\.session) == ["x1", "x3", "x4"])
        #expect(cents(best.value) == bruteForce(q, caps, capacity: 3) { cents(q.sessions[$0].score ?? 0) })
        let x2 = try #require(best.decisions.first { $0.session == "x2" })
        #expect(x2.reasons.contains("organisation cap: ISOC has 2"), "\(x2.reasons)")
    }

    /// A larger generated programme (120 proposals, 8 rooms, 4 days): every cap holds, every
    /// rejected proposal has a reason, and the accepted programme solves with nothing unplaced.
    @Test func largerCaseKeepsEveryCapAndSolves() throws {
        var p = try ProgrammeGenerator.generate(GeneratorOptions(sessions: 120, rooms: 8, days: 4, seed: 5))
        var rng = SeededGenerator(seed: 11)
        for i in p.sessions.indices where !p.sessions[i].pinned { p.sessions[i].score = Double(rng.int(in: 0...500)) / 100 }
        let themes = p.themes.filter { !$0.crossCutting }.map(\.id)
        let regions = Array(Set(p.people.compactMap(\.region))).sorted()
        let caps = SelectionCaps(places: 80, perOrganisation: 4, perPerson: 4,
                                 baskets: [ThemeBasket(name: "a", themes: Array(themes.prefix(4)), minimumPercent: 40, maximumPercent: 60),
                                           ThemeBasket(name: "b", themes: Array(themes.dropFirst(4)), minimumPercent: 40, maximumPercent: 60)],
                                 minimumPerRegion: [GroupMinimum(name: regions[0], count: 10)])
        let result = try select(p, options: SelectionOptions(caps: caps, maxNodes: 200_000, solveMoves: 20_000))
        let chosen = p.sessions.map { s in result.decisions.first { $0.session == s.id }!.accepted }
        #expect(keepsCaps(p, caps, capacity: Int.max, chosen))
        #expect(chosen.filter { $0 }.count <= 80)
        #expect(result.placementChecked == true)
        for d in result.decisions where !d.accepted { #expect(!d.reasons.isEmpty) }
        for s in p.sessions where s.pinned { #expect(chosen[p.sessions.firstIndex(of: s)!]) }
        // The accepted programme reads back and the solver places every session of it.
        let text = ProgrammeWriter.yaml(result.programme)
        let back = try ProgrammeReader.read(text: text, file: "accepted.yaml")
        let solved = solve(back, options: SolverOptions(seed: 1, timeLimit: nil, maxMoves: 20_000))
        #expect(solved.feasible && solved.unplaced.isEmpty)
        #expect(result.value <= result.bound + 1e-9)
    }

    /// The same input and options give the same decisions and the same programme bytes.
    @Test func deterministic() throws {
        let (p, caps, _) = randomCase(seed: 4242, proposals: 14)
        var many = p
        for k in 0..<30 { many.sessions.append(Session(id: "extra-\(k)", title: "Extra \(k)", themes: ["t\(k % 3 + 1)"], score: Double(k % 7))) }
        let a = try? select(many, options: options(caps)), b = try? select(many, options: options(caps))
        #expect((a == nil) == (b == nil))
        if let a, let b {
            #expect(a.decisions == b.decisions)
            #expect(ProgrammeWriter.yaml(a.programme) == ProgrammeWriter.yaml(b.programme))
        }
    }

    /// Caps the pinned sessions break on their own, and minimums nobody can meet, are named.
    @Test func impossibleCapsAreNamed() throws {
        var p = frame(days: 1, slots: 2)
        p.people = [Person(id: "a", name: "A", region: "Africa")]
        p.sessions = [Session(id: "s", title: "s", themes: ["t1"], people: [Participation(person: "a", role: .organiser)], score: 1)]
        let error = try #require(throws: SelectionInfeasible.self) {
            try select(p, options: options(SelectionCaps(minimumPerRegion: [GroupMinimum(name: "Africa", count: 2)])))
        }
        #expect(error.reasons.contains { $0.contains("minimum per region: Africa needs 2") })
    }

    /// The branch and bound alone, on random 0-1 programs with mixed-sign rows, against
    /// enumeration.
    @Test(arguments: 0..<40)
    func programMatchesEnumeration(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) + 7000)
        let n = 10 + seed % 5
        var program = BinaryProgram(itemCount: n)
        for i in 0..<n { program.values[i] = Int64(rng.int(in: -20...100)) }
        for _ in 0..<rng.int(in: 1...6) {
            let coefs = (0..<n).compactMap { i -> (item: Int, coef: Int64)? in rng.int(below: 2) == 0 ? (i, Int64(rng.int(in: -3...5))) : nil }
            program.addRow(coefs, limit: Int64(rng.int(in: -2...8)))
        }
        if rng.int(below: 3) == 0 { program.forced[rng.int(below: n)] = true }
        if rng.int(below: 3) == 0 { let i = rng.int(below: n); if !program.forced[i] { program.excluded[i] = true } }
        var best: Int64?
        for mask in 0..<(1 << n) {
            let x = (0..<n).map { mask & (1 << $0) != 0 }
            if program.isFeasible(x) { best = max(best ?? .min, program.value(x)) }
        }
        let found = solveProgram(program, maxNodes: nil, timeLimit: nil)
        #expect(found.proven)
        #expect(found.x.map(program.value) == best, "seed \(seed)")
        if let x = found.x { #expect(program.isFeasible(x)) }
    }

    /// Rows are stored divided by their coefficients' common divisor: the same 0-1 vectors
    /// keep them as keep the rows written out.
    @Test(arguments: 0..<20)
    func dividedRowsKeepTheSameSelections(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) + 9100)
        let n = 9
        var program = BinaryProgram(itemCount: n)
        var raw: [([(item: Int, coef: Int64)], Int64)] = []
        for _ in 0..<3 {
            let factor = Int64(rng.int(in: 2...7))
            let coefs = (0..<n).compactMap { i -> (item: Int, coef: Int64)? in rng.int(below: 2) == 0 ? (i, factor * Int64(rng.int(in: -4...4))) : nil }
            let limit = Int64(rng.int(in: -15...15))
            raw.append((coefs, limit))
            program.addRow(coefs, limit: limit)
        }
        for mask in 0..<(1 << n) {
            let x = (0..<n).map { mask & (1 << $0) != 0 }
            let keepsRaw = raw.allSatisfy { row in row.0.reduce(Int64(0)) { $0 + (x[$1.item] ? $1.coef : 0) } <= row.1 }
            #expect(program.isFeasible(x) == keepsRaw, "seed \(seed), mask \(mask)")
        }
    }

    /// A share that the best items alone break: the greedy pass takes the ten best (all of
    /// basket A), the repair swaps until A holds at most 60%, and the result is the best
    /// selection there is: A's six best and B's four best.
    @Test func repairMeetsAShareTheGreedyPassBreaks() {
        let n = 20   // items 0..<10 in basket A (values 100…91), 10..<20 in B (values 50…41)
        var program = BinaryProgram(itemCount: n)
        for i in 0..<n { program.values[i] = Int64(i < 10 ? 100 - i : 60 - i) }
        program.addRow((0..<n).map { ($0, Int64(1)) }, limit: 10)                       // places
        // 100·A ≤ 60·(A + B): 40 per A item, −60 per B item.
        program.addRow((0..<n).map { ($0, $0 < 10 ? Int64(40) : Int64(-60)) }, limit: 0)
        let search = ProgramSearch(program, maxNodes: nil, timeLimit: nil)
        let repaired = search.greedyWithRepair(fixed: [Int8](repeating: -1, count: n), priority: program.values.map(Double.init))
        let x = try! #require(repaired)
        #expect(program.isFeasible(x))
        #expect(x == (0..<n).map { $0 < 6 || (10..<14).contains($0) })
        #expect(solveProgram(program, maxNodes: nil, timeLimit: nil).value == program.value(x))
    }

    /// On random programs with share and minimum rows, whatever the repair returns keeps
    /// every row.
    @Test(arguments: 0..<30)
    func repairReturnsOnlyFeasibleSelections(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) + 9300)
        let n = 24
        var program = BinaryProgram(itemCount: n)
        for i in 0..<n { program.values[i] = Int64(rng.int(in: 1...100)) }
        program.addRow((0..<n).map { ($0, Int64(1)) }, limit: Int64(rng.int(in: 4...12)))
        let basket = (0..<n).map { _ in rng.int(below: 2) == 0 }
        let share = Int64(rng.int(in: 30...70))
        program.addRow((0..<n).map { ($0, basket[$0] ? 100 - share : -share) }, limit: 0)
        program.addRow((0..<n).filter { _ in rng.int(below: 3) == 0 }.map { ($0, Int64(-1)) }, limit: -Int64(rng.int(in: 0...3)))
        let search = ProgramSearch(program, maxNodes: nil, timeLimit: nil)
        if let x = search.greedyWithRepair(fixed: [Int8](repeating: -1, count: n), priority: program.values.map(Double.init)) {
            #expect(program.isFeasible(x), "seed \(seed)")
        }
    }
}

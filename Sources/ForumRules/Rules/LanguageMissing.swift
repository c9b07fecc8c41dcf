import ForumModel

/// `language-missing`: the room interprets every language the session needs (its own and its
/// kind's) and has captioning when the session asks for it. Online sessions are left alone
/// (their interpretation is the platform's). The bare `interpretation` equipment tag of older
/// files is still equipment-missing's.
public final class LanguageMissing: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "language-missing", title: "Language or captioning missing", hard: true, weight: 1,
                       unit: "per language (or captioning) missing per placement",
                       sentence: "The room's booths interpret every language the session needs, and it has captioning when the session asks for it.")
    }
    public static var factors: PlacementFactors { .sessionRoom }
    public let table = PlacementTable()

    let captioning: [Bool]

    public init(_ problem: Problem) { captioning = problem.programme.sessions.map(\.captioning) }

    /// The languages (and "captioning") session `s` needs that room `r` lacks.
    func lacking(_ pr: Problem, _ s: Int, _ r: Int) -> [String] {
        guard r >= 0, pr.roomKnown[r], Int32(r) != pr.noRoom, !pr.programme.sessions[s].online else { return [] }
        let room = pr.rooms[r]
        var out = pr.sessionLanguages[s].filter { !room.languages.contains($0) }
        if captioning[s] && !room.captioning { out.append("captioning") }
        return out
    }

    public func sessionRoomUnits(_ pr: Problem, _ s: Int, _ r: Int) -> Int32 { Int32(lacking(pr, s, r).count) }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        let pr = e.problem, r = Int(pos.room), s = Int(pr.partSession[p])
        let lacks = lacking(pr, s, r)
        let languages = lacks.filter { $0 != "captioning" }
        let what = (languages.isEmpty ? [] : ["interpretation into \(languages.joined(separator: ", "))"]) + (lacks.contains("captioning") ? ["captioning"] : [])
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) needs \(what.joined(separator: " and ")), which \(e.roomLabel(r)) lacks, \(e.when(pos)).",
                 fix: "move it to a room whose booths offer \(lacks.joined(separator: ", ")) (`languages:`, `captioning:` on the room); \(e.suggestion(p, sameTime: true))")
    }

    /// Per placement in a venue room of the frame: needed languages the room lacks, plus one when captioning is needed and missing.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        var n = 0
        for p in at.indices where at[p].day >= 0 {
            let session = problem.session(ofPart: p)
            guard !session.online, let room = problem.programme.rooms.first(where: { $0.id == problem.roomIDs[Int(at[p].room)] }) else { continue }
            n += Set(problem.sessionLanguages[Int(problem.partSession[p])]).subtracting(room.languages).count
            if session.captioning && !room.captioning { n += 1 }
        }
        return n
    }

    public func unplacedReason(_ e: ScoreState, _ p: Int, domain: [Pos]) -> String {
        let s = Int(e.problem.partSession[p])
        let needs = e.problem.sessionLanguages[s] + (captioning[s] ? ["captioning"] : [])
        return "no free room offers all of \(needs.joined(separator: ", "))"
    }

    /// Languages no room, or too few rooms, offer.
    public func shortages(_ e: ScoreState, _ grid: GridCapacity) -> [String] {
        let pr = e.problem
        var lines: [String] = []
        for language in Array(Set(pr.sessionLanguages.joined())).sorted() {
            let sessions = (0..<pr.sessionCount).filter { pr.sessionLanguages[$0].contains(language) && !pr.programme.sessions[$0].online }
            guard !sessions.isEmpty else { continue }
            let need = sessions.reduce(0) { $0 + Int(pr.sessionPartCount[$1]) }
            let rooms = grid.knownRooms.filter { pr.rooms[$0].languages.contains(language) }
            if rooms.isEmpty {
                lines.append("\(need) sessions need interpretation into \(language), but no room offers it.")
                continue
            }
            let typical = sessions.map { pr.sessionDuration[$0] }.min() ?? 90
            let have = grid.roomSlots(rooms: rooms, minutes: typical)
            if need > have {
                lines.append("\(need) sessions need interpretation into \(language); the only rooms with it (\(rooms.map { pr.roomIDs[$0] }.joined(separator: ", "))) have \(have) room-slots.")
            }
        }
        return lines
    }
}

extension RuleID {
    /// `language-missing`
    public static var languageMissing: RuleID { LanguageMissing.definition.id }
}

import ForumModel

/// `moved-from-published`: once published, sessions stay where participants planned for them.
public final class MovedFromPublished: PlacementRule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "moved-from-published", title: "Moved from the published programme", hard: false, weight: 1000,
                       unit: "per placement changed from the published programme",
                       sentence: "Once published, sessions stay where participants planned for them.")
    }
    public static var factors: PlacementFactors { .part }
    public let table = PlacementTable()

    public init(_ problem: Problem) {}

    @inline(__always) public func partUnits(_ pr: Problem, _ p: Int, _ pos: Pos, _ key: PlacementKey) -> Int32 {
        guard let old = pr.published[p] else { return 0 }
        return old.day != pos.day || old.start != pos.start || old.room != pos.room ? 1 : 0
    }

    public func describe(_ e: ScoreState, _ p: Int, _ pos: Pos, units: Int, _ out: inout Findings) {
        guard let old = e.problem.published[p] else { return }
        out.emit(units: units, parts: [p], pos: pos,
                 message: "\(e.partLabel(p)) moved from \(e.dayText(old.day)) \(e.clock(old.start)) in \(e.roomLabel(Int(old.room))) (published) to \(e.when(pos)) in \(e.roomLabel(Int(pos.room))).",
                 fix: "tell its participants, or move it back if that is free")
    }

    /// Placed parts whose published placement had another day, start or room.
    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int {
        at.indices.filter { p in
            guard at[p].day >= 0, let old = problem.published[p] else { return false }
            return (old.day, old.start, old.room) != (at[p].day, at[p].start, at[p].room)
        }.count
    }
}

extension RuleID {
    /// `moved-from-published`
    public static var movedFromPublished: RuleID { MovedFromPublished.definition.id }
}

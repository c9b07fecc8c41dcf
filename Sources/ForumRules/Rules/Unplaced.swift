import ForumModel

/// `unplaced`: every session (every part of a series) has a room and a time.
public final class Unplaced: Rule {
    public static var definition: RuleDefinition {
        RuleDefinition(id: "unplaced", title: "Session not placed", hard: true, weight: 1,
                       unit: "per part without a placement",
                       sentence: "Every session (every part of a series) has a room and a time.")
    }

    public init(_ problem: Problem) {}

    public func initialUnits(_ e: ScoreState) -> Int { e.problem.partCount }
    @inline(__always) public func link(_ e: ScoreState, _ p: Int, _ s: Int, _ pos: Pos, _ key: PlacementKey, sign: Int) -> Int { -sign }
    @inline(__always) public func delta(_ e: ScoreState, _ m: Move) -> Int { 0 }

    /// One violation per session, at its first unplaced part.
    public func violations(_ e: ScoreState, _ out: inout Findings) {
        let pr = e.problem
        for si in 0..<pr.sessionCount {
            let first = Int(pr.sessionFirstPart[si])
            let missing = (first..<(first + Int(pr.sessionPartCount[si]))).filter { e.at[$0].day < 0 }
            guard let p = missing.first else { continue }
            let what = pr.sessionPartCount[si] > 1 ? "\(missing.count) of its \(pr.sessionPartCount[si]) parts have" : "it has"
            out.emit(units: missing.count, parts: [p], pos: nil,
                     message: "\(e.sessionLabel(si)) is not placed: \(what) no room and time.",
                     fix: "give it a placement, or run `forum solve`; \(e.suggestion(p, sameTime: false))")
        }
    }

    public static func recount(_ problem: Problem, _ at: [Pos]) -> Int { at.filter { $0.day < 0 }.count }
}

extension RuleID {
    /// `unplaced`
    public static var unplaced: RuleID { Unplaced.definition.id }
}
